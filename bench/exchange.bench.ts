/**
 * Exchange packages at scale.
 *
 * benchImport: a national-scale year into one installation (the worst case:
 * one municipality holding every school, with full identities): 665 school packages
 * with ~64,000 students and ~20,000 plans, made from synthetic records (the
 * demo generator is too slow to run 665 times), imported as one folder by
 * the real importer (ordering pass, strict reader, decryption, validation,
 * comparison, one transaction per package). Baseline: the same rows (the
 * ledger row and every record's canonical JSON) inserted into a fresh
 * database with raw prepared statements, one transaction per package, each
 * synced to disk; and the same with the importer's durability (one sync at
 * the end of the folder, see ImportService.commit). Peak
 * memory (RSS and heap) is sampled while the importer runs.
 * PUMPURS_BENCH_SCHOOLS=N runs a smaller year (the printed lines say so).
 *
 * benchExport: a 1,500-student demo school's semester export (collect from
 * SQLite, check every record, write, sign, encrypt, temporary file, ledger
 * row, rename) against the irreducible work on the same plaintext: age
 * encryption, SHA-256 and a stored ZIP written to disk.
 */
import { execFile } from 'node:child_process';
import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yazl from 'yazl';
import { RECORD_FILES, RECORD_TYPES, type RecordType } from '../src-shared/domain/exchange';
import { seededRandom as rng } from '../src-shared/domain/seeded-random';
import { makeTempDir, openTempDatabase } from '../src-main/db/testing/temp-db';
import { canonicalJson } from '../src-main/package-format/canonical-json';
import type { PackageRecord } from '../src-main/package-format/index';
import { encryptToRecipients } from '../src-main/package-format/writer';
import { generateDemoData } from '../src-main/services/demo-data/demo-data';
import { selfOrg } from '../src-main/services/exchange/keys-service';
import { checkExportable } from '../src-main/services/exchange/exportable';
import { writeFileAtomically } from '../src-main/services/exchange/files';
import { collectSchoolReport, readSchoolReport } from '../src-main/services/exchange/school-report';
import {
  ACTOR,
  link,
  makeAuthority,
  movableClock,
  openInstallation,
  RESOURCES_DIR,
  type Installation,
} from '../src-main/services/exchange/testing/exchange-fixture';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import { Encrypter } from 'age-encryption';
import type { ImportChildResult } from './import-child';
import { mib, ms, profiled, ratio, time, timeRoundRobin, type BenchResult } from './measure';

const profilingNote = () =>
  process.env.PUMPURS_BENCH_PROFILE ? ['(profiled run: the profiler slows the measured side, so its ratio reads worse than it is)'] : [];

export const NATIONAL = { schools: 665, students: 64_000, plans: 20_000 };
const NOW = '2026-02-10T10:00:00.000Z';
const UPDATED = '2026-01-20T10:00:00.000Z';

// ------------------------------------------------------------------ synthetic school reports

const KINDS = [
  { id: 'consultation.psychologist', category: 'consultation', unit: 'minutes', labelLv: 'Psihologa konsultācija', labelEn: 'Psychologist consultation' },
  {
    id: 'consultation.socialPedagogue',
    category: 'consultation',
    unit: 'minutes',
    labelLv: 'Sociālā pedagoga konsultācija',
    labelEn: 'Social pedagogue consultation',
  },
  { id: 'consultation.teacher', category: 'consultation', unit: 'minutes', labelLv: 'Pedagoga konsultācija', labelEn: 'Teacher consultation' },
  {
    id: 'compensation.publicTransport',
    category: 'compensation',
    unit: 'cents',
    labelLv: 'Sabiedriskā transporta izdevumu kompensācija',
    labelEn: 'Public transport costs',
  },
  { id: 'compensation.meals', category: 'compensation', unit: 'cents', labelLv: 'Ēdināšanas izdevumu kompensācija', labelEn: 'Meal costs' },
  { id: 'ngo.project', category: 'ngo', unit: 'participation', labelLv: 'Dalība jauniešu iniciatīvu projektā', labelEn: 'Youth NGO initiative project' },
] as const;

export type Report = Record<RecordType, PackageRecord[]>;

export function syntheticReport(
  school: number,
  students: number,
  plans: number,
  factors: ReadonlyArray<{ id: string; group: string; lv: string; en: string }>,
): Report {
  const random = rng(school + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const id = (kind: string, n: number) => `${school}-${kind}${n}`;
  const report: Report = { riskFactor: [], measureKind: [], student: [], screening: [], plan: [], measure: [], delivery: [], outcome: [] };
  report.riskFactor = factors.map((f) => ({
    id: f.id,
    version: 1,
    updatedAt: '2025-08-20T08:00:00.000Z',
    group: f.group,
    labelLv: f.lv,
    labelEn: f.en,
    source: 'catalogue',
    catalogueVersion: '2025.1',
    retired: false,
  }));
  report.measureKind = KINDS.map((k) => ({ ...k, version: 1, updatedAt: null }));
  for (let i = 0; i < students; i++) {
    const grade = 1 + (i % 12);
    report.student.push({
      id: id('s', i),
      version: 1 + (i % 3),
      updatedAt: UPDATED,
      firstName: pick(['Anna', 'Jānis', 'Līga', 'Pēteris', 'Marta', 'Roberts']),
      lastName: pick(['Bērziņa', 'Kalniņš', 'Ozola', 'Liepiņš', 'Eglīte']),
      personalCode: `${String(10 + (i % 18)).padStart(2, '0')}0${1 + (i % 9)}1${grade % 10}-2${String(school * 1000 + i)
        .padStart(4, '0')
        .slice(-4)}`,
      gender: i % 2 ? 'male' : 'female',
      educationLevel: 'general',
      grade,
      classLabel: `${grade}.a`,
      programme: '',
      status: 'active',
      leftOn: null,
    });
    const present = new Set([pick(factors).id, ...(random() < 0.5 ? [pick(factors).id] : [])]);
    report.screening.push({
      id: id('sc', i),
      version: 1,
      updatedAt: UPDATED,
      studentId: id('s', i),
      semesterId: '2025/26-2',
      screenedOn: '2026-01-15',
      answers: factors.map((f) => ({ riskFactorId: f.id, group: f.group, answer: present.has(f.id) ? 'present' : 'absent' })),
    });
  }
  let measureNo = 0;
  let deliveryNo = 0;
  for (let p = 0; p < plans; p++) {
    const planId = id('p', p);
    report.plan.push({
      id: planId,
      version: 4,
      updatedAt: UPDATED,
      code: `${school}-2025/26-2-${p + 1}`,
      studentId: id('s', p % students),
      semesterId: '2025/26-2',
      status: 'active',
      consentRecorded: true,
      consentOn: '2026-01-16',
      previousPlanId: null,
      createdAt: '2026-01-16T10:00:00.000Z',
      closedAt: null,
    });
    const outcomeMeasures: PackageRecord[] = [];
    for (let m = 0; m < 2; m++) {
      const kind = pick(KINDS);
      const measureId = id('m', measureNo++);
      report.measure.push({
        id: measureId,
        version: 1,
        updatedAt: UPDATED,
        planId,
        kindCode: kind.id,
        plannedMinutes: kind.category === 'consultation' ? 240 : null,
        plannedCents: kind.category === 'compensation' ? 6000 : null,
        startsOn: '2026-01-19',
        endsOn: '2026-05-29',
        riskFactorIds: [pick(factors).id],
      });
      const deliveries = kind.category === 'consultation' ? 4 : kind.category === 'compensation' ? 2 : 1;
      for (let d = 0; d < deliveries; d++) {
        report.delivery.push({
          id: id('d', deliveryNo++),
          version: 1,
          updatedAt: UPDATED,
          measureId,
          deliveredOn: `2026-0${1 + d}-2${d}`,
          minutes: kind.category === 'consultation' ? 45 : null,
          cents: kind.category === 'compensation' ? 2500 : null,
          receiptRef: kind.category === 'compensation' ? `Nr. ${1000 + d}` : null,
          studentConfirmed: kind.category === 'consultation' ? true : null,
        });
      }
      outcomeMeasures.push({ measureId, delivered: 'partial' });
    }
    if (p % 2 === 0)
      report.outcome.push({ id: planId, version: 4, updatedAt: UPDATED, planId, studentOutcome: 'continues', measures: outcomeMeasures, risks: [] });
  }
  return report;
}

/** Sizes that sum to the national totals, varying like real schools (small rural to 1,500-student city schools). */
export function schoolSizes(schools: number): Array<{ students: number; plans: number }> {
  const random = rng(42);
  const weights = Array.from({ length: schools }, () => 0.2 + random() ** 2 * 4);
  const total = weights.reduce((a, b) => a + b, 0);
  const scale = schools / NATIONAL.schools;
  return weights.map((w) => {
    const students = Math.max(5, Math.round((NATIONAL.students * scale * w) / total));
    return { students, plans: Math.max(1, Math.round((students * NATIONAL.plans) / NATIONAL.students)) };
  });
}

export function memorySampler() {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 25);
  return {
    peak,
    stop() {
      clearInterval(timer);
      sample();
    },
  };
}

export async function benchImport(): Promise<BenchResult> {
  const requested = Number(process.env.PUMPURS_BENCH_SCHOOLS ?? NATIONAL.schools);
  const schools = Number.isInteger(requested) && requested > 0 ? Math.min(requested, NATIONAL.schools) : NATIONAL.schools;
  const clock = movableClock(NOW);
  const catalogue = await loadRiskCatalogue(RESOURCES_DIR);
  const factors = catalogue.factors.map((f) => ({ id: f.id, group: f.group, lv: f.lv, en: f.en }));
  const muni = await makeAuthority(clock);
  let appClosed = false;
  try {
    const me = await muni.app.services.exchange.keys.ensure();
    const self = await selfOrg(muni.app.database.db);
    const inbox = join(muni.tmp.dir, 'inbox');
    await mkdir(inbox);
    const sizes = schoolSizes(schools);
    // The packages and key cards are made in a child process (make-import-packages.ts): making them allocates
    // and frees hundreds of megabytes, which this process would keep as RSS and count in the importer's peak.
    let ledger: MadePackage[] = [];
    const made = await time(1, async () => {
      ledger = await makePackagesInChild({
        dir: inbox,
        schools,
        createdAt: NOW,
        recipient: { id: self.id, ageRecipient: me.age.recipient, keyId: me.age.keyId },
        factors,
      });
      for (const l of ledger) await muni.app.services.exchange.enrolment.confirm(ACTOR, { path: l.cardPath, purpose: 'enrol', fingerprint: l.signer });
    });
    const bytes = ledger.reduce((n, l) => n + l.bytes, 0);
    const paths = ledger.map((l) => l.path);
    const totals = sizes.reduce((a, s) => ({ students: a.students + s.students, plans: a.plans + s.plans }), { students: 0, plans: 0 });

    // The import runs in a child process that holds what the app's main process holds (the main-side bundle, the
    // open installation) and nothing this process made or keeps: its peak RSS is the importer's (import-child.ts).
    // Twice, each on its own copy of the installation as it was before any import, alternating with the baseline.
    await muni.app.close();
    appClosed = true;
    const copies = [muni.dataDir, join(muni.tmp.dir, 'second-installation')];
    await cp(muni.dataDir, copies[1]!, { recursive: true });
    const importOnce = async (dataDir: string) => {
      const child = await importInChild({ dataDir, resourcesDir: RESOURCES_DIR, now: NOW, paths });
      if (child.refused.length > 0)
        throw new Error(`bench: ${child.refused.length} packages refused, first ${child.refused[0]?.code} ${child.refused[0]?.detail}`);
      if (child.imported !== schools) throw new Error(`bench: the child imported ${child.imported} of ${schools} packages`);
      return child;
    };

    // Baseline: the same rows into a fresh database with raw prepared statements, one transaction per package.
    // The rows are made again only now (the reports are deterministic), so they were not in memory while the importer ran.
    const packages = ledger.map((l, i) => {
      const report = syntheticReport(i, sizes[i]!.students, sizes[i]!.plans, factors);
      const rows = RECORD_TYPES.flatMap((t) =>
        report[t].map(
          (r) =>
            [t, String(r.id), Number(r.version), (r.updatedAt as string | null) ?? null, canonicalJson(r)] as [
              RecordType,
              string,
              number,
              string | null,
              string,
            ],
        ),
      );
      return { ...l, rows };
    });
    const records = packages.reduce((n, p) => n + p.rows.length, 0);
    // Importer and baseline in turn, twice each (I B I B): both sides get the same statistic (the best of two), and each
    // importer run is paired with the baseline run right after it. (Until the seventh pass one importer run was set
    // against the best of two baseline runs: a minimum of two against a single draw, which reads the ratio high.)
    const children: ImportChildResult[] = [];
    const baselineRuns: number[] = [];
    for (const dataDir of copies) {
      children.push(await importOnce(dataDir));
      baselineRuns.push((await time(1, () => rawInserts(packages, 'per-package'))).runs[0]!);
    }
    const best = children.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    const imported = { medianMs: best.medianMs, medianCpuMs: Math.min(...children.map((c) => c.medianCpuMs)) };
    const child = { ...best, peak: { rss: Math.max(...children.map((c) => c.peak.rss)), heap: Math.max(...children.map((c) => c.peak.heap)) } };
    const highWaterRss = Math.max(...children.map((c) => c.highWaterRss));
    const baseline = { runs: baselineRuns };
    const slowest = Math.max(...baseline.runs);
    const pairs = children.map((c, i) => c.medianMs / baselineRuns[i]!);
    // The same inserts with the importer's durability: no fsync per package, one at the end of the folder.
    const batchDurable = await time(2, () => rawInserts(packages, 'per-folder'));

    const scaleNote = schools === NATIONAL.schools ? 'national scale' : `scaled down to ${schools} of ${NATIONAL.schools} schools (PUMPURS_BENCH_SCHOOLS)`;
    return {
      name: `import a year: ${schools} school packages, ${totals.students} students, ${totals.plans} plans (${scaleNote})`,
      lines: [
        `records: ${records}, packages on disk: ${mib(bytes)} (made and enrolled in ${ms(made.medianMs)}, not counted)`,
        `importer, one folder, one transaction per package: ${ms(imported.medianMs)} (${ms(imported.medianMs / schools)} per package; best of 2 fresh installations: ${children.map((c) => ms(c.medianMs)).join(', ')})`,
        `raw prepared INSERTs of the same rows:              ${ms(Math.min(...baseline.runs))} (best of 2 fresh databases, each run after an importer run; slowest ${ms(slowest)})`,
        `ratio importer / raw inserts:                       ${ratio(imported.medianMs, Math.min(...baseline.runs))} (best of 2 against best of 2; the importer also verifies, decrypts, validates and compares)`,
        `  each importer run / the baseline run after it:   ${pairs.map((r) => `${r.toFixed(2)}x`).join(', ')}`,
        `raw INSERTs, one fsync per folder (as the importer): ${ms(Math.min(...batchDurable.runs))} (best of 2)`,
        `ratio importer / raw inserts with the same fsyncs:  ${ratio(imported.medianMs, Math.min(...batchDurable.runs))}`,
        `CPU time, importer / raw INSERTs (one fsync per folder): ${ms(imported.medianCpuMs)} / ${ms(Math.min(...batchDurable.cpuRuns))} = ${ratio(imported.medianCpuMs, Math.min(...batchDurable.cpuRuns))} (less swayed by a loaded machine; no disk waits)`,
        `peak while importing: RSS ${mib(child.peak.rss)}, heap ${mib(child.peak.heap)} (the importing process: Node, the main-side bundle, the open installation; sampled every 25 ms; the higher of the two runs)`,
        `when the import started: RSS ${mib(child.atStart.rss)}, heap ${mib(child.atStart.heap)}; the import added ${mib(child.peak.rss - child.atStart.rss)}`,
        `the importing process's high-water RSS (kernel VmHWM, start-up included): ${mib(highWaterRss)} (the higher of the two runs)`,
        ...profilingNote(),
      ],
    };
  } finally {
    if (appClosed) await muni.tmp.remove();
    else await muni.close();
  }
}

/**
 * Bundles import-child.ts as scripts/build.mjs bundles the app's main (one ESM file, the native modules external)
 * and runs it with plain Node: what it measured.
 */
async function importInChild(input: { dataDir: string; resourcesDir: string; now: string; paths: string[] }): Promise<ImportChildResult> {
  // Inside the project (dist/ is the build's), so the bundle's bare imports of the native modules resolve from
  // its node_modules as the app's do.
  const bundle = join(import.meta.dirname, '..', 'dist', 'bench', 'import-child.mjs');
  await esbuild({
    entryPoints: [join(import.meta.dirname, 'import-child.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    legalComments: 'none',
    external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'electron-updater'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', bundle, JSON.stringify(input)], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ImportChildResult;
}

/** What make-import-packages.ts made for one school. */
export interface MadePackage {
  sender: string;
  packageId: string;
  sumsHash: string;
  signer: string;
  cardPath: string;
  path: string;
  bytes: number;
}

/** Runs make-import-packages.ts in a child process (same Node, same tsx): what it made. */
async function makePackagesInChild(input: {
  dir: string;
  schools: number;
  createdAt: string;
  recipient: { id: string; ageRecipient: string; keyId: string };
  factors: unknown[];
}): Promise<MadePackage[]> {
  const script = join(import.meta.dirname, 'make-import-packages.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], { maxBuffer: 64 * 1024 * 1024 });
  const made = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as MadePackage[];
  if (made.length !== input.schools) throw new Error(`bench: the child made ${made.length} of ${input.schools} packages`);
  return made;
}

type RawPackage = { sender: string; packageId: string; sumsHash: string; signer: string; rows: Array<[RecordType, string, number, string | null, string]> };

/** The baseline: the ledger row and the records of every package, raw prepared INSERTs, one transaction per package, into a fresh database. */
async function rawInserts(packages: readonly RawPackage[], fsync: 'per-package' | 'per-folder'): Promise<void> {
  const baseDir = await makeTempDir('pumpurs-bench-raw-');
  const base = await openTempDatabase(baseDir.dir);
  try {
    const raw = base.raw;
    if (fsync === 'per-folder') raw.pragma('synchronous = NORMAL');
    const insertOrg = raw.prepare(
      "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'school', ?, 'sender', ?, 'bench', ?)",
    );
    for (const l of packages) insertOrg.run(l.sender, l.sender, NOW, NOW);
    const insertLedger = raw.prepare(
      `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
       VALUES (?, ?, 1, NULL, ?, ?, 'school-report', '2025/26-2', ?, ?, 'bench', 'bench', '{}', '[]')`,
    );
    const insertRecord = raw.prepare(
      `INSERT INTO imported_record (sender_id, period, record_type, record_id, version, updated_at, record, package_id, imported_at) VALUES (?, '2025/26-2', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPackage = raw.transaction((l: RawPackage) => {
      insertLedger.run(l.packageId, l.sender, l.sumsHash, l.signer, NOW, NOW);
      for (const [type, id, version, updatedAt, json] of l.rows) insertRecord.run(l.sender, type, id, version, updatedAt, json, l.packageId, NOW);
    });
    for (const l of packages) insertPackage(l);
    if (fsync === 'per-folder') raw.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    await base.close();
    await baseDir.remove();
  }
}

// ------------------------------------------------------------------ export of a large school

const EXPORT_STUDENTS = 1_500;
const EXPORT_RUNS = 11;
const SEMESTER = '2025/26-2';
/** A school year after the demo data's, with nothing in it. */
const EMPTY_YEAR = '2026/27';

/** The median of ours[i] / baseline[i]: each run against the one next to it in time. */
function pairRatio(ours: readonly number[], baseline: readonly number[]): string {
  const ratios = ours.map((o, i) => o / baseline[i]!).sort((a, b) => a - b);
  return `${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}x`;
}

async function zipStored(entries: Array<{ name: string; bytes: Buffer }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function benchExport(): Promise<BenchResult> {
  const clock = movableClock(NOW);
  let school: Installation | undefined;
  let muni: Installation | undefined;
  try {
    school = await openInstallation(clock, 'pumpurs-bench-export-');
    await generateDemoData(school.app.database.db, {
      students: EXPORT_STUDENTS,
      seed: 2025,
      today: NOW.slice(0, 10),
      riskCatalogue: await loadRiskCatalogue(RESOURCES_DIR),
    });
    // Set-up makes an installation's keys; this school is made from demo data alone, so it makes them here.
    await school.app.services.exchange.keys.ensure();
    muni = await makeAuthority(clock);
    await link(school, muni);
    const out = join(school.tmp.dir, 'out');
    await mkdir(out);
    let run = 0;
    let counts: Record<string, number> = {};
    const exportOnce = async () => {
      const result = await school!.app.services.exchange.exporter.export(ACTOR, { path: join(out, `report-${run++}.pumpurs`) });
      counts = result.counts;
    };
    // What an export costs before it carries any record: the same school, keys, recipient and ledger, a semester
    // with nothing in it (a school year after the demo's), so the reads find nothing and the package holds empty
    // files. It still signs, encrypts eight empty files, writes and syncs the package and files it in the ledger.
    await school.app.services.calendar.saveYear(ACTOR, {
      id: EMPTY_YEAR,
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      semesters: [
        { startsOn: '2026-09-01', endsOn: '2026-12-31' },
        { startsOn: '2027-01-04', endsOn: '2027-06-30' },
      ],
    });
    const emptyOnce = async () => {
      const result = await school!.app.services.exchange.exporter.export(ACTOR, { semesterId: `${EMPTY_YEAR}-1`, path: join(out, `empty-${run++}.pumpurs`) });
      if (RECORD_TYPES.some((t) => result.counts[t] !== 0)) throw new Error('bench: the empty semester carried records');
    };
    // The semester's reads and the school's check of every record: the part of an export that depends on the data
    // and that the baseline does not do.
    const readCheckOnce = () => {
      const report = readSchoolReport(school!.app.database.raw, { semesterId: SEMESTER });
      checkExportable(report.records, 'municipality');
    };

    const recipient = await muni.app.services.exchange.keys.ensure();
    const report = collectSchoolReport(school.app.database.raw, { semesterId: SEMESTER });
    const plaintexts = RECORD_TYPES.map((t) => ({
      name: `data/${RECORD_FILES[t]}.ndjson.age`,
      text: Buffer.from(report[t].map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8'),
    }));
    /** The baseline's work: each data file sealed with native age and hashed, then a stored zip of them. */
    const sealedZip = async () => {
      const entries: Array<{ name: string; bytes: Buffer }> = [];
      for (const p of plaintexts) {
        const bytes = await encryptToRecipients(p.text, [{ ageRecipient: recipient.age.recipient }]);
        createHash('sha256').update(bytes).digest('hex');
        entries.push({ name: p.name, bytes });
      }
      return zipStored(entries);
    };
    const baselineOnce = async () => {
      await writeFile(join(out, `baseline-${run++}.zip`), await sealedZip());
    };
    // The same, with the file written as the export writes its package (a temporary file synced, then renamed):
    // a figure for whoever restates the goal, not the goal's baseline (docs/performance.md, "Left for a next pass").
    const durableBaselineOnce = async () => {
      await writeFileAtomically(join(out, `durable-${run++}.zip`), await sealedZip());
    };
    // One of each first, not counted: the first call also compiles, loads the keys and warms the caches.
    await exportOnce();
    await baselineOnce();
    await emptyOnce();
    readCheckOnce();
    // Export and baseline alternate, 11 runs each (with the two parts after them): on this shared machine the load
    // swings within seconds, and alternating puts both sides under the same swings (timing 5 exports and then 6
    // baselines let a swing between the two read as a ratio of 4.5x in one run and 6.5x the next).
    await durableBaselineOnce();
    const { exported, baseline, empty, readCheck, durable } = await timeRoundRobin(EXPORT_RUNS, {
      exported: exportOnce,
      baseline: baselineOnce,
      empty: emptyOnce,
      readCheck: readCheckOnce,
      durable: durableBaselineOnce,
    });
    // A profile (PUMPURS_BENCH_PROFILE) of 5 more exports, after the figures, so the profiler slows neither side.
    if (process.env.PUMPURS_BENCH_PROFILE) await profiled('export', () => time(5, exportOnce));
    // The same baseline with the reference library's pure-JavaScript age, as the export used before issue 12.
    const referenceBaseline = await time(3, async () => {
      const entries: Array<{ name: string; bytes: Buffer }> = [];
      for (const p of plaintexts) {
        const encrypter = new Encrypter();
        encrypter.addRecipient(recipient.age.recipient);
        const bytes = Buffer.from(await encrypter.encrypt(p.text));
        createHash('sha256').update(bytes).digest('hex');
        entries.push({ name: p.name, bytes });
      }
      await writeFile(join(out, `reference-${run++}.zip`), await zipStored(entries));
    });
    return {
      name: `export a ${EXPORT_STUDENTS}-student school's semester (demo data)`,
      lines: [
        `records: ${counts.student} students, ${counts.screening} screenings, ${counts.plan} plans, ${counts.measure} measures, ${counts.delivery} deliveries`,
        `export (median of ${EXPORT_RUNS}, after one warm-up):  ${ms(exported.medianMs)}`,
        `age + sha256 + stored zip of same bytes:  ${ms(baseline.medianMs)} (median of ${EXPORT_RUNS}, alternating with the exports)`,
        `ratio export / baseline:                  ${ratio(exported.medianMs, baseline.medianMs)} (the export also reads SQLite, checks each record and signs)`,
        `CPU time, export / baseline:             ${ms(exported.medianCpuMs)} / ${ms(baseline.medianCpuMs)} = ${ratio(exported.medianCpuMs, baseline.medianCpuMs)} (less swayed by a loaded machine; no disk waits)`,
        `median of the ${EXPORT_RUNS} pairs' own ratios (each export / the baseline run after it): wall ${pairRatio(exported.runs, baseline.runs)}, CPU ${pairRatio(exported.cpuRuns, baseline.cpuRuns)}`,
        `same baseline, reference age library:     ${ms(referenceBaseline.medianMs)} (median of 3; the app's native age is ${ratio(referenceBaseline.medianMs, baseline.medianMs)} faster); the export against it: ${ratio(exported.medianMs, referenceBaseline.medianMs)} (the baseline as when issue 12 set the goal)`,
        `same baseline, file synced then renamed:  ${ms(durable.medianMs)} (median of ${EXPORT_RUNS}, in turn with the above); the export against it: ${ratio(exported.medianMs, durable.medianMs)}`,
        `where the export's time goes (medians of ${EXPORT_RUNS}, taken in turn with the above):`,
        `  an empty semester's export (sign, seal, sync, ledger; no record): ${ms(empty.medianMs)} = ${ratio(empty.medianMs, baseline.medianMs)} of the baseline (CPU ${ratio(empty.medianCpuMs, baseline.medianCpuMs)})`,
        `  reading the semester and checking each record:                   ${ms(readCheck.medianMs)} = ${ratio(readCheck.medianMs, baseline.medianMs)} of the baseline (CPU ${ratio(readCheck.medianCpuMs, baseline.medianCpuMs)})`,
        `  the rest (sealing the data: what the baseline does):             ${ms(exported.medianMs - empty.medianMs - readCheck.medianMs)} = ${ratio(exported.medianMs - empty.medianMs - readCheck.medianMs, baseline.medianMs)} of the baseline`,
        ...(process.env.PUMPURS_BENCH_PROFILE ? ['(profile: 5 further exports after the figures; the figures were not profiled)'] : []),
      ],
    };
  } finally {
    await school?.close();
    await muni?.close();
  }
}

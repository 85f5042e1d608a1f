/**
 * benchStateImport: the state's import of a national year: 43 municipality
 * state reports carrying 665 schools' semester (the synthetic school reports
 * of exchange.bench.ts, ~64,000 students, ~20,000 plans, pseudonymised and
 * minimised by the real minimiser under each municipality's own secret),
 * imported as one folder by the real importer (ordering, strict reader,
 * decryption, state-report validation, comparison, one transaction per
 * package). Baseline: the same rows (ledger row and every record's
 * canonical JSON) inserted with raw prepared statements into a fresh
 * database, one transaction per package. Peak memory is sampled while the
 * importer runs. PUMPURS_BENCH_SCHOOLS=N runs a smaller year (said so).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXCHANGE_SCHEMA_VERSION } from '../src-shared/domain/exchange';
import { STATE_RECORD_FILES, STATE_RECORD_TYPES, STATE_REPORT_KIND, type StateRecords } from '../src-shared/domain/state-report';
import { makeTempDir, openTempDatabase } from '../src-main/db/testing/temp-db';
import { encodeSignedStatement, generateInstallationKeys, makeKeyCard, writePackageWithReceipt, type PackageRecord } from '../src-main/package-format/index';
import { recordJson } from '../src-main/services/exchange/import-records';
import { selfOrg } from '../src-main/services/exchange/keys-service';
import { pseudonymiserFor } from '../src-main/services/exchange/pseudonym';
import { appendStateRecords, emptyStateRecords, minimiseSchool, type SchoolSnapshot } from '../src-main/services/exchange/state-report';
import { ACTOR, movableClock, RESOURCES_DIR } from '../src-main/services/exchange/testing/exchange-fixture';
import { stateInstallation } from '../src-main/services/exchange/testing/national-fixture';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import { memorySampler, NATIONAL, schoolSizes, syntheticReport } from './exchange.bench';
import { mib, ms, ratio, time, type BenchResult } from './measure';

const MUNICIPALITIES = 43;
const NOW = '2026-02-10T10:00:00.000Z';
const NO_DECISIONS = () => ({ approvedCents: null, paidCents: null });

/** Each municipality's report: its schools (every 43rd), minimised under its own secret. */
function municipalityReports(schools: number, factors: Parameters<typeof syntheticReport>[3]): StateRecords[] {
  const sizes = schoolSizes(schools);
  const secrets = Array.from({ length: MUNICIPALITIES }, (_, k) => pseudonymiserFor(Buffer.alloc(32, k + 1)));
  const reports = Array.from({ length: MUNICIPALITIES }, () => emptyStateRecords());
  for (const [i, size] of sizes.entries()) {
    const k = i % MUNICIPALITIES;
    const report = syntheticReport(i, size.students, size.plans, factors);
    const snapshot = { ...(report as unknown as Omit<SchoolSnapshot, 'school'>), school: { id: String(4_000_000_000 + i), name: `Skola ${i + 1}` } };
    appendStateRecords(reports[k]!, minimiseSchool(snapshot, secrets[k]!, NO_DECISIONS));
  }
  return reports;
}

export async function benchStateImport(): Promise<BenchResult> {
  const requested = Number(process.env.PUMPURS_BENCH_SCHOOLS ?? NATIONAL.schools);
  const schools = Number.isInteger(requested) && requested >= MUNICIPALITIES ? Math.min(requested, NATIONAL.schools) : NATIONAL.schools;
  const clock = movableClock(NOW);
  const catalogue = await loadRiskCatalogue(RESOURCES_DIR);
  const factors = catalogue.factors.map((f) => ({ id: f.id, group: f.group, lv: f.lv, en: f.en }));
  const state = await stateInstallation(clock);
  try {
    const me = await state.app.services.exchange.keys.ensure();
    const self = await selfOrg(state.app.database.db);
    const inbox = join(state.tmp.dir, 'inbox');
    await mkdir(inbox);
    const ledger: Array<{ sender: string; packageId: string; sumsHash: string; signer: string }> = [];
    let bytes = 0;
    let students = 0;
    const made = await time(1, async () => {
      const reports = municipalityReports(schools, factors);
      for (const [k, report] of reports.entries()) {
        const id = `novads-${k + 1}`;
        students += report.student.length;
        const keys = await generateInstallationKeys();
        const cardPath = join(state.tmp.dir, `${id}.card.json`);
        await writeFile(cardPath, encodeSignedStatement(makeKeyCard({ org: { kind: 'municipality', id, name: `Novads ${k + 1}` }, keys, createdAt: NOW })));
        await state.app.services.exchange.enrolment.confirm(ACTOR, { path: cardPath, purpose: 'enrol', fingerprint: keys.signing.keyId });
        const packageId = randomUUID();
        const written = await writePackageWithReceipt({
          sender: { id, kind: 'municipality', signingKey: keys.signing.privateKey },
          recipients: [{ id: self.id, ageRecipient: me.age.recipient, keyId: me.age.keyId }],
          kind: STATE_REPORT_KIND,
          period: { schoolYear: '2025/26', semester: 2 },
          seq: 1,
          prevSums: null,
          packageId,
          createdAt: NOW,
          appVersion: '0.1.0',
          schemaVersion: EXCHANGE_SCHEMA_VERSION,
          files: STATE_RECORD_TYPES.map((t) => ({ name: STATE_RECORD_FILES[t], records: report[t] as unknown as PackageRecord[] })),
        });
        await writeFile(join(inbox, `${id}.pumpurs`), written.bytes);
        bytes += written.bytes.length;
        ledger.push({ sender: id, packageId, sumsHash: written.sumsHash, signer: keys.signing.keyId });
      }
    });
    const paths = ledger.map((l) => join(inbox, `${l.sender}.pumpurs`));

    global.gc?.();
    const sampler = memorySampler();
    let result: Awaited<ReturnType<typeof state.app.services.exchange.importer.commit>> | undefined;
    const imported = await time(1, async () => {
      result = await state.app.services.exchange.importer.commit(ACTOR, paths);
    });
    sampler.stop();
    const refused = result!.files.filter((f) => f.status !== 'imported');
    if (refused.length > 0) throw new Error(`bench: ${refused.length} packages refused, first ${refused[0]?.code} ${refused[0]?.detail}`);

    // Baseline rows made again only now, so they were not in memory while the importer ran.
    const reports = municipalityReports(schools, factors);
    const packages = ledger.map((l, k) => ({
      ...l,
      rows: STATE_RECORD_TYPES.flatMap((t) => (reports[k]![t] as Array<{ id: string }>).map((r) => [t, r.id, recordJson(r)] as [string, string, string])),
    }));
    const records = packages.reduce((n, p) => n + p.rows.length, 0);
    const baseline = await time(2, () => rawInserts(packages));
    const scaleNote = schools === NATIONAL.schools ? 'national scale' : `scaled down to ${schools} of ${NATIONAL.schools} schools (PUMPURS_BENCH_SCHOOLS)`;
    return {
      name: `state import of a year: ${MUNICIPALITIES} municipality reports carrying ${schools} schools, ${students} pseudonymous students (${scaleNote})`,
      lines: [
        `records: ${records}, packages on disk: ${mib(bytes)} (minimised, made and enrolled in ${ms(made.medianMs)}, not counted)`,
        `importer, one folder, one transaction per package: ${ms(imported.medianMs)} (${ms(imported.medianMs / MUNICIPALITIES)} per package)`,
        `raw prepared INSERTs of the same rows:              ${ms(Math.min(...baseline.runs))} (best of 2 fresh databases)`,
        `ratio importer / raw inserts:                       ${ratio(imported.medianMs, Math.min(...baseline.runs))} (the importer also verifies, decrypts, validates and compares)`,
        `peak while importing: RSS ${mib(sampler.peak.rss)}, heap ${mib(sampler.peak.heap)}`,
      ],
    };
  } finally {
    await state.close();
  }
}

type RawPackage = { sender: string; packageId: string; sumsHash: string; signer: string; rows: Array<[string, string, string]> };

async function rawInserts(packages: readonly RawPackage[]): Promise<void> {
  const baseDir = await makeTempDir('pumpurs-bench-state-raw-');
  const base = await openTempDatabase(baseDir.dir);
  try {
    const raw = base.raw;
    const insertOrg = raw.prepare(
      "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'municipality', ?, 'sender', ?, 'bench', ?)",
    );
    for (const l of packages) insertOrg.run(l.sender, l.sender, NOW, NOW);
    const insertLedger = raw.prepare(
      `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
       VALUES (?, ?, 1, NULL, ?, ?, 'state-report', '2025/26-2', ?, ?, 'bench', 'bench', '{}', '[]')`,
    );
    const insertRecord = raw.prepare(
      `INSERT INTO imported_record (sender_id, period, record_type, record_id, version, updated_at, record, package_id, imported_at) VALUES (?, '2025/26-2', ?, ?, 1, NULL, ?, ?, ?)`,
    );
    const insertPackage = raw.transaction((l: RawPackage) => {
      insertLedger.run(l.packageId, l.sender, l.sumsHash, l.signer, NOW, NOW);
      for (const [type, id, json] of l.rows) insertRecord.run(l.sender, type, id, json, l.packageId, NOW);
    });
    for (const l of packages) insertPackage(l);
  } finally {
    await base.close();
    await baseDir.remove();
  }
}

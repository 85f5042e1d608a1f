/**
 * The national chain by services: two schools of Madonas novads and one of
 * Rēzeknes novads send their semesters up; each municipality forwards a
 * state report for two semesters; a state vocational school reports
 * straight to the state; the state imports everything.
 *
 * The identifier scan decrypts every state-level package and scans every
 * field of every record for every name, personal code (with and without its
 * hyphen), anything shaped like a personal code, and every free-text value
 * of the source schools' databases; then scans the state's database after
 * the import the same way. The pseudonym test follows one student through
 * two schools, two semesters and two municipalities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEASURE_KIND_CODES, STATE_RECORD_FILES, STATE_RECORD_TYPES, type StateStudentRecord } from '../../../src-shared/domain/state-report';
import { STATE_ORG_ID } from '../../../src-shared/domain/exchange';
import { createFileSecretStore } from '../../ports/secret-store';
import { pathsFor } from '../../ports/paths';
import { ACTOR, dumpDatabase, link, movableClock, RESOURCES_DIR, type Installation } from './testing/exchange-fixture';
import {
  identifiersOf,
  municipalityNamed,
  openPackage,
  scanDatabase,
  scanValue,
  schoolIn,
  stateInstallation,
  tmpFile,
  type Finding,
  type Identifiers,
} from './testing/national-fixture';
import { normalisePersonalCode, PSEUDONYM_SECRET, pseudonymiserFor } from './pseudonym';
import type { PackageRecord } from '../../package-format/index';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const TODAY = '2026-02-10';
const SEMESTERS = ['2024/25-2', '2025/26-1'] as const;
const SHARED_CODE = '150610-21234';
const CUSTOM_LABEL = 'Slepenā skolas piezīme Zebra';

let schoolA: Installation;
let schoolB: Installation;
let schoolC: Installation;
let vocational: Installation;
let madona: Installation;
let rezekne: Installation;
let state: Installation;
const statePackages: Array<{ path: string; sender: Installation; semester: string }> = [];

/** A student of `school` who travels in every one of SEMESTERS (has a plan, or a screening with a risk present, in each). */
function travellingStudent(school: Installation): string {
  const row = school.raw
    .prepare(
      `SELECT student_id FROM (
         SELECT student_id, semester_id FROM plan
         UNION SELECT s.student_id, s.semester_id FROM screening s JOIN screening_answer a ON a.screening_id = s.id WHERE a.answer = 'present'
       ) WHERE semester_id IN (?, ?) GROUP BY student_id HAVING count(DISTINCT semester_id) = 2 ORDER BY student_id LIMIT 1`,
    )
    .get(...SEMESTERS) as { student_id: string } | undefined;
  if (!row) throw new Error('demo school has no student at risk in both semesters');
  return row.student_id;
}

beforeAll(async () => {
  schoolA = await schoolIn(clock, {
    municipality: 'Madonas novads',
    regNo: '4313900456',
    name: 'Madonas pilsētas vidusskola',
    seed: 7,
    students: 160,
    today: TODAY,
  });
  schoolB = await schoolIn(clock, { municipality: 'Madonas novads', regNo: '4313900789', name: 'Lubānas vidusskola', seed: 8, students: 160, today: TODAY });
  schoolC = await schoolIn(clock, { municipality: 'Rēzeknes novads', regNo: '4213900111', name: 'Maltas vidusskola', seed: 9, students: 160, today: TODAY });
  vocational = await schoolIn(clock, {
    municipality: 'Rīga',
    regNo: '9000012345',
    name: 'Rīgas Valsts tehnikums',
    seed: 10,
    students: 160,
    today: TODAY,
    schoolType: 'stateVocational',
  });
  madona = await municipalityNamed(clock, 'Madonas novads');
  rezekne = await municipalityNamed(clock, 'Rēzeknes novads');
  state = await stateInstallation(clock);

  // One student, one personal code, in three schools of two municipalities.
  for (const school of [schoolA, schoolB, schoolC]) {
    school.raw.prepare('UPDATE student SET personal_code = ? WHERE id = ?').run(SHARED_CODE, travellingStudent(school));
  }
  // A risk factor school A added itself, found present: only its group may reach the state.
  schoolA.raw
    .prepare(
      "INSERT INTO risk_factor (id, risk_group, label_lv, label_en, source, catalogue_version, sort_order, retired_at, created_at) VALUES ('family.customZebra', 'family', ?, ?, 'custom', 'custom', 999, NULL, '2024-09-01T00:00:00.000Z')",
    )
    .run(CUSTOM_LABEL, CUSTOM_LABEL);
  const screening = schoolA.raw
    .prepare('SELECT id FROM screening WHERE semester_id = ? AND student_id = (SELECT id FROM student WHERE personal_code = ?)')
    .get(SEMESTERS[0], SHARED_CODE) as { id: string } | undefined;
  if (screening)
    schoolA.raw
      .prepare(
        "INSERT INTO screening_answer (screening_id, risk_factor_id, answer, justification) VALUES (?, 'family.customZebra', 'present', 'Zebra piezīme')",
      )
      .run(screening.id);

  for (const [school, muni] of [
    [schoolA, madona],
    [schoolB, madona],
    [schoolC, rezekne],
  ] as const) {
    await link(school, muni);
    for (const semester of SEMESTERS) {
      const file = tmpFile(school, `${semester.replace('/', '-')}.pumpurs`);
      await school.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: semester });
      const imported = await muni.app.services.exchange.importer.commit(ACTOR, [file]);
      expect(imported.files[0]?.status).toBe('imported');
    }
  }
  for (const sender of [madona, rezekne, vocational]) {
    await link(sender, state);
    for (const semester of SEMESTERS) {
      const path = tmpFile(sender, `state-${semester.replace('/', '-')}.pumpurs`);
      const result = await sender.app.services.exchange.exporter.export(ACTOR, { path, semesterId: semester });
      expect(result.recipient.id).toBe(STATE_ORG_ID);
      statePackages.push({ path, sender, semester });
    }
  }
}, 240_000);

afterAll(async () => {
  for (const inst of [schoolA, schoolB, schoolC, vocational, madona, rezekne, state]) await inst?.close();
});

async function sourceIdentifiers(): Promise<Identifiers> {
  const ids = identifiersOf(schoolA.raw);
  for (const school of [schoolB, schoolC, vocational]) identifiersOf(school.raw, ids);
  return ids;
}

describe('state report', () => {
  it('the scan knows what it looks for: names, codes both ways, free text, and finds them in a school package', async () => {
    const ids = await sourceIdentifiers();
    expect(ids.texts.has(SHARED_CODE)).toBe(true);
    expect(ids.texts.has(normalisePersonalCode(SHARED_CODE))).toBe(true);
    expect(ids.texts.has(CUSTOM_LABEL)).toBe(true);
    expect(ids.words.size).toBeGreaterThan(100);
    expect(ids.texts.size).toBeGreaterThan(500);
    // The same scan over a school's package to its municipality finds plenty: it can fail.
    const schoolPackage = tmpFile(schoolA, `${SEMESTERS[0].replace('/', '-')}.pumpurs`);
    const files = await openPackage(schoolPackage, schoolA, madona, clock);
    const findings = scanValue(files, ids, 'school-package');
    expect(findings.some((f) => f.what.startsWith('name:'))).toBe(true);
    expect(findings.some((f) => f.what.startsWith('code-shaped:'))).toBe(true);
  });

  it('no state-level package carries a name, a personal code, anything shaped like one, or any free text', async () => {
    const ids = await sourceIdentifiers();
    expect(statePackages).toHaveLength(6);
    let records = 0;
    const findings: Finding[] = [];
    for (const p of statePackages) {
      const files = await openPackage(p.path, p.sender, state, clock);
      expect(Object.keys(files).sort()).toEqual(Object.values(STATE_RECORD_FILES).sort());
      for (const [file, list] of Object.entries(files)) {
        records += list.length;
        list.forEach((record, i) => scanValue(record, ids, `${p.semester}/${file}#${i}`, findings));
      }
    }
    expect(records).toBeGreaterThan(300);
    expect(findings).toEqual([]);
  });

  it('a school’s own risk factor reaches the state as its group only; exact dates do not travel', async () => {
    const p = statePackages.find((x) => x.sender === madona && x.semester === SEMESTERS[0]);
    if (!p) throw new Error('no package');
    const files = await openPackage(p.path, madona, state, clock);
    const present = files.screenings!.flatMap((s) => s.present as Array<{ riskFactorId: string | null; group: string }>);
    expect(present.some((f) => f.riskFactorId === null && f.group === 'family')).toBe(true);
    expect(JSON.stringify(files)).not.toContain('customZebra');
    // Months only: no YYYY-MM-DD anywhere.
    expect(JSON.stringify(files)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('the state imports every package (dry run first, nothing written by it) and its database holds no identifier either', async () => {
    const paths = statePackages.map((p) => p.path);
    const before = dumpDatabase(state.raw, { except: ['audit_log'] });
    const dry = await state.app.services.exchange.importer.preview(ACTOR, paths);
    expect(dry.files.map((f) => f.status)).toEqual(paths.map(() => 'ready'));
    expect(dumpDatabase(state.raw, { except: ['audit_log'] })).toEqual(before);
    const done = await state.app.services.exchange.importer.commit(ACTOR, paths);
    expect(done.files.map((f) => [f.status, f.code])).toEqual(paths.map(() => ['imported', null]));
    const held = state.raw.prepare("SELECT count(*) AS n FROM imported_record WHERE record_type = 'student'").get() as { n: number };
    expect(held.n).toBeGreaterThan(20);
    const findings = scanDatabase(state.raw, await sourceIdentifiers());
    expect(findings).toEqual([]);
  });

  it('one student keeps one pseudonym in two schools of one municipality and two semesters, and gets another under another municipality', async () => {
    const pseudonymsOf = async (sender: Installation, semester: string): Promise<Map<string, string>> => {
      const p = statePackages.find((x) => x.sender === sender && x.semester === semester);
      if (!p) throw new Error('no package');
      const files = await openPackage(p.path, sender, state, clock);
      return new Map((files.students as unknown as StateStudentRecord[]).map((s) => [`${s.schoolId}/${s.id}`, s.pseudonym]));
    };
    const madonaSecret = await createFileSecretStore(pathsFor(madona.dataDir, RESOURCES_DIR).secretsDir).get(PSEUDONYM_SECRET);
    const rezekneSecret = await createFileSecretStore(pathsFor(rezekne.dataDir, RESOURCES_DIR).secretsDir).get(PSEUDONYM_SECRET);
    if (!madonaSecret || !rezekneSecret) throw new Error('municipality has no pseudonymisation secret');
    expect(madonaSecret.equals(rezekneSecret)).toBe(false);
    const inMadona = pseudonymiserFor(madonaSecret).pseudonym(SHARED_CODE);
    const inRezekne = pseudonymiserFor(rezekneSecret).pseudonym(SHARED_CODE);
    expect(inMadona).not.toBe(inRezekne);
    // The hyphen does not matter: the code is normalised first.
    expect(pseudonymiserFor(madonaSecret).pseudonym(SHARED_CODE.replace('-', ''))).toBe(inMadona);

    for (const semester of SEMESTERS) {
      const madonaStudents = await pseudonymsOf(madona, semester);
      const schoolsWithHim = [...madonaStudents].filter(([, p]) => p === inMadona).map(([k]) => k.split('/')[0]);
      expect(schoolsWithHim.sort()).toEqual(['4313900456', '4313900789']);
      const rezekneStudents = await pseudonymsOf(rezekne, semester);
      expect([...rezekneStudents.values()].filter((p) => p === inRezekne)).toHaveLength(1);
      expect([...rezekneStudents.values()]).not.toContain(inMadona);
    }
  });

  it('the secret stays home: it is in no package and in no database', async () => {
    const secret = await createFileSecretStore(pathsFor(madona.dataDir, RESOURCES_DIR).secretsDir).get(PSEUDONYM_SECRET);
    if (!secret) throw new Error('no secret');
    const hex = secret.toString('hex');
    const b64 = secret.toString('base64');
    for (const p of statePackages) {
      const text = JSON.stringify(await openPackage(p.path, p.sender, state, clock));
      expect(text.includes(hex) || text.includes(b64)).toBe(false);
    }
    for (const inst of [madona, state]) {
      const dump = JSON.stringify(dumpDatabase(inst.raw));
      expect(dump.includes(hex) || dump.includes(b64)).toBe(false);
    }
  });

  it('the municipality’s preview counts what the package holds, per school and record type, and lists the fields', async () => {
    const preview = await madona.app.services.exchange.stateReport.preview(ACTOR, { semesterId: SEMESTERS[1] });
    expect(preview.schools.map((s) => s.id).sort()).toEqual(['4313900456', '4313900789']);
    const p = statePackages.find((x) => x.sender === madona && x.semester === SEMESTERS[1]);
    if (!p) throw new Error('no package');
    const files = await openPackage(p.path, madona, state, clock);
    for (const type of STATE_RECORD_TYPES) {
      expect(preview.total[type], type).toBe((files[STATE_RECORD_FILES[type]] as PackageRecord[]).length);
      expect(preview.schools.reduce((n, s) => n + s.counts[type], 0)).toBe(preview.total[type]);
    }
    expect(preview.fields.student).toContain('pseudonym');
    expect(preview.fields.student).not.toContain('personalCode');
  });

  it('the measure kinds whose codes may travel are exactly the ones every installation ships (migration 0003)', () => {
    const shipped = (schoolA.raw.prepare('SELECT code FROM measure_kind ORDER BY code').all() as Array<{ code: string }>).map((k) => k.code);
    expect([...DEFAULT_MEASURE_KIND_CODES].sort()).toEqual(shipped);
  });

  it('each forward to the state is audited at the municipality, with who, what and the counts per school', () => {
    const rows = madona.raw
      .prepare("SELECT actor_id, entity, entity_id, detail FROM audit_log WHERE action = 'export' AND entity = 'package' ORDER BY id")
      .all() as Array<{ actor_id: string; entity_id: string; detail: string }>;
    expect(rows).toHaveLength(2);
    const ledger = madona.raw.prepare("SELECT package_id FROM exchange_export WHERE kind = 'state-report' ORDER BY seq").all() as Array<{ package_id: string }>;
    expect(rows.map((r) => r.entity_id)).toEqual(ledger.map((l) => l.package_id));
    for (const row of rows) {
      expect(row.actor_id).toBe(ACTOR.userId);
      const detail = JSON.parse(row.detail) as { kind: string; recipient: string; schools: Array<{ id: string; counts: Record<string, number> }> };
      expect(detail.kind).toBe('state-report');
      expect(detail.recipient).toBe(STATE_ORG_ID);
      expect(detail.schools.map((x) => x.id).sort()).toEqual(['4313900456', '4313900789']);
    }
  });
});

/**
 * School -> municipality by services: a demo school exports, the
 * municipality enrols it and imports; the municipality then holds exactly
 * the school's records minus free text, compared record by record against
 * an expectation computed here straight from the school's tables.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES, type RecordType } from '../../../src-shared/domain/exchange';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 300, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

type Row = Record<string, unknown>;
const all = (inst: Installation, sql: string, ...params: unknown[]) => inst.raw.prepare(sql).all(...params) as Row[];

/** What must arrive for a semester, derived independently of the exporter from the school's tables. */
function expectedRecords(semesterId: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const put = (type: RecordType, record: Row) => out.set(`${type}/${String(record.id)}`, record);
  const plans = all(school, 'SELECT * FROM plan WHERE semester_id = ?', semesterId);
  const atRisk = all(
    school,
    `SELECT DISTINCT s.student_id FROM screening s JOIN screening_answer a ON a.screening_id = s.id WHERE s.semester_id = ? AND a.answer = 'present'`,
    semesterId,
  ).map((r) => r.student_id);
  const studentIds = new Set([...plans.map((p) => p.student_id), ...atRisk]);
  for (const s of all(school, 'SELECT * FROM student')) {
    if (!studentIds.has(s.id)) continue;
    put('student', {
      id: s.id,
      version: s.version,
      updatedAt: s.updated_at,
      firstName: s.first_name,
      lastName: s.last_name,
      personalCode: s.personal_code,
      gender: s.gender,
      educationLevel: s.education_level,
      grade: s.grade,
      classLabel: s.class_label,
      programme: s.programme,
      status: s.status,
      leftOn: s.left_on,
    });
  }
  const factorIds = new Set<unknown>();
  for (const s of all(school, 'SELECT * FROM screening WHERE semester_id = ?', semesterId)) {
    if (!studentIds.has(s.student_id)) continue;
    const answers = all(
      school,
      'SELECT a.risk_factor_id, a.answer, f.risk_group FROM screening_answer a JOIN risk_factor f ON f.id = a.risk_factor_id WHERE a.screening_id = ? ORDER BY a.risk_factor_id',
      s.id,
    );
    answers.forEach((a) => factorIds.add(a.risk_factor_id));
    put('screening', {
      id: s.id,
      version: s.version,
      updatedAt: s.updated_at,
      studentId: s.student_id,
      semesterId,
      screenedOn: s.screened_on,
      answers: answers.map((a) => ({ riskFactorId: a.risk_factor_id, group: a.risk_group, answer: a.answer })),
    });
  }
  const kindCodes = new Set<unknown>();
  for (const p of plans) {
    put('plan', {
      id: p.id,
      version: p.version,
      updatedAt: p.updated_at,
      code: p.code,
      studentId: p.student_id,
      semesterId,
      status: p.status,
      consentRecorded: p.consent_on !== null,
      consentOn: p.consent_on,
      previousPlanId: p.previous_plan_id,
      createdAt: p.created_at,
      closedAt: p.closed_at,
    });
    const measures = all(school, 'SELECT * FROM measure WHERE plan_id = ?', p.id);
    for (const m of measures) {
      kindCodes.add(m.kind_code);
      const risks = all(school, 'SELECT risk_factor_id FROM measure_risk WHERE measure_id = ? ORDER BY risk_factor_id', m.id).map((r) => r.risk_factor_id);
      risks.forEach((f) => factorIds.add(f));
      put('measure', {
        id: m.id,
        version: m.version,
        updatedAt: m.updated_at,
        planId: p.id,
        kindCode: m.kind_code,
        plannedMinutes: m.planned_minutes,
        plannedCents: m.planned_cents,
        startsOn: m.starts_on,
        endsOn: m.ends_on,
        riskFactorIds: risks,
        youthProjectId: m.youth_project_id,
      });
      for (const d of all(school, 'SELECT * FROM delivery WHERE measure_id = ?', m.id)) {
        put('delivery', {
          id: d.id,
          version: d.version,
          updatedAt: d.updated_at,
          measureId: m.id,
          deliveredOn: d.delivered_on,
          minutes: d.minutes,
          cents: d.cents,
          receiptRef: d.receipt_ref,
          studentConfirmed: d.student_confirmed === null ? null : d.student_confirmed === 1,
        });
      }
    }
    const mo = all(school, 'SELECT o.* FROM measure_outcome o JOIN measure m ON m.id = o.measure_id WHERE m.plan_id = ? ORDER BY o.measure_id', p.id);
    const ro = all(school, 'SELECT * FROM risk_outcome WHERE plan_id = ? ORDER BY risk_factor_id', p.id);
    const po = all(school, 'SELECT * FROM plan_outcome WHERE plan_id = ?', p.id)[0];
    ro.forEach((r) => factorIds.add(r.risk_factor_id));
    if (mo.length + ro.length > 0 || po) {
      const stamps = [...mo, ...ro, ...(po ? [po] : [])].map((r) => String(r.evaluated_at)).sort();
      put('outcome', {
        id: p.id,
        version: p.version,
        updatedAt: stamps[stamps.length - 1],
        planId: p.id,
        studentOutcome: po?.student_outcome ?? null,
        measures: mo.map((o) => ({ measureId: o.measure_id, delivered: o.delivered })),
        risks: ro.map((r) => ({ riskFactorId: r.risk_factor_id, change: r.change })),
      });
    }
  }
  for (const f of all(school, 'SELECT * FROM risk_factor')) {
    if (!factorIds.has(f.id)) continue;
    put('riskFactor', {
      id: f.id,
      version: 1,
      updatedAt: f.retired_at ?? f.created_at,
      group: f.risk_group,
      labelLv: f.label_lv,
      labelEn: f.label_en,
      source: f.source,
      catalogueVersion: f.catalogue_version,
      retired: f.retired_at !== null,
    });
  }
  for (const k of all(school, 'SELECT * FROM measure_kind')) {
    if (kindCodes.has(k.code))
      put('measureKind', { id: k.code, version: 1, updatedAt: null, category: k.category, unit: k.unit, labelLv: k.label_lv, labelEn: k.label_en });
  }
  return out;
}

function heldRecords(semesterId: string): Map<string, unknown> {
  const rows = all(muni, 'SELECT record_type, record_id, record, withdrawn_at FROM imported_record WHERE period = ?', semesterId);
  expect(rows.every((r) => r.withdrawn_at === null)).toBe(true);
  return new Map(rows.map((r) => [`${String(r.record_type)}/${String(r.record_id)}`, JSON.parse(String(r.record))]));
}

/** Every free text the school holds that is long enough to recognise: none of it may reach the municipality. */
function schoolFreeTexts(): string[] {
  const texts = [
    ...all(school, "SELECT note AS t FROM screening WHERE note <> ''"),
    ...all(school, "SELECT justification AS t FROM screening_answer WHERE justification <> ''"),
    ...all(school, "SELECT goals AS t FROM plan WHERE goals <> ''"),
    ...all(school, 'SELECT consent_by AS t FROM plan WHERE consent_by IS NOT NULL'),
    ...all(school, "SELECT comment AS t FROM plan_status_change WHERE comment <> ''"),
    ...all(school, 'SELECT justification AS t FROM measure'),
    ...all(school, "SELECT note AS t FROM delivery WHERE note <> ''"),
    ...all(school, 'SELECT over_plan_reason AS t FROM delivery WHERE over_plan_reason IS NOT NULL'),
    ...all(school, "SELECT note AS t FROM plan_outcome WHERE note <> ''"),
    ...all(school, 'SELECT display_name AS t FROM staff_user'),
  ].map((r) => String(r.t));
  return [...new Set(texts)].filter((t) => t.length >= 8);
}

describe('school -> municipality round trip (services)', () => {
  it('exports, previews, imports, and the municipality holds exactly the school records minus free text', async () => {
    const file = join(school.tmp.dir, 'report.pumpurs');
    const exported = await school.app.services.exchange.exporter.export(ACTOR, { path: file });
    expect(exported).toMatchObject({ seq: 1, semesterId: '2025/26-2', recipient: { kind: 'municipality', id: 'madonas-novads' } });
    expect(exported.counts.plan).toBeGreaterThan(10);

    const before = dumpDatabase(muni.raw);
    const preview = await muni.app.services.exchange.importer.preview(ACTOR, [file]);
    expect(dumpDatabase(muni.raw)).toEqual(before);
    const previewed = preview.files[0]!;
    expect(previewed).toMatchObject({ status: 'ready', code: null, seq: 1, semesterId: '2025/26-2', sender: { id: '4313900456' }, warnings: [] });
    const expected = expectedRecords('2025/26-2');
    expect(previewed.summary?.total).toEqual({ created: expected.size, updated: 0, unchanged: 0, withdrawn: 0, conflicts: 0 });

    expect(muni.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(muni.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const committed = await muni.app.services.exchange.importer.commit(ACTOR, [file]);
    expect(committed.files[0]).toMatchObject({ status: 'imported', summary: previewed.summary });
    // The folder ran with one sync at its end (ImportService.withFolderDurability); every later write is FULL again.
    expect(muni.raw.pragma('synchronous', { simple: true })).toBe(2);
    // and with fewer checkpoints; afterwards SQLite's default again.
    expect(muni.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const held = heldRecords('2025/26-2');
    expect([...held.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, record] of expected) expect(held.get(key), key).toEqual(record);
    for (const type of RECORD_TYPES) expect(exported.counts[type], type).toBe([...expected.keys()].filter((k) => k.startsWith(`${type}/`)).length);

    const cells = Object.values(dumpDatabase(muni.raw))
      .flat()
      .flatMap((row) => Object.values(JSON.parse(String(row)) as Row))
      .filter((v): v is string => typeof v === 'string');
    const freeTexts = schoolFreeTexts();
    expect(freeTexts.length).toBeGreaterThan(20);
    const leaked = freeTexts.filter((t) => cells.some((c) => c.includes(t) || c.includes(JSON.stringify(t).slice(1, -1))));
    expect(leaked).toEqual([]);
    // Nobody outside a plan or a present risk travels.
    const schoolStudents = all(school, 'SELECT count(*) AS n FROM student')[0]!.n as number;
    expect([...held.keys()].filter((k) => k.startsWith('student/')).length).toBeLessThan(schoolStudents / 2);

    const ledger = all(muni, 'SELECT package_id, sender_id, seq, sums_hash, operator_id FROM exchange_import');
    expect(ledger).toEqual([{ package_id: exported.packageId, sender_id: '4313900456', seq: 1, sums_hash: exported.sumsHash, operator_id: ACTOR.userId }]);
    expect(all(muni, "SELECT action, entity_id FROM audit_log WHERE action = 'import'")).toEqual([{ action: 'import', entity_id: exported.packageId }]);
    expect(all(school, "SELECT action, entity_id FROM audit_log WHERE action = 'export' AND entity = 'package'")).toEqual([
      { action: 'export', entity_id: exported.packageId },
    ]);
  });

  it('imports the same package again as a harmless ALREADY_IMPORTED, changing nothing', async () => {
    const file = join(school.tmp.dir, 'report.pumpurs');
    const before = dumpDatabase(muni.raw);
    const again = await muni.app.services.exchange.importer.commit(ACTOR, [file]);
    expect(again.files[0]).toMatchObject({ status: 'alreadyImported', code: 'ALREADY_IMPORTED', messageKey: 'errors.code.ALREADY_IMPORTED' });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('takes the next package on the stream: seq 2 chained by prevSums, changes counted, a withdrawn delivery marked', async () => {
    const delivery = all(
      school,
      `SELECT d.id FROM delivery d JOIN measure m ON m.id = d.measure_id JOIN plan p ON p.id = m.plan_id WHERE p.semester_id = '2025/26-2' LIMIT 1`,
    )[0]!;
    school.raw.prepare('DELETE FROM delivery WHERE id = ?').run(delivery.id);
    const student = all(school, `SELECT student_id AS id FROM plan WHERE semester_id = '2025/26-2' LIMIT 1`)[0]!;
    school.raw.prepare("UPDATE student SET grade = 12, version = version + 1, updated_at = '2026-02-11T08:00:00.000Z' WHERE id = ?").run(student.id);
    clock.set('2026-02-11T10:00:00.000Z');
    const file = join(school.tmp.dir, 'report-2.pumpurs');
    const exported = await school.app.services.exchange.exporter.export(ACTOR, { path: file });
    expect(exported.seq).toBe(2);
    const result = await muni.app.services.exchange.importer.commit(ACTOR, [file]);
    const only = result.files[0]!;
    expect(only).toMatchObject({ status: 'imported', warnings: [] });
    expect(only.summary?.byType.delivery).toMatchObject({ withdrawn: 1, created: 0, updated: 0 });
    expect(only.summary?.byType.student).toMatchObject({ updated: 1, created: 0, withdrawn: 0 });
    const withdrawn = all(muni, "SELECT withdrawn_package_id FROM imported_record WHERE record_type = 'delivery' AND record_id = ?", delivery.id);
    expect(withdrawn).toEqual([{ withdrawn_package_id: exported.packageId }]);
    const live = new Map(
      all(muni, "SELECT record_type, record_id, record FROM imported_record WHERE period = '2025/26-2' AND withdrawn_at IS NULL").map((r) => [
        `${String(r.record_type)}/${String(r.record_id)}`,
        JSON.parse(String(r.record)),
      ]),
    );
    expect(live).toEqual(expectedRecords('2025/26-2'));
  });

  it("keeps the school's export ledger: every package sent, newest first, with its recipient, period and counts (issue 16, item 13)", async () => {
    const ledger = await school.app.services.exchange.exporter.ledger(ACTOR);
    expect(ledger.map((p) => [p.seq, p.period, p.recipient.id, p.kind])).toEqual([
      [2, '2025/26-2', 'madonas-novads', 'school-report'],
      [1, '2025/26-2', 'madonas-novads', 'school-report'],
    ]);
    expect(ledger[1]!.counts.plan).toBeGreaterThan(10);
    expect(ledger[0]!.createdAt).toBe('2026-02-11T10:00:00.000Z');
    await expect(school.app.services.exchange.exporter.ledger({ ...ACTOR, roles: ['readOnly'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows the municipality its schools, plans and counts', async () => {
    const schools = await muni.app.services.exchange.imported.schools(ACTOR, { semesterId: '2025/26-2' });
    expect(schools.schools).toHaveLength(1);
    expect(schools.schools[0]).toMatchObject({ org: { id: '4313900456', kind: 'school' }, lastPackage: { seq: 2 }, alerts: 0 });
    const none = await muni.app.services.exchange.imported.schools(ACTOR, { semesterId: '2025/26-1' });
    expect(none.schools[0]?.lastPackage).toBeNull();

    const plans = await muni.app.services.exchange.imported.plans(ACTOR, { schoolId: '4313900456', semesterId: '2025/26-2' });
    const schoolPlans = all(
      school,
      "SELECT p.code, s.last_name FROM plan p JOIN student s ON s.id = p.student_id WHERE p.semester_id = '2025/26-2' ORDER BY p.code",
    );
    expect(plans.plans.map((p) => [p.plan.code, p.student.lastName])).toEqual(schoolPlans.map((p) => [p.code, p.last_name]));

    const counts = await muni.app.services.exchange.imported.counts(ACTOR, { semesterId: '2025/26-2' });
    const expectedMeasures = all(
      school,
      "SELECT m.kind_code, count(*) AS n FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.semester_id = '2025/26-2' GROUP BY m.kind_code ORDER BY m.kind_code",
    );
    expect(counts.rows.map((r) => [r.kindCode, r.measures])).toEqual(expectedMeasures.map((r) => [r.kind_code, r.n]));
    const cents = all(
      school,
      "SELECT coalesce(sum(d.cents), 0) AS c FROM delivery d JOIN measure m ON m.id = d.measure_id JOIN plan p ON p.id = m.plan_id WHERE p.semester_id = '2025/26-2'",
    )[0]!.c;
    expect(counts.rows.reduce((sum, r) => sum + r.cents, 0)).toBe(cents);

    // Kinds read with the school's own labels (its measure-kinds records), not only as codes.
    const schoolKinds = new Map(
      all(school, 'SELECT code, label_lv, label_en FROM measure_kind').map((k) => [k.code, { labelLv: k.label_lv, labelEn: k.label_en }]),
    );
    expect(counts.rows.length).toBeGreaterThan(0);
    for (const row of counts.rows) expect(row.kind).toEqual(schoolKinds.get(row.kindCode));
    const measures = plans.plans.flatMap((p) => p.measures);
    expect(measures.length).toBeGreaterThan(0);
    for (const m of measures) expect(m.kind).toEqual(schoolKinds.get(m.measure.kindCode));
  });
});

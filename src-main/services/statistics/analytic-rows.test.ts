/**
 * A school report's factor and student rows built from the parsed records
 * (analytic-rows.ts, the import's path) equal those SQLite builds from the
 * stored JSON (analytic-model.ts, the path of buildMissingAnalytics and
 * retention), and so does everything built after them from those rows (the
 * plans read the students' groups; the summary counts read both), on varied
 * slices: catalogue and own factors, factors the school names with another
 * group, answers present, absent and unknown, answers naming a factor no
 * longer held, students screened twice or never, vocational and general
 * students of every grade, and records withdrawn by a later edition.
 * analytic-model.test.ts holds the two paths equal over real imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../src-shared/domain/screening';
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { RISK_CHANGES, STUDENT_OUTCOMES } from '../../../src-shared/domain/semester-end';
import { seededRandom } from '../../../src-shared/domain/seeded-random';
import type { OpenedDatabase } from '../../db/connection';
import { makeTempDir, openTempDatabase, type TempDir } from '../../db/testing/temp-db';
import { recordJson } from '../exchange/import-records';
import { rebuildAnalytics } from './analytic-model';
import type { ParsedRecord } from './analytic-rows';

const PERIOD = '2025/26-2';
const AT = '2026-02-10T10:00:00.000Z';
const SLICE_TABLES = ['stat_student', 'stat_factor', 'stat_plan', 'stat_measure', 'stat_measure_risk', 'stat_risk_outcome', 'stat_unit_total'] as const;
const SUMMED_TABLES = ['stat_overview_count', 'stat_overview_all', 'stat_overview_measure', 'stat_effect_count'] as const;

let tmp: TempDir;
let opened: OpenedDatabase;

beforeAll(async () => {
  tmp = await makeTempDir();
  opened = await openTempDatabase(tmp.dir);
});
afterAll(async () => {
  await opened?.close();
  await tmp?.remove();
});

interface Slice {
  live: ParsedRecord[];
  withdrawn: ParsedRecord[];
}

/** A school report's records, varied by seed; some of them withdrawn (held but no longer live). */
function sliceOf(seed: number): Slice {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const records: ParsedRecord[] = [];
  const add = (type: string, value: { id: string } & Record<string, unknown>) => records.push({ type, id: value.id, value });

  const factors = Array.from({ length: 3 + Math.floor(rnd() * 8) }, (_, i) => {
    // Ids that sort in both orders against group names, some own factors, some sharing a group.
    const source = rnd() < 0.6 ? 'catalogue' : 'custom';
    const id = source === 'catalogue' ? `${pick(RISK_GROUPS)}.f${i}` : `own-${seed}-${i}`;
    const value = { id, version: 1, updatedAt: AT, group: pick(RISK_GROUPS), labelLv: 'L', labelEn: 'L', source, catalogueVersion: '1', retired: rnd() < 0.1 };
    add('riskFactor', value);
    return value;
  });
  // Kinds of the default list, kinds the school added (with and without a category prefix), one with no kind record.
  const kindCodes = ['consultation.psychologist', 'compensation.meals', 'ngo.project', 'ngo.ownClub', 'sports', 'compensation.bus', '.dot'];
  for (const [i, id] of kindCodes.entries()) {
    if (i === kindCodes.length - 1) continue;
    add('measureKind', {
      id,
      version: 1,
      updatedAt: null,
      category: pick(['consultation', 'compensation', 'ngo']),
      unit: 'minutes',
      labelLv: 'K',
      labelEn: 'K',
    });
  }
  const kinds = [...kindCodes, 'unknown.kind'];
  const students = Array.from({ length: 1 + Math.floor(rnd() * 25) }, (_, i) => {
    const value = {
      id: `s${seed}-${i}`,
      version: 1,
      updatedAt: AT,
      firstName: 'A',
      lastName: 'B',
      personalCode: '010110-12345',
      gender: pick(['female', 'male']),
      educationLevel: rnd() < 0.2 ? 'vocational' : 'general',
      grade: 1 + Math.floor(rnd() * 12),
      classLabel: '1.a',
      programme: '',
      status: 'active',
      leftOn: null,
    };
    add('student', value);
    return value;
  });
  let n = 0;
  for (const s of students) {
    // Most screened once, some twice, some never.
    const times = rnd() < 0.15 ? 0 : rnd() < 0.1 ? 2 : 1;
    for (let t = 0; t < times; t++) {
      const answers = factors
        .filter(() => rnd() < 0.7)
        // The answer's own group differs from the factor record's now and then: the record's wins.
        .map((f) => ({ riskFactorId: f.id, group: rnd() < 0.2 ? pick(RISK_GROUPS) : f.group, answer: rnd() < 0.4 ? 'present' : pick(ANSWERS) }));
      // An answer naming a factor the slice no longer holds (its record withdrawn below, or never sent).
      if (rnd() < 0.2) answers.push({ riskFactorId: `gone-${seed}-${n}`, group: pick(RISK_GROUPS), answer: 'present' });
      add('screening', { id: `sc${seed}-${n++}`, version: 1, updatedAt: AT, studentId: s.id, semesterId: PERIOD, screenedOn: '2026-01-10', answers });
    }
    for (let k = rnd() < 0.4 ? 1 + Math.floor(rnd() * 2) : 0; k > 0; k--) {
      const plan = {
        id: `p-${s.id}-${k}`,
        version: 1,
        updatedAt: AT,
        studentId: s.id,
        semesterId: PERIOD,
        code: `K-${s.id}`,
        status: pick(['draft', 'active', 'closed']),
      };
      add('plan', plan);
      const measureIds: string[] = [];
      for (let j = Math.floor(rnd() * 4); j > 0; j--) {
        const measure = {
          id: `m-${plan.id}-${j}`,
          version: 1,
          updatedAt: AT,
          planId: plan.id,
          kindCode: pick(kinds),
          plannedMinutes: rnd() < 0.2 ? null : Math.floor(rnd() * 600),
          plannedCents: rnd() < 0.2 ? null : Math.floor(rnd() * 10_000),
          // Now and then a factor twice over (two own factors of one group share a key).
          riskFactorIds: factors.filter(() => rnd() < 0.3).map((f) => f.id),
        };
        add('measure', measure);
        measureIds.push(measure.id);
        for (let d = Math.floor(rnd() * 3); d > 0; d--) {
          add('delivery', {
            id: `d-${measure.id}-${d}`,
            version: 1,
            updatedAt: AT,
            measureId: measure.id,
            minutes: rnd() < 0.2 ? null : 30,
            cents: rnd() < 0.2 ? null : 500,
          });
        }
      }
      // A measure of a plan that is not held.
      if (rnd() < 0.05)
        add('measure', { id: `m-orphan-${plan.id}`, version: 1, updatedAt: AT, planId: `gone-${plan.id}`, kindCode: pick(kinds), riskFactorIds: [] });
      if (rnd() < 0.6) {
        add('outcome', {
          id: plan.id,
          version: 1,
          updatedAt: AT,
          planId: plan.id,
          studentOutcome: rnd() < 0.2 ? null : pick(STUDENT_OUTCOMES),
          risks: [
            ...factors.filter(() => rnd() < 0.4).map((f) => ({ riskFactorId: f.id, change: pick(RISK_CHANGES) })),
            ...(rnd() < 0.1 ? [{ riskFactorId: `gone-${n}`, change: pick(RISK_CHANGES) }] : []),
          ],
          measures: measureIds.map((measureId) => ({ measureId, delivered: 'full' })),
        });
      }
    }
  }
  // A later edition withdrew some records: held, not live.
  const live: ParsedRecord[] = [];
  const withdrawn: ParsedRecord[] = [];
  for (const r of records) (rnd() < 0.08 ? withdrawn : live).push(r);
  return { live, withdrawn };
}

function store(sender: string, slice: Slice): void {
  const raw = opened.raw;
  raw
    .prepare("INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'school', ?, 'sender', ?, 'test', ?)")
    .run(sender, sender, AT, AT);
  raw
    .prepare(
      `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
       VALUES (?, ?, 1, NULL, '${'ab'.repeat(32)}', 'k', 'school-report', ?, ?, ?, 'test', 'test', '{}', '[]')`,
    )
    .run(`pkg-${sender}`, sender, PERIOD, AT, AT);
  const insert = raw.prepare(
    `INSERT INTO imported_record (sender_id, period, record_type, record_id, version, updated_at, record, package_id, imported_at, withdrawn_package_id, withdrawn_at)
     VALUES (?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?)`,
  );
  for (const r of slice.live) insert.run(sender, PERIOD, r.type, r.id, recordJson(r.value), `pkg-${sender}`, AT, null, null);
  for (const r of slice.withdrawn) insert.run(sender, PERIOD, r.type, r.id, recordJson(r.value), `pkg-${sender}`, AT, `pkg-${sender}`, AT);
}

function snapshot(sender: string): Record<string, string[]> {
  const raw = opened.raw;
  const rows = (sql: string, ...args: string[]) => (raw.prepare(sql).all(...args) as object[]).map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries([
    ...SLICE_TABLES.map((t) => [t, rows(`SELECT * FROM ${t} WHERE sender_id = ? AND period = ?`, sender, PERIOD)]),
    ...SUMMED_TABLES.map((t) => [t, rows(`SELECT * FROM ${t}`)]),
  ]);
}

describe('factor and student rows from parsed records', () => {
  it('equal those SQLite builds from the stored records, and so does everything built from them, on 60 varied slices', () => {
    const raw = opened.raw;
    let factorRows = 0;
    let atRisk = 0;
    let notScreened = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const sender = `school-${seed}`;
      const slice = sliceOf(seed);
      raw.transaction(() => store(sender, slice))();
      raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT))();
      const fromSql = snapshot(sender);
      raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT, slice.live))();
      const fromRecords = snapshot(sender);
      for (const t of [...SLICE_TABLES, ...SUMMED_TABLES]) expect(fromRecords[t], `seed ${seed}: ${t}`).toEqual(fromSql[t]);
      factorRows += fromSql.stat_factor!.length;
      atRisk += fromSql.stat_student!.filter((r) => (JSON.parse(r) as { at_risk: number }).at_risk === 1).length;
      notScreened += fromSql.stat_student!.filter((r) => (JSON.parse(r) as { screened: number }).screened === 0).length;
    }
    // Not an empty comparison: factor rows, students at risk and students never screened all occur.
    expect(factorRows).toBeGreaterThan(500);
    expect(atRisk).toBeGreaterThan(100);
    expect(notScreened).toBeGreaterThan(10);
    const keys = raw.prepare("SELECT count(*) AS own, sum(factor_key LIKE 'group:%') AS grouped FROM stat_factor").get() as { own: number; grouped: number };
    expect(keys.grouped).toBeGreaterThan(50);
    expect(keys.own - keys.grouped).toBeGreaterThan(50);
    // And the rest: measures of every kind rule, delivered ones, risks evaluated, reached by a delivered measure.
    const count = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(DISTINCT kind_code) AS n FROM stat_measure WHERE kind_code LIKE '%.other'")).toBeGreaterThanOrEqual(3);
    expect(count('SELECT count(*) AS n FROM stat_measure WHERE deliveries > 1')).toBeGreaterThan(20);
    expect(count("SELECT count(*) AS n FROM stat_plan WHERE delivered_kinds LIKE '%,%'")).toBeGreaterThan(5);
    expect(count("SELECT count(*) AS n FROM stat_risk_outcome WHERE reached_kinds <> ''")).toBeGreaterThan(20);
    expect(count("SELECT count(*) AS n FROM stat_risk_outcome WHERE factor_key LIKE 'group:%'")).toBeGreaterThan(20);
    expect(count('SELECT count(*) AS n FROM stat_measure_risk')).toBeGreaterThan(100);
  });

  it('a slice without risk factor records is read as a state report by both paths', () => {
    const raw = opened.raw;
    const sender = 'school-no-factors';
    const slice = sliceOf(99);
    const noFactors = { live: slice.live.filter((r) => r.type !== 'riskFactor'), withdrawn: slice.withdrawn };
    raw.transaction(() => store(sender, noFactors))();
    raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT))();
    const fromSql = snapshot(sender);
    raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT, noFactors.live))();
    expect(snapshot(sender)).toEqual(fromSql);
  });
});

/**
 * TEST ONLY: varied school report slices held as imported records, to hold
 * what the import builds from its parsed records (analytic-rows.ts,
 * decisions/queue-model.ts) equal to what SQLite builds from the stored
 * JSON (analytic-rows.test.ts, decisions/queue-model.test.ts).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { ANSWERS } from '../../../../src-shared/domain/screening';
import { RISK_GROUPS } from '../../../../src-shared/domain/risk-catalogue';
import { RISK_CHANGES, STUDENT_OUTCOMES } from '../../../../src-shared/domain/semester-end';
import { seededRandom } from '../../../../src-shared/domain/seeded-random';
import { recordJson } from '../../exchange/import-records';
import type { ParsedRecord } from '../analytic-rows';

export const PERIOD = '2025/26-2';
export const AT = '2026-02-10T10:00:00.000Z';

export interface Slice {
  live: ParsedRecord[];
  withdrawn: ParsedRecord[];
}

/** A school report's records, varied by seed; some of them withdrawn (held but no longer live). */
export function sliceOf(seed: number): Slice {
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

/** Holds `slice` as sender's imported records of PERIOD (one package; the withdrawn ones withdrawn by it). */
export function storeSlice(raw: Database.Database, sender: string, slice: Slice): void {
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

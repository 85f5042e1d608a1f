/**
 * What leaves for the state (docs/package-format.md, "The state report"):
 * a school's semester snapshot, as the municipality holds it (imported from
 * the school's packages) or as a state vocational school holds it (its own
 * tables), pseudonymised and minimised here, at the sender.
 *
 * minimiseSchool is the one place that decides what a field becomes:
 *
 *   student        -> pseudonym, birth year, gender, level, grade, status, month left
 *   screening      -> month, and the factors found present (a school's own: group only)
 *   plan           -> status, consent yes/no, months created and closed
 *   measure        -> default kind code (else category only), planned and delivered
 *                     amounts, months, factors addressed, compensation decisions
 *   outcome        -> the structured semester-end evaluation
 *
 * Everything else stays: names, personal codes, class labels, programmes,
 * plan codes, receipt references, labels of the school's own factors and
 * kinds, exact dates and instants, and every id the sender uses (ids become
 * keyed hashes, see pseudonym.ts).
 */
import type { Kysely } from 'kysely';
import type {
  DeliveryRecord,
  MeasureKindRecord,
  MeasureRecord,
  OutcomeRecord,
  PlanRecord,
  RiskFactorRecord,
  ScreeningRecord,
  StudentRecord,
} from '../../../src-shared/domain/exchange';
import { DEFAULT_MEASURE_KIND_CODES, STATE_RECORD_TYPES, type StateMeasureRecord, type StateRecords } from '../../../src-shared/domain/state-report';
import type { DB } from '../../db/schema';
import { birthYearFromPersonalCode, type Pseudonymiser } from './pseudonym';

/** One school's semester as the sender holds it, before minimisation. */
export interface SchoolSnapshot {
  school: { id: string; name: string };
  riskFactor: readonly RiskFactorRecord[];
  measureKind: readonly MeasureKindRecord[];
  student: readonly StudentRecord[];
  screening: readonly ScreeningRecord[];
  plan: readonly PlanRecord[];
  measure: readonly MeasureRecord[];
  delivery: readonly DeliveryRecord[];
  outcome: readonly OutcomeRecord[];
  /** Birth years by student id, where the sender knows the birth date (a school does; a municipality does not). */
  birthYears?: ReadonlyMap<string, number | null>;
}

/** What was approved and paid for one compensation measure (null: no decision / nothing paid yet). */
export type DecisionLookup = (schoolId: string, measureId: string, plannedCents: number | null) => { approvedCents: number | null; paidCents: number | null };

/**
 * The municipality's compensation decisions: what it approved and paid for
 * a compensation measure of one of its schools (the planned amount is
 * passed, as an approval of null means "as planned"). The decisions module
 * supplies the implementation (decisions/compensation-decisions.ts);
 * NO_COMPENSATION_DECISIONS says "none" (null) for every measure, as for a
 * state vocational school, which has no municipality deciding.
 */
export interface CompensationDecisions {
  load(db: Kysely<DB>, semesterId: string): Promise<DecisionLookup>;
}
export const NO_COMPENSATION_DECISIONS: CompensationDecisions = {
  load: () => Promise.resolve(() => ({ approvedCents: null, paidCents: null })),
};

const CATALOGUE_FACTOR_ID = /^(school|personal|family|economic)\.(?!custom[0-9a-f]{8}$)[A-Za-z][A-Za-z0-9]{0,63}$/;
const DEFAULT_KINDS = new Set(DEFAULT_MEASURE_KIND_CODES);
const monthOf = (isoDateOrInstant: string): string => isoDateOrInstant.slice(0, 7);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function emptyStateRecords(): StateRecords {
  return { school: [], student: [], screening: [], plan: [], measure: [], outcome: [] };
}

export function minimiseSchool(snapshot: SchoolSnapshot, p: Pseudonymiser, decisions: DecisionLookup): StateRecords {
  const schoolId = snapshot.school.id;
  const id = (kind: string, sourceId: string) => p.opaqueId(kind, `${schoolId}/${sourceId}`);
  const factors = new Map(snapshot.riskFactor.map((f) => [f.id, f]));
  const factorRef = (factorId: string, group: RiskFactorRecord['group']) => {
    const f = factors.get(factorId);
    const catalogue = f !== undefined && f.source === 'catalogue' && CATALOGUE_FACTOR_ID.test(f.id);
    return { riskFactorId: catalogue ? factorId : null, group: f?.group ?? group };
  };
  const kinds = new Map(snapshot.measureKind.map((k) => [k.id, k]));
  const out = emptyStateRecords();
  out.school.push({ id: schoolId, name: snapshot.school.name });

  for (const s of snapshot.student) {
    out.student.push({
      id: id('student', s.id),
      schoolId,
      pseudonym: p.pseudonym(s.personalCode),
      birthYear: snapshot.birthYears?.get(s.id) ?? birthYearFromPersonalCode(s.personalCode),
      gender: s.gender,
      educationLevel: s.educationLevel,
      grade: s.grade,
      status: s.status,
      leftMonth: s.leftOn === null ? null : monthOf(s.leftOn),
    });
  }
  for (const s of snapshot.screening) {
    out.screening.push({
      id: id('screening', s.id),
      studentId: id('student', s.studentId),
      screenedMonth: monthOf(s.screenedOn),
      present: s.answers
        .filter((a) => a.answer === 'present')
        .map((a) => factorRef(a.riskFactorId, a.group))
        .sort(compareFactors),
    });
  }
  for (const plan of snapshot.plan) {
    out.plan.push({
      id: id('plan', plan.id),
      studentId: id('student', plan.studentId),
      status: plan.status,
      consentRecorded: plan.consentRecorded,
      createdMonth: monthOf(plan.createdAt),
      closedMonth: plan.closedAt === null ? null : monthOf(plan.closedAt),
      previousPlanId: plan.previousPlanId === null ? null : id('plan', plan.previousPlanId),
    });
  }
  const delivered = new Map<string, { deliveries: number; minutes: number; cents: number }>();
  for (const d of snapshot.delivery) {
    const t = delivered.get(d.measureId) ?? { deliveries: 0, minutes: 0, cents: 0 };
    t.deliveries++;
    t.minutes += d.minutes ?? 0;
    t.cents += d.cents ?? 0;
    delivered.set(d.measureId, t);
  }
  for (const m of snapshot.measure) {
    const kind = kinds.get(m.kindCode);
    const category = kind?.category ?? (m.kindCode.split('.')[0] as StateMeasureRecord['category']);
    const t = delivered.get(m.id) ?? { deliveries: 0, minutes: 0, cents: 0 };
    const decision = category === 'compensation' ? decisions(schoolId, m.id, m.plannedCents) : { approvedCents: null, paidCents: null };
    out.measure.push({
      id: id('measure', m.id),
      planId: id('plan', m.planId),
      kindCode: DEFAULT_KINDS.has(m.kindCode) ? m.kindCode : null,
      category,
      unit: kind?.unit ?? (category === 'consultation' ? 'minutes' : category === 'compensation' ? 'cents' : 'participation'),
      plannedMinutes: m.plannedMinutes,
      plannedCents: m.plannedCents,
      deliveries: t.deliveries,
      deliveredMinutes: t.minutes,
      deliveredCents: t.cents,
      startsMonth: monthOf(m.startsOn),
      endsMonth: monthOf(m.endsOn),
      risks: m.riskFactorIds.map((f) => factorRef(f, factors.get(f)?.group ?? 'school')).sort(compareFactors),
      approvedCents: decision.approvedCents,
      paidCents: decision.paidCents,
    });
  }
  for (const o of snapshot.outcome) {
    out.outcome.push({
      id: id('plan', o.planId),
      planId: id('plan', o.planId),
      studentOutcome: o.studentOutcome,
      measures: o.measures.map((m) => ({ measureId: id('measure', m.measureId), delivered: m.delivered })).sort((a, b) => (a.measureId < b.measureId ? -1 : 1)),
      risks: o.risks.map((r) => ({ ...factorRef(r.riskFactorId, factors.get(r.riskFactorId)?.group ?? 'school'), change: r.change })).sort(compareFactors),
    });
  }
  for (const type of STATE_RECORD_TYPES) (out[type] as Array<{ id: string }>).sort(byId);
  return out;
}

function compareFactors(a: { riskFactorId: string | null; group: string }, b: { riskFactorId: string | null; group: string }): number {
  const ka = `${a.group}\u0000${a.riskFactorId ?? ''}`;
  const kb = `${b.group}\u0000${b.riskFactorId ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Appends one school's minimised records to the package's. */
export function appendStateRecords(into: StateRecords, from: StateRecords): void {
  for (const type of STATE_RECORD_TYPES) (into[type] as unknown[]).push(...from[type]);
}

/**
 * A municipality's snapshots for a semester: for each enrolled school, the
 * records it last sent for the semester (withdrawn ones left out), read
 * from imported_record.
 */
export async function municipalitySnapshots(db: Kysely<DB>, semesterId: string): Promise<SchoolSnapshot[]> {
  const schools = await db.selectFrom('exchange_org').select(['id', 'name']).where('role', '=', 'sender').where('kind', '=', 'school').orderBy('id').execute();
  const out: SchoolSnapshot[] = [];
  for (const school of schools) {
    const rows = await db
      .selectFrom('imported_record')
      .select(['record_type', 'record'])
      .where('sender_id', '=', school.id)
      .where('period', '=', semesterId)
      .where('withdrawn_at', 'is', null)
      .execute();
    if (rows.length === 0) continue;
    const snapshot: SchoolSnapshot = {
      school: { id: school.id, name: school.name },
      riskFactor: [],
      measureKind: [],
      student: [],
      screening: [],
      plan: [],
      measure: [],
      delivery: [],
      outcome: [],
    };
    for (const row of rows) {
      const list = (snapshot as unknown as Record<string, unknown[] | undefined>)[row.record_type];
      if (Array.isArray(list)) list.push(JSON.parse(row.record));
    }
    out.push(snapshot);
  }
  return out;
}

/**
 * The municipality's (or, for state vocational schools, the state's) work on
 * what schools sent (issue 9): its settings, the queue of plans waiting for
 * it, decisions, payments, the youth NGO projects register, and the
 * decisions package that carries all of it back to one school.
 *
 * Which plans wait: an imported plan (not withdrawn) of the semester that the
 * director has approved (status approved, active, underReview or suspended)
 * and that needs approval by the settings' policy (default: any
 * compensation measure), when
 * - nothing has been decided on it yet, or
 * - the last decision returned it and the school has sent a newer edition, or
 * - the last decision approved it but a measure changed or was added since.
 *
 * Measures are numbered 1, 2, 3... within a plan by start day, kind and id:
 * the numbers `pumpurs decide --amount N=EUR` and the review screen use.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  DECISION_FILES,
  DECISIONS_KIND,
  DECISIONS_SCHEMA_VERSION,
  DEFAULT_APPROVAL_POLICY,
  DEFAULT_YOUTH_PROJECT_CAP_CENTS,
  needsAuthority,
  rateSchema,
  type ApprovalPolicy,
  type DecisionOutcome,
  type DecisionRecord,
  type PaymentRecord,
  type Payee,
  type QueueRow,
  type Rate,
  type SettingsRecord,
  type YouthProjectRecord,
} from '../../../src-shared/domain/decisions';
import type { MeasureRecord, OrgRef, PlanRecord } from '../../../src-shared/domain/exchange';
import { isIsoDate } from '../../../src-shared/domain/iso-date';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { QueuePlanTable } from '../../db/decision-tables';
import type { Clock } from '../../ports/clock';
import { requireMode, requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { CalendarService } from '../school/calendar-service';
import { currentKey } from '../exchange/enrolment-service';
import { writePending } from '../exchange/files';
import { selfOrg, type ExchangeKeyService } from '../exchange/keys-service';
import { sendPackage } from '../exchange/send-package';
import { budgetReportXlsx, paymentListXlsx } from './accountant-xlsx';

const AUTHORITY_MODES = ['municipality', 'state'] as const;

/** The class as people write it, "7.b": the grade and the school's label (a label that already names the grade is kept). */
export function classText(grade: number | null, label: string | null): string {
  const l = (label ?? '').trim();
  if (grade === null || grade === undefined) return l;
  if (/^\d/.test(l)) return l;
  return `${grade}.${l}`;
}
/**
 * The next change number (migration 0013): every write of a record the
 * decisions package carries takes one, in the write's own transaction, so
 * "anything new since the last package" is exact whatever the clock says.
 */
async function nextChangeNo(trx: Transaction<DB>): Promise<number> {
  const row = await trx
    .updateTable('authority_change_counter')
    .set((eb) => ({ last_no: eb('last_no', '+', 1) }))
    .where('id', '=', 1)
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

const DECIDED_STATUSES = new Set(['approved', 'active', 'underReview', 'suspended']);
const EPOCH = '1970-01-01T00:00:00.000Z';

/** A measure as the municipality decides on it: its number in the plan, kind and amounts. */
export interface QueueMeasure {
  no: number;
  id: string;
  kindCode: string;
  category: string;
  plannedCents: number | null;
  plannedMinutes: number | null;
  startsOn: string;
  endsOn: string;
  riskFactorIds: string[];
  updatedAt: string;
}

interface StoredDecisionMeasure {
  measureId: string;
  kindCode: string;
  approvedCents: number | null;
  refused: boolean;
}

/** The latest decision on a plan, as the waiting rule reads it. */
interface LastDecision {
  outcome: DecisionOutcome;
  plan_updated_at: string;
  measures: StoredDecisionMeasure[];
}

/** What the waiting rule reads of a measure. */
interface WaitingMeasure {
  id: string;
  kindCode: string;
  category: string;
  plannedCents: number | null;
  updatedAt: string;
}

/** The waiting rule (see the top of this file): the queue's and the review's. */
function waits(p: { status: string; updatedAt: string; measures: readonly WaitingMeasure[] }, policy: ApprovalPolicy, last: LastDecision | undefined): boolean {
  if (!DECIDED_STATUSES.has(p.status)) return false;
  if (
    !needsAuthority(
      policy,
      p.measures.map((m) => m.category),
    )
  )
    return false;
  if (!last) return true;
  if (last.outcome === 'returned') return p.updatedAt > last.plan_updated_at;
  const decided = new Set(last.measures.map((m) => m.measureId));
  return p.measures.some((m) => !decided.has(m.id) || m.updatedAt > last.plan_updated_at);
}

/** Separates the parts of a measure list group_concat joins (record ids and kind codes hold no control characters). */
const SEP = '\u001f';

/** A queue_plan row (migration 0012's typed table, less the period the query filters on) with the school's name. */
type QueuePlanRow = Omit<QueuePlanTable, 'period'> & { name: string };
/** A plan's measures summed up for the queue: what the waiting rule and the row need, one row per plan. */
interface QueueMeasuresRow {
  sender_id: string;
  plan_id: string;
  kinds: string;
  measure_ids: string;
  categories: string;
  compensation_cents: number;
  last_updated_at: string;
}

/** The queue's two queries (also run raw by bench/decisions.bench.ts as its baseline). */
export const queuePlansSql = (period: string) => sql`SELECT q.sender_id, o.name, q.plan_id, q.code, q.status, q.updated_at, q.grade, q.class_label
  FROM queue_plan q JOIN exchange_org o ON o.id = q.sender_id WHERE q.period = ${period}`;
export const queueMeasuresSql = (
  period: string,
) => sql`SELECT sender_id, plan_id, group_concat(kind_code, char(31)) AS kinds, group_concat(measure_id, char(31)) AS measure_ids,
    group_concat(DISTINCT category) AS categories, sum(CASE WHEN category = 'compensation' THEN coalesce(planned_cents, 0) ELSE 0 END) AS compensation_cents,
    max(updated_at) AS last_updated_at
  FROM (SELECT m.sender_id, m.plan_id, m.measure_id, m.kind_code, coalesce(m.category, mk.category, 'compensation') AS category, m.planned_cents, m.updated_at
    FROM queue_measure m LEFT JOIN measure_kind mk ON mk.code = m.kind_code WHERE m.period = ${period})
  GROUP BY sender_id, plan_id`;

/** The waiting rule over a plan's summed-up measures: the same answers as waits() over the measures one by one. */
function waitsByTotals(
  p: { status: string; updated_at: string },
  m: QueueMeasuresRow | undefined,
  policy: ApprovalPolicy,
  last: LastDecision | undefined,
): boolean {
  if (!DECIDED_STATUSES.has(p.status)) return false;
  if (!needsAuthority(policy, m ? m.categories.split(',') : [])) return false;
  if (!last) return true;
  if (last.outcome === 'returned') return p.updated_at > last.plan_updated_at;
  if (!m) return false;
  if (m.last_updated_at > last.plan_updated_at) return true;
  const decided = new Set(last.measures.map((d) => d.measureId));
  return m.measure_ids.split(SEP).some((id) => !decided.has(id));
}

interface ImportedPlan {
  schoolId: string;
  schoolName: string;
  period: string;
  plan: PlanRecord;
  classLabel: string;
  studentName: string;
  measures: QueueMeasure[];
}

export interface DecideInput {
  schoolId?: string;
  planCode?: string;
  planId?: string;
  semesterId?: string;
  outcome: DecisionOutcome;
  /** Approved amounts in cents, by measure number; others as planned. */
  amounts?: Record<number, number>;
  /** Measure numbers refused (outcome measureRefused). */
  refused?: number[];
  comment?: string;
  overBudgetReason?: string;
}

export interface PaymentInput {
  schoolId: string;
  planId: string;
  measureId: string;
  paidOn: string;
  cents: number;
  payee: Payee;
  reference: string;
}

export interface DecisionsExportResult {
  path: string;
  schoolId: string;
  packageId: string;
  seq: number;
  semesterId: string;
  counts: Record<string, number>;
}

export class AuthorityDecisionService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly keys: ExchangeKeyService,
    private readonly calendar: CalendarService,
    private readonly appVersion: string,
  ) {}

  private async semester(semesterId: string | undefined): Promise<string> {
    const id = semesterId ?? (await this.calendar.currentSemesterId());
    if (!id) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noCurrentSemester' });
    return id;
  }

  // ------------------------------------------------------------ settings

  async settings(): Promise<SettingsRecord> {
    const row = await this.db.selectFrom('authority_settings').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) {
      return {
        id: 'settings',
        version: 1,
        updatedAt: EPOCH,
        approvalPolicy: DEFAULT_APPROVAL_POLICY,
        rates: [],
        deadlines: [],
        youthProjectCapCents: DEFAULT_YOUTH_PROJECT_CAP_CENTS,
      };
    }
    return {
      id: 'settings',
      version: row.version,
      updatedAt: row.updated_at,
      approvalPolicy: row.approval_policy,
      rates: JSON.parse(row.rates) as Rate[],
      deadlines: JSON.parse(row.deadlines) as string[],
      youthProjectCapCents: row.youth_project_cap_cents,
    };
  }

  async saveSettings(
    actor: Actor,
    input: { approvalPolicy?: ApprovalPolicy; rates?: Rate[]; deadlines?: string[]; youthProjectCapCents?: number },
  ): Promise<SettingsRecord> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const current = await this.settings();
    const errors: FieldError[] = [];
    const policy = input.approvalPolicy ?? current.approvalPolicy;
    if (!['compensation', 'all', 'none'].includes(policy)) errors.push({ path: 'approvalPolicy', messageKey: 'errors.field.notAllowed' });
    const rates = input.rates ?? current.rates;
    if (!rates.every((r) => rateSchema.safeParse(r).success)) errors.push({ path: 'rates', messageKey: 'errors.field.notAllowed' });
    const deadlines = [...new Set(input.deadlines ?? current.deadlines)].sort();
    if (!deadlines.every((d) => isIsoDate(d))) errors.push({ path: 'deadlines', messageKey: 'errors.field.date' });
    const cap = input.youthProjectCapCents ?? current.youthProjectCapCents;
    if (!Number.isInteger(cap) || cap < 0) errors.push({ path: 'youthProjectCapCents', messageKey: 'errors.field.notAllowed' });
    if (errors.length > 0) throw AppError.validation(errors);
    const now = this.clock.now();
    const at = now.toISOString();
    const version = current.updatedAt === EPOCH ? 1 : current.version + 1;
    await this.db.transaction().execute(async (trx) => {
      const values = {
        approval_policy: policy,
        rates: JSON.stringify(rates),
        deadlines: JSON.stringify(deadlines),
        youth_project_cap_cents: cap,
        version,
        updated_at: at,
        change_no: await nextChangeNo(trx),
      };
      await trx
        .insertInto('authority_settings')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'update',
        entity: 'authority_settings',
        entityId: '1',
        detail: { approvalPolicy: policy, rates: rates.length, deadlines },
      });
    });
    return this.settings();
  }

  // ------------------------------------------------------------ the queue

  /** Every imported plan of the semester with its measures (the raw material of the queue and the review). */
  private async importedPlans(period: string, filter: { schoolId?: string; planId?: string } = {}): Promise<ImportedPlan[]> {
    const schoolFilter = filter.schoolId ? sql`AND p.sender_id = ${filter.schoolId}` : sql``;
    const planFilter = filter.planId ? sql`AND p.record_id = ${filter.planId}` : sql``;
    const plans = await sql<{
      sender_id: string;
      name: string;
      record: string;
      grade: number | null;
      class_label: string | null;
      first_name: string | null;
      last_name: string | null;
    }>`
      SELECT p.sender_id, o.name, p.record,
        json_extract(s.record, '$.grade') AS grade,
        json_extract(s.record, '$.classLabel') AS class_label,
        json_extract(s.record, '$.firstName') AS first_name,
        json_extract(s.record, '$.lastName') AS last_name
      FROM imported_record p
      JOIN exchange_org o ON o.id = p.sender_id
      LEFT JOIN imported_record s ON s.sender_id = p.sender_id AND s.period = p.period AND s.record_type = 'student'
        AND s.record_id = json_extract(p.record, '$.studentId')
      WHERE p.period = ${period} AND p.record_type = 'plan' AND p.withdrawn_at IS NULL ${schoolFilter} ${planFilter}`.execute(this.db);
    const measureSchool = filter.schoolId ? sql`AND m.sender_id = ${filter.schoolId}` : sql``;
    const measurePlan = filter.planId ? sql`AND json_extract(m.record, '$.planId') = ${filter.planId}` : sql``;
    const measures = await sql<{ sender_id: string; record: string; updated_at: string | null; category: string | null }>`
      SELECT m.sender_id, m.record, m.updated_at,
        coalesce(json_extract(k.record, '$.category'), mk.category) AS category
      FROM imported_record m
      LEFT JOIN imported_record k ON k.sender_id = m.sender_id AND k.period = m.period AND k.record_type = 'measureKind'
        AND k.record_id = json_extract(m.record, '$.kindCode') AND k.withdrawn_at IS NULL
      LEFT JOIN measure_kind mk ON mk.code = json_extract(m.record, '$.kindCode')
      WHERE m.period = ${period} AND m.record_type = 'measure' AND m.withdrawn_at IS NULL ${measureSchool} ${measurePlan}`.execute(this.db);
    const byPlan = new Map<string, QueueMeasure[]>();
    for (const row of measures.rows) {
      const m = JSON.parse(row.record) as MeasureRecord;
      const key = `${row.sender_id}\u0000${m.planId}`;
      const list = byPlan.get(key) ?? [];
      list.push({
        no: 0,
        id: m.id,
        kindCode: m.kindCode,
        category: row.category ?? 'compensation',
        plannedCents: m.plannedCents,
        plannedMinutes: m.plannedMinutes,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        riskFactorIds: m.riskFactorIds,
        updatedAt: m.updatedAt,
      });
      byPlan.set(key, list);
    }
    return plans.rows.map((row) => {
      const plan = JSON.parse(row.record) as PlanRecord;
      const list = (byPlan.get(`${row.sender_id}\u0000${plan.id}`) ?? []).sort((a, b) =>
        a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.kindCode < b.kindCode ? -1 : a.kindCode > b.kindCode ? 1 : a.id < b.id ? -1 : 1,
      );
      list.forEach((m, i) => (m.no = i + 1));
      return {
        schoolId: row.sender_id,
        schoolName: row.name,
        period,
        plan,
        classLabel: classText(row.grade, row.class_label),
        studentName: [row.first_name, row.last_name].filter((x) => x).join(' '),
        measures: list,
      };
    });
  }

  /** The latest decision on each plan of the semester, by school and plan id. */
  private async latestDecisions(period: string): Promise<Map<string, LastDecision>> {
    const rows = await this.db
      .selectFrom('authority_decision')
      .select(['school_id', 'plan_id', 'outcome', 'plan_updated_at', 'measures', 'decided_at', 'id'])
      .where('period', '=', period)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    const out = new Map<string, LastDecision>();
    for (const r of rows)
      out.set(`${r.school_id}\u0000${r.plan_id}`, {
        outcome: r.outcome,
        plan_updated_at: r.plan_updated_at,
        measures: JSON.parse(r.measures) as StoredDecisionMeasure[],
      });
    return out;
  }

  private isWaiting(p: ImportedPlan, policy: ApprovalPolicy, last: LastDecision | undefined): boolean {
    return waits({ status: p.plan.status, updatedAt: p.plan.updatedAt, measures: p.measures }, policy, last);
  }

  /**
   * Plans waiting for this authority, oldest first. Read from the queue's
   * typed rows (queue-model.ts, filled in each import's transaction), with
   * the same waiting rule as the review.
   */
  async queue(actor: Actor, input: { semesterId?: string } = {}): Promise<QueueRow[]> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const policy = (await this.settings()).approvalPolicy;
    const latest = await this.latestDecisions(period);
    const plans = await sql<QueuePlanRow>`${queuePlansSql(period)}`.execute(this.db);
    const measures = await sql<QueueMeasuresRow>`${queueMeasuresSql(period)}`.execute(this.db);
    const byPlan = new Map<string, QueueMeasuresRow>();
    for (const m of measures.rows) byPlan.set(`${m.sender_id}\u0000${m.plan_id}`, m);
    const rows: QueueRow[] = [];
    for (const p of plans.rows) {
      const key = `${p.sender_id}\u0000${p.plan_id}`;
      const m = byPlan.get(key);
      const last = latest.get(key);
      if (!waitsByTotals(p, m, policy, last)) continue;
      rows.push({
        schoolId: p.sender_id,
        schoolName: p.name,
        semesterId: period,
        planId: p.plan_id,
        planCode: p.code,
        classLabel: classText(p.grade, p.class_label),
        status: p.status as QueueRow['status'],
        kinds: m ? [...new Set(m.kinds.split(SEP))].sort() : [],
        plannedCents: m?.compensation_cents ?? 0,
        waitingSince: p.updated_at,
        lastOutcome: last?.outcome ?? null,
      });
    }
    return rows.sort((a, b) => (a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : a.planCode < b.planCode ? -1 : 1));
  }

  /** Finds one imported plan by code (and school, when codes repeat across schools). */
  async findPlan(input: { planCode?: string; planId?: string; schoolId?: string; semesterId?: string }): Promise<ImportedPlan> {
    const period = await this.semester(input.semesterId);
    let plans: ImportedPlan[];
    if (input.planCode !== undefined && input.planId === undefined) {
      // By code: the queue's typed rows say which plans carry it, so only those are read (not every plan of the semester).
      const matches = await sql<{ sender_id: string; plan_id: string }>`
        SELECT sender_id, plan_id FROM queue_plan WHERE period = ${period} AND code = ${input.planCode} ${input.schoolId ? sql`AND sender_id = ${input.schoolId}` : sql``}`.execute(
        this.db,
      );
      plans = [];
      for (const m of matches.rows) plans.push(...(await this.importedPlans(period, { schoolId: m.sender_id, planId: m.plan_id })));
    } else {
      plans = (
        await this.importedPlans(period, { ...(input.schoolId ? { schoolId: input.schoolId } : {}), ...(input.planId ? { planId: input.planId } : {}) })
      ).filter((p) => input.planCode === undefined || p.plan.code === input.planCode);
    }
    if (plans.length === 0)
      throw new AppError('NOT_FOUND', { messageKey: 'errors.decisions.planNotFound', details: { params: { code: input.planCode ?? input.planId ?? '' } } });
    if (plans.length > 1)
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.decisions.planAmbiguous', details: { params: { code: input.planCode ?? '' } } });
    return plans[0] as ImportedPlan;
  }

  /** What the review screen shows: the plan, its measures (numbered), risks and consent, and what is left of each kind's budget. */
  async review(actor: Actor, input: { schoolId: string; planId: string; semesterId?: string }) {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const p = await this.findPlan(input);
    const risks = await sql<{ id: string; group: string; labelLv: string; labelEn: string }>`
      SELECT f.record_id AS id, json_extract(f.record, '$.group') AS "group", json_extract(f.record, '$.labelLv') AS labelLv, json_extract(f.record, '$.labelEn') AS labelEn
      FROM imported_record s, json_each(json_extract(s.record, '$.answers')) a
      JOIN imported_record f ON f.sender_id = s.sender_id AND f.period = s.period AND f.record_type = 'riskFactor' AND f.record_id = json_extract(a.value, '$.riskFactorId')
      WHERE s.sender_id = ${p.schoolId} AND s.period = ${p.period} AND s.record_type = 'screening' AND s.withdrawn_at IS NULL
        AND json_extract(s.record, '$.studentId') = ${p.plan.studentId} AND json_extract(a.value, '$.answer') = 'present'
      ORDER BY 2, 1`.execute(this.db);
    const budget = await this.budgetLeft(p.period);
    const history = await this.db
      .selectFrom('authority_decision')
      .select(['id', 'outcome', 'comment', 'decided_at', 'decided_by_name', 'measures'])
      .where('school_id', '=', p.schoolId)
      .where('plan_id', '=', p.plan.id)
      .orderBy('decided_at')
      .execute();
    await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'imported_plan', entityId: `${p.schoolId}/${p.plan.id}` });
    return {
      schoolId: p.schoolId,
      schoolName: p.schoolName,
      semesterId: p.period,
      planId: p.plan.id,
      planCode: p.plan.code,
      status: p.plan.status,
      classLabel: p.classLabel,
      studentName: p.studentName,
      consentRecorded: p.plan.consentRecorded,
      consentOn: p.plan.consentOn,
      risks: [...new Map(risks.rows.map((r) => [r.id, r])).values()],
      measures: p.measures,
      budgetLeft: budget,
      history: history.map((h) => ({
        id: h.id,
        outcome: h.outcome,
        comment: h.comment,
        decidedAt: h.decided_at,
        decidedBy: h.decided_by_name,
        measures: JSON.parse(h.measures) as StoredDecisionMeasure[],
      })),
    };
  }

  /** Budget per compensation kind for the semester, and what approvals have used of it. */
  async budgetLeft(period: string): Promise<Array<{ kindCode: string; budgetCents: number; approvedCents: number; leftCents: number }>> {
    const budgets = await this.db.selectFrom('authority_budget').selectAll().where('period', '=', period).orderBy('kind_code').execute();
    const used = new Map<string, number>();
    const latest = await this.latestDecisions(period);
    for (const d of latest.values()) {
      if (d.outcome === 'returned') continue;
      for (const m of d.measures) if (!m.refused && m.approvedCents !== null) used.set(m.kindCode, (used.get(m.kindCode) ?? 0) + m.approvedCents);
    }
    return budgets.map((b) => ({
      kindCode: b.kind_code,
      budgetCents: b.cents,
      approvedCents: used.get(b.kind_code) ?? 0,
      leftCents: b.cents - (used.get(b.kind_code) ?? 0),
    }));
  }

  async setBudget(actor: Actor, input: { semesterId?: string; kindCode: string; cents: number }): Promise<void> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    if (!Number.isInteger(input.cents) || input.cents < 0) throw AppError.validation([{ path: 'cents', messageKey: 'errors.field.notAllowed' }]);
    const period = await this.semester(input.semesterId);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('authority_budget')
        .values({ period, kind_code: input.kindCode, cents: input.cents, updated_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['period', 'kind_code']).doUpdateSet({ cents: input.cents, updated_at: now.toISOString() }))
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'update',
        entity: 'authority_budget',
        entityId: `${period}/${input.kindCode}`,
        detail: { cents: input.cents },
      });
    });
  }

  // ------------------------------------------------------------ deciding

  async decide(
    actor: Actor,
    input: DecideInput,
  ): Promise<{ id: string; schoolId: string; planId: string; planCode: string; outcome: DecisionOutcome; measures: StoredDecisionMeasure[] }> {
    requirePermission(actor, 'exchange.import');
    await requireMode(this.db, AUTHORITY_MODES);
    const p = await this.findPlan(input);
    const comment = (input.comment ?? '').trim();
    const errors: FieldError[] = [];
    if (input.outcome !== 'approved' && comment === '') errors.push({ path: 'comment', messageKey: 'errors.decisions.commentRequired' });
    if (comment.length > 2000) errors.push({ path: 'comment', messageKey: 'errors.field.tooLong' });
    const amounts = input.amounts ?? {};
    const refused = new Set(input.refused ?? []);
    const byNo = new Map(p.measures.map((m) => [m.no, m]));
    for (const [no, cents] of Object.entries(amounts)) {
      const m = byNo.get(Number(no));
      if (!m) errors.push({ path: `amounts.${no}`, messageKey: 'errors.decisions.noSuchMeasure' });
      else if (m.category !== 'compensation') errors.push({ path: `amounts.${no}`, messageKey: 'errors.decisions.amountNotForKind' });
      else if (!Number.isInteger(cents) || cents < 0 || cents > (m.plannedCents ?? 0))
        errors.push({ path: `amounts.${no}`, messageKey: 'errors.decisions.amountAbovePlanned' });
    }
    for (const no of refused) if (!byNo.has(no)) errors.push({ path: `refused.${no}`, messageKey: 'errors.decisions.noSuchMeasure' });
    if (input.outcome === 'measureRefused' && refused.size === 0) errors.push({ path: 'refused', messageKey: 'errors.decisions.refuseWhich' });
    if (errors.length > 0) throw AppError.validation(errors);

    const policy = (await this.settings()).approvalPolicy;
    const latest = await this.latestDecisions(p.period);
    if (!this.isWaiting(p, policy, latest.get(`${p.schoolId}\u0000${p.plan.id}`))) {
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.decisions.notWaiting', details: { params: { code: p.plan.code } } });
    }
    const measures: StoredDecisionMeasure[] = p.measures.map((m) => ({
      measureId: m.id,
      kindCode: m.kindCode,
      approvedCents: input.outcome === 'returned' || m.category !== 'compensation' ? null : (amounts[m.no] ?? m.plannedCents),
      refused: input.outcome === 'measureRefused' && refused.has(m.no),
    }));
    if (input.outcome !== 'returned') {
      const over = (await this.budgetLeft(p.period)).filter((b) => {
        const adding = measures.filter((m) => m.kindCode === b.kindCode && !m.refused).reduce((s, m) => s + (m.approvedCents ?? 0), 0);
        return adding > 0 && adding > b.leftCents;
      });
      if (over.length > 0 && !(input.overBudgetReason ?? '').trim()) {
        throw AppError.validation([
          { path: 'overBudgetReason', messageKey: 'errors.decisions.overBudgetReason', params: { kinds: over.map((o) => o.kindCode).join(', ') } },
        ]);
      }
    }
    const now = this.clock.now();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('authority_decision')
        .values({
          id,
          school_id: p.schoolId,
          period: p.period,
          plan_id: p.plan.id,
          plan_code: p.plan.code,
          plan_version: p.plan.version,
          plan_updated_at: p.plan.updatedAt,
          outcome: input.outcome,
          measures: JSON.stringify(measures),
          comment,
          over_budget_reason: (input.overBudgetReason ?? '').trim() || null,
          decided_at: now.toISOString(),
          decided_by: actor.userId,
          decided_by_name: actor.name,
          change_no: await nextChangeNo(trx),
        })
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'create',
        entity: 'authority_decision',
        entityId: id,
        detail: { school: p.schoolId, plan: p.plan.id, outcome: input.outcome },
      });
    });
    return { id, schoolId: p.schoolId, planId: p.plan.id, planCode: p.plan.code, outcome: input.outcome, measures };
  }

  // ------------------------------------------------------------ payments

  async recordPayment(actor: Actor, input: PaymentInput): Promise<{ id: string }> {
    requirePermission(actor, 'exchange.import');
    await requireMode(this.db, AUTHORITY_MODES);
    const errors: FieldError[] = [];
    if (!isIsoDate(input.paidOn)) errors.push({ path: 'paidOn', messageKey: 'errors.field.date' });
    if (!Number.isInteger(input.cents) || input.cents <= 0 || input.cents > 1_000_000_000)
      errors.push({ path: 'cents', messageKey: 'errors.field.notAllowed' });
    if (input.payee !== 'guardian' && input.payee !== 'student') errors.push({ path: 'payee', messageKey: 'errors.field.notAllowed' });
    const reference = input.reference.trim();
    if (reference === '' || reference.length > 100 || /[\p{Cc}\p{Cf}]/u.test(reference))
      errors.push({ path: 'reference', messageKey: 'errors.field.required' });
    if (errors.length > 0) throw AppError.validation(errors);
    const decision = await this.db
      .selectFrom('authority_decision')
      .select(['period', 'outcome', 'measures'])
      .where('school_id', '=', input.schoolId)
      .where('plan_id', '=', input.planId)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const measure = decision ? (JSON.parse(decision.measures) as StoredDecisionMeasure[]).find((m) => m.measureId === input.measureId) : undefined;
    if (!decision || decision.outcome === 'returned' || !measure || measure.refused || measure.approvedCents === null) {
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.decisions.paymentNotApproved' });
    }
    const paid = await this.db
      .selectFrom('authority_payment')
      .select((eb) => eb.fn.sum<number>('cents').as('cents'))
      .where('school_id', '=', input.schoolId)
      .where('measure_id', '=', input.measureId)
      .executeTakeFirst();
    if (Number(paid?.cents ?? 0) + input.cents > measure.approvedCents) {
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.decisions.paymentAboveApproved' });
    }
    const now = this.clock.now();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('authority_payment')
        .values({
          id,
          school_id: input.schoolId,
          period: decision.period,
          plan_id: input.planId,
          measure_id: input.measureId,
          kind_code: measure.kindCode,
          paid_on: input.paidOn,
          cents: input.cents,
          payee: input.payee,
          reference,
          recorded_at: now.toISOString(),
          recorded_by: actor.userId,
          change_no: await nextChangeNo(trx),
        })
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'create',
        entity: 'authority_payment',
        entityId: id,
        detail: { school: input.schoolId, plan: input.planId, cents: input.cents },
      });
    });
    return { id };
  }

  /** The accountant's workbooks: `payments` (the payment list) or `budget` (the budget report), written to `path`. */
  async exportXlsx(actor: Actor, input: { report: 'payments' | 'budget'; path: string; semesterId?: string }): Promise<{ path: string; semesterId: string }> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    let bytes: Buffer;
    if (input.report === 'payments') {
      bytes = await paymentListXlsx(this.db, period);
    } else {
      const approved = new Map<string, number>();
      for (const d of (await this.latestDecisions(period)).values()) {
        if (d.outcome === 'returned') continue;
        for (const m of d.measures) if (!m.refused && m.approvedCents !== null) approved.set(m.kindCode, (approved.get(m.kindCode) ?? 0) + m.approvedCents);
      }
      bytes = await budgetReportXlsx(this.db, period, approved);
    }
    const pending = await writePending(input.path, bytes);
    try {
      await recordAudit(this.db, actor, this.clock.now(), { action: 'export', entity: `xlsx_${input.report}`, entityId: period });
    } catch (err) {
      await pending.discard();
      throw err;
    }
    await pending.commit();
    return { path: input.path, semesterId: period };
  }

  // ------------------------------------------------------------ deadlines

  /**
   * Schools late for the last package deadline that has passed (the
   * municipality's home): enrolled schools with no package for the semester
   * made on or before that day. Empty when no deadline has passed yet.
   */
  async lateSchools(actor: Actor, input: { semesterId?: string } = {}): Promise<{ deadline: string | null; schools: OrgRef[] }> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const today = this.clock.now().toISOString().slice(0, 10);
    const deadline = (await this.settings()).deadlines.filter((d) => d < today).at(-1) ?? null;
    if (deadline === null) return { deadline, schools: [] };
    const late: OrgRef[] = [];
    for (const school of await this.schools()) {
      const sent = await this.db
        .selectFrom('exchange_import')
        .select('package_id')
        .where('sender_id', '=', school.id)
        .where('period', '=', period)
        .where('created_at', '<', `${deadline}T24`)
        .executeTakeFirst();
      if (!sent) late.push(school);
    }
    return { deadline, schools: late };
  }

  // ------------------------------------------------------------ youth projects

  async saveYouthProject(
    actor: Actor,
    input: { id?: string; title: string; ngo: string; startsOn: string; endsOn: string; budgetCents: number },
  ): Promise<{ id: string }> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const cap = (await this.settings()).youthProjectCapCents;
    const errors: FieldError[] = [];
    if (input.title.trim() === '' || input.title.length > 200) errors.push({ path: 'title', messageKey: 'errors.field.required' });
    if (input.ngo.trim() === '' || input.ngo.length > 200) errors.push({ path: 'ngo', messageKey: 'errors.field.required' });
    if (!isIsoDate(input.startsOn)) errors.push({ path: 'startsOn', messageKey: 'errors.field.date' });
    if (!isIsoDate(input.endsOn) || input.endsOn < input.startsOn) errors.push({ path: 'endsOn', messageKey: 'errors.field.date' });
    if (!Number.isInteger(input.budgetCents) || input.budgetCents < 0 || input.budgetCents > cap)
      errors.push({ path: 'budgetCents', messageKey: 'errors.decisions.projectOverCap' });
    if (errors.length > 0) throw AppError.validation(errors);
    const id = input.id ?? randomUUID();
    const now = this.clock.now();
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      const values = {
        title: input.title.trim(),
        ngo: input.ngo.trim(),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        budget_cents: input.budgetCents,
        updated_at: at,
        change_no: await nextChangeNo(trx),
      };
      await trx
        .insertInto('youth_project')
        .values({ id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ ...values, version: eb('youth_project.version', '+', 1) })))
        .execute();
      await recordAudit(trx, actor, now, { action: input.id ? 'update' : 'create', entity: 'youth_project', entityId: id });
    });
    return { id };
  }

  /** The register of youth NGO initiative projects, by start day. */
  async youthProjects(
    actor: Actor,
  ): Promise<Array<{ id: string; version: number; title: string; ngo: string; startsOn: string; endsOn: string; budgetCents: number; updatedAt: string }>> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const rows = await this.db.selectFrom('youth_project').selectAll().orderBy('starts_on').orderBy('title').orderBy('id').execute();
    return rows.map((p) => ({
      id: p.id,
      version: p.version,
      title: p.title,
      ngo: p.ngo,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      budgetCents: p.budget_cents,
      updatedAt: p.updated_at,
    }));
  }

  /**
   * Who takes part in the youth projects (issue 9.5): the NGO-participation
   * measures of the semester's imported plans that name a project, with
   * the plan code and the school; no names. Withdrawn records are left out.
   */
  async youthProjectParticipants(
    actor: Actor,
    input: { semesterId?: string } = {},
  ): Promise<{
    semesterId: string;
    participants: Array<{
      projectId: string;
      schoolId: string;
      schoolName: string;
      planId: string;
      planCode: string;
      measureId: string;
      kindCode: string;
      startsOn: string;
      endsOn: string;
    }>;
  }> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const rows = await sql<{ sender_id: string; name: string; measure: string; plan: string }>`
      SELECT m.sender_id, o.name, m.record AS measure, p.record AS plan
      FROM imported_record m
      JOIN exchange_org o ON o.id = m.sender_id
      JOIN imported_record p ON p.sender_id = m.sender_id AND p.period = m.period AND p.record_type = 'plan'
        AND p.record_id = json_extract(m.record, '$.planId') AND p.withdrawn_at IS NULL
      WHERE m.period = ${period} AND m.record_type = 'measure' AND m.withdrawn_at IS NULL
        AND json_extract(m.record, '$.youthProjectId') IS NOT NULL`.execute(this.db);
    const participants = rows.rows.map((row) => {
      const m = JSON.parse(row.measure) as MeasureRecord;
      const plan = JSON.parse(row.plan) as PlanRecord;
      return {
        projectId: m.youthProjectId as string,
        schoolId: row.sender_id,
        schoolName: row.name,
        planId: plan.id,
        planCode: plan.code,
        measureId: m.id,
        kindCode: m.kindCode,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
      };
    });
    participants.sort(
      (a, b) =>
        a.projectId.localeCompare(b.projectId) ||
        a.schoolName.localeCompare(b.schoolName, 'lv') ||
        a.planCode.localeCompare(b.planCode, 'lv') ||
        a.measureId.localeCompare(b.measureId),
    );
    return { semesterId: period, participants };
  }

  // ------------------------------------------------------------ the money screen

  /** The semester's budget per compensation kind with what approvals used (budgetLeft), for a screen. */
  async budget(
    actor: Actor,
    input: { semesterId?: string } = {},
  ): Promise<{ semesterId: string; kinds: Array<{ kindCode: string; budgetCents: number; approvedCents: number; leftCents: number }> }> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    return { semesterId: period, kinds: await this.budgetLeft(period) };
  }

  /**
   * Approved compensation measures of the semester (the latest decision on
   * each plan, not returned, the measure not refused), with what has been
   * paid of each: what a payment can be recorded against.
   */
  async payables(
    actor: Actor,
    input: { semesterId?: string } = {},
  ): Promise<
    Array<{
      schoolId: string;
      schoolName: string;
      planId: string;
      planCode: string;
      measureId: string;
      kindCode: string;
      approvedCents: number;
      paidCents: number;
    }>
  > {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const decisions = await this.db
      .selectFrom('authority_decision')
      .innerJoin('exchange_org', 'exchange_org.id', 'authority_decision.school_id')
      .select([
        'authority_decision.id',
        'authority_decision.school_id',
        'exchange_org.name',
        'authority_decision.plan_id',
        'authority_decision.plan_code',
        'authority_decision.outcome',
        'authority_decision.measures',
        'authority_decision.decided_at',
      ])
      .where('authority_decision.period', '=', period)
      .orderBy('authority_decision.decided_at')
      .orderBy('authority_decision.id')
      .execute();
    const latest = new Map<string, (typeof decisions)[number]>();
    for (const d of decisions) latest.set(`${d.school_id}\u0000${d.plan_id}`, d);
    const paid = new Map<string, number>();
    const sums = await this.db
      .selectFrom('authority_payment')
      .select(['school_id', 'measure_id'])
      .select((eb) => eb.fn.sum<number>('cents').as('cents'))
      .where('period', '=', period)
      .groupBy(['school_id', 'measure_id'])
      .execute();
    for (const s of sums) paid.set(`${s.school_id}\u0000${s.measure_id}`, Number(s.cents));
    const out: Awaited<ReturnType<AuthorityDecisionService['payables']>> = [];
    for (const d of latest.values()) {
      if (d.outcome === 'returned') continue;
      for (const m of JSON.parse(d.measures) as StoredDecisionMeasure[]) {
        if (m.refused || m.approvedCents === null) continue;
        out.push({
          schoolId: d.school_id,
          schoolName: d.name,
          planId: d.plan_id,
          planCode: d.plan_code,
          measureId: m.measureId,
          kindCode: m.kindCode,
          approvedCents: m.approvedCents,
          paidCents: paid.get(`${d.school_id}\u0000${m.measureId}`) ?? 0,
        });
      }
    }
    return out.sort((a, b) => (a.planCode < b.planCode ? -1 : a.planCode > b.planCode ? 1 : a.kindCode < b.kindCode ? -1 : 1));
  }

  /** The semester's payments, newest first, with school and plan code. */
  async payments(
    actor: Actor,
    input: { semesterId?: string } = {},
  ): Promise<
    Array<{
      id: string;
      schoolId: string;
      schoolName: string;
      planId: string;
      planCode: string;
      measureId: string;
      kindCode: string;
      paidOn: string;
      cents: number;
      payee: Payee;
      reference: string;
    }>
  > {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const rows = await this.db
      .selectFrom('authority_payment')
      .innerJoin('exchange_org', 'exchange_org.id', 'authority_payment.school_id')
      .select([
        'authority_payment.id',
        'authority_payment.school_id',
        'exchange_org.name',
        'authority_payment.plan_id',
        'authority_payment.measure_id',
        'authority_payment.kind_code',
        'authority_payment.paid_on',
        'authority_payment.cents',
        'authority_payment.payee',
        'authority_payment.reference',
      ])
      .select((eb) =>
        eb
          .selectFrom('authority_decision')
          .select('authority_decision.plan_code')
          .whereRef('authority_decision.school_id', '=', 'authority_payment.school_id')
          .whereRef('authority_decision.plan_id', '=', 'authority_payment.plan_id')
          .limit(1)
          .as('plan_code'),
      )
      .where('authority_payment.period', '=', period)
      .orderBy('authority_payment.paid_on', 'desc')
      .orderBy('authority_payment.recorded_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.name,
      planId: r.plan_id,
      planCode: r.plan_code ?? '',
      measureId: r.measure_id,
      kindCode: r.kind_code,
      paidOn: r.paid_on,
      cents: r.cents,
      payee: r.payee,
      reference: r.reference,
    }));
  }

  /** Enrolled schools with the last decisions package sent to each and whether there is something new for it. */
  async outbox(
    actor: Actor,
    input: { semesterId?: string } = {},
  ): Promise<{ semesterId: string; schools: Array<{ school: OrgRef; hasNews: boolean; lastSeq: number | null; lastSentAt: string | null }> }> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const out = [];
    for (const school of await this.schools()) {
      const last = await this.db
        .selectFrom('exchange_export')
        .select(['seq', 'created_at'])
        .where('recipient_id', '=', school.id)
        .where('kind', '=', DECISIONS_KIND)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      out.push({ school, hasNews: await this.hasNews(school.id, period), lastSeq: last?.seq ?? null, lastSentAt: last?.created_at ?? null });
    }
    return { semesterId: period, schools: out };
  }

  // ------------------------------------------------------------ the decisions package

  /** The records of one school's decisions package for a semester: a full snapshot, like a school report. */
  async packageRecords(
    schoolId: string,
    period: string,
  ): Promise<{ settings: SettingsRecord[]; decision: DecisionRecord[]; payment: PaymentRecord[]; youthProject: YouthProjectRecord[] }> {
    const decisions = await this.db
      .selectFrom('authority_decision')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('period', '=', period)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    const payments = await this.db
      .selectFrom('authority_payment')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('period', '=', period)
      .orderBy('paid_on')
      .orderBy('id')
      .execute();
    const projects = await this.db.selectFrom('youth_project').selectAll().orderBy('starts_on').orderBy('id').execute();
    return {
      settings: [await this.settings()],
      decision: decisions.map((d) => ({
        id: d.id,
        version: 1,
        updatedAt: d.decided_at,
        planId: d.plan_id,
        planCode: d.plan_code,
        planVersion: d.plan_version,
        planUpdatedAt: d.plan_updated_at,
        outcome: d.outcome,
        measures: (JSON.parse(d.measures) as StoredDecisionMeasure[]).map((m) => ({
          measureId: m.measureId,
          approvedCents: m.approvedCents,
          refused: m.refused,
        })),
        comment: d.comment,
        decidedAt: d.decided_at,
      })),
      payment: payments.map((p) => ({
        id: p.id,
        version: 1,
        updatedAt: p.recorded_at,
        planId: p.plan_id,
        measureId: p.measure_id,
        paidOn: p.paid_on,
        cents: p.cents,
        payee: p.payee,
        reference: p.reference,
      })),
      youthProject: projects.map((p) => ({
        id: p.id,
        version: p.version,
        updatedAt: p.updated_at,
        title: p.title,
        ngo: p.ngo,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        budgetCents: p.budget_cents,
      })),
    };
  }

  /**
   * Whether a school has anything it has not been sent yet for the semester:
   * a decision or payment of its own, the settings or a youth project
   * changed after the change number its last decisions package for the
   * semester carried. Its first package always (it carries the settings).
   * Change numbers, not timestamps: a change made in the same instant as a
   * package (a clock that stands still) is still new.
   */
  async hasNews(schoolId: string, period: string): Promise<boolean> {
    const sent = await this.db
      .selectFrom('decisions_sent')
      .select('change_no')
      .where('school_id', '=', schoolId)
      .where('period', '=', period)
      .executeTakeFirst();
    if (!sent) return true;
    const mark = sent.change_no;
    const newer = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM authority_decision WHERE school_id = ${schoolId} AND period = ${period} AND change_no > ${mark})
        + (SELECT count(*) FROM authority_payment WHERE school_id = ${schoolId} AND period = ${period} AND change_no > ${mark})
        + (SELECT count(*) FROM authority_settings WHERE change_no > ${mark})
        + (SELECT count(*) FROM youth_project WHERE change_no > ${mark}) AS n`.execute(this.db);
    return Number(newer.rows[0]?.n ?? 0) > 0;
  }

  /** The last change number given out (what a package made now carries at least). */
  private async lastChangeNo(): Promise<number> {
    const row = await this.db.selectFrom('authority_change_counter').select('last_no').where('id', '=', 1).executeTakeFirst();
    return row?.last_no ?? 0;
  }

  /** Schools enrolled with this authority. */
  async schools(): Promise<OrgRef[]> {
    const rows = await this.db
      .selectFrom('exchange_org')
      .select(['id', 'kind', 'name'])
      .where('role', '=', 'sender')
      .where('kind', '=', 'school')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name }));
  }

  /** `export --to REGNO`: the decisions package for one school. */
  async exportFor(actor: Actor, input: { schoolId: string; path: string; semesterId?: string }): Promise<DecisionsExportResult> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const self = await selfOrg(this.db);
    const school = await this.db.selectFrom('exchange_org').selectAll().where('id', '=', input.schoolId).where('role', '=', 'sender').executeTakeFirst();
    if (!school || school.kind !== 'school')
      throw new AppError('NOT_FOUND', { messageKey: 'errors.decisions.schoolNotEnrolled', details: { params: { school: input.schoolId } } });
    const recipientKey = await currentKey(this.db, school.id);
    if (!recipientKey) throw new AppError('NOT_FOUND', { messageKey: 'errors.decisions.schoolNotEnrolled', details: { params: { school: input.schoolId } } });
    const semester = await this.db.selectFrom('semester').select(['school_year_id', 'number']).where('id', '=', period).executeTakeFirst();
    if (!semester) throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.unknownSemester', details: { params: { semester: period } } });
    const keys = await this.keys.require();
    // Read before the records: a change made while they are read is sent again next time, never missed.
    const carried = await this.lastChangeNo();
    const records = await this.packageRecords(school.id, period);
    const counts = {
      settings: records.settings.length,
      decisions: records.decision.length,
      payments: records.payment.length,
      youthProjects: records.youthProject.length,
    };
    const sent = await sendPackage(this.db, this.clock, {
      actor,
      sender: self,
      keys,
      recipient: { id: school.id, key: recipientKey },
      kind: DECISIONS_KIND,
      period: { schoolYear: semester.school_year_id, semester: semester.number },
      semesterId: period,
      schemaVersion: DECISIONS_SCHEMA_VERSION,
      appVersion: this.appVersion,
      files: [
        { name: DECISION_FILES.settings, records: records.settings },
        { name: DECISION_FILES.decision, records: records.decision },
        { name: DECISION_FILES.payment, records: records.payment },
        { name: DECISION_FILES.youthProject, records: records.youthProject },
      ],
      counts,
      auditDetail: (seq) => ({ recipient: school.id, kind: DECISIONS_KIND, seq, semesterId: period, counts }),
      path: input.path,
      inLedger: async (trx, packageId) => {
        await trx
          .insertInto('decisions_sent')
          .values({ school_id: school.id, period, change_no: carried, package_id: packageId })
          .onConflict((oc) => oc.columns(['school_id', 'period']).doUpdateSet({ change_no: carried, package_id: packageId }))
          .execute();
      },
    });
    return { path: input.path, schoolId: school.id, packageId: sent.packageId, seq: sent.seq, semesterId: period, counts };
  }

  /** `export --all --out DIR`: one package per school with something new. */
  async exportAll(actor: Actor, input: { dir: string; semesterId?: string }): Promise<DecisionsExportResult[]> {
    requirePermission(actor, 'exchange.export');
    await requireMode(this.db, AUTHORITY_MODES);
    const period = await this.semester(input.semesterId);
    const out: DecisionsExportResult[] = [];
    for (const school of await this.schools()) {
      if (!(await this.hasNews(school.id, period))) continue;
      const name = await this.suggestedFileName(school.id, period);
      out.push(await this.exportFor(actor, { schoolId: school.id, path: join(input.dir, name), semesterId: period }));
    }
    return out;
  }

  /** The file name of a school's next decisions package (what `export --all` writes; the save dialog's suggestion). */
  async suggestedFileName(schoolId: string, semesterId?: string): Promise<string> {
    const period = await this.semester(semesterId);
    const self = await selfOrg(this.db);
    const stream = await this.db.selectFrom('exchange_out_stream').select('last_seq').where('recipient_id', '=', schoolId).executeTakeFirst();
    return `pumpurs-decisions-${self.id}-${schoolId}-${period.replace('/', '-')}-${(stream?.last_seq ?? 0) + 1}.pumpurs`;
  }
}

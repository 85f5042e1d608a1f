/**
 * Statistics of a municipality and the state, from the analytic model
 * (analytic-model.ts; never JSON at query time), with the same methods as
 * the school's: the same count tables and breakdowns, the same effect
 * estimates, and small-cell protection on everything returned
 * (suppress-report.ts): at the state never a person, at the municipality the
 * same protected figures, as its tables leave it.
 *
 * Scope: everything held, one sender (a school at the municipality; a
 * municipality or a state vocational school at the state), or one school
 * of a sender. The drill-down table lists the units one level down.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../../src-shared/domain/roles';
import { estimateEffect } from '../../../src-shared/domain/statistics/effectiveness';
import { GRADE_BANDS } from '../../../src-shared/domain/statistics/grade-band';
import type { Breakdown, StatEffectiveness, StatOverview, StatTrends, UnitTable } from '../../../src-shared/domain/statistics/report';
import { TREND_METRICS } from '../../../src-shared/domain/statistics/report';
import { suppressOverview, suppressTrends, suppressUnits } from '../../../src-shared/domain/statistics/suppress-report';
import { statistics as catalogue } from '../../../src-shared/i18n/catalogue/statistics';
import { ui } from '../../../src-shared/i18n/catalogue/ui';
import type { DB } from '../../db/schema';
import { requireMode, requirePermission } from '../accounts/access';
import { table, type Cell } from './stat-table';
import { buildMissingAnalytics } from './analytic-model';
import { strataFromCounts, strataFromRows } from './effect-units';
import { statisticsThreshold } from './threshold';

export interface StatScope {
  senderId?: string | undefined;
  schoolId?: string | undefined;
}

const COLUMNS: Record<Breakdown, readonly string[]> = {
  none: ['all'],
  gradeBand: GRADE_BANDS,
  gender: ['female', 'male'],
  educationLevel: ['general', 'vocational'],
};
const DIM: Record<Breakdown, RawBuilder<string>> = {
  none: sql<string>`'all'`,
  gradeBand: sql<string>`grade_band`,
  gender: sql<string>`gender`,
  educationLevel: sql<string>`education_level`,
};

interface MeasureFigures {
  kind_code: string;
  category: 'consultation' | 'compensation' | 'ngo';
  plans: number;
  measures: number;
  pm: number;
  pc: number;
  dm: number;
  dc: number;
  deliveries: number;
  approved: number | null;
  paid: number | null;
}

/** What an overview counts: the cells of its tables (key × breakdown column) and the figures per measure kind. */
export interface OverviewCounts {
  students: Cell[];
  groups: Cell[];
  factors: Cell[];
  statuses: Cell[];
  outcomes: Cell[];
  measures: MeasureFigures[];
}

const scopeWhere = (period: string, scope: StatScope): RawBuilder<unknown> => {
  const parts = [sql`period = ${period}`];
  if (scope.senderId) parts.push(sql`sender_id = ${scope.senderId}`);
  if (scope.schoolId) parts.push(sql`school_id = ${scope.schoolId}`);
  return sql.join(parts, sql` AND `);
};

/** An overview's counts from the analytic rows of the semester in scope (a school's overview; the reference the summaries are tested against). */
export async function overviewCountsFromRows(db: Kysely<DB>, period: string, scope: StatScope, breakdown: Breakdown): Promise<OverviewCounts> {
  const w = scopeWhere(period, scope);
  const dim = DIM[breakdown];
  const students = await sql<Cell>`SELECT CASE WHEN at_risk = 1 THEN 'atRisk' ELSE 'notAtRisk' END AS key, ${dim} AS dim, count(*) AS n
      FROM stat_student WHERE ${w} AND screened = 1 GROUP BY key, dim`.execute(db);
  const groups = await sql<Cell>`SELECT risk_group AS key, dim, count(*) AS n FROM (
        SELECT DISTINCT sender_id, student_id, risk_group, ${dim} AS dim FROM stat_factor WHERE ${w}) GROUP BY key, dim`.execute(db);
  const factors = await sql<Cell>`SELECT factor_key AS key, ${dim} AS dim, count(*) AS n FROM stat_factor WHERE ${w} GROUP BY key, dim`.execute(db);
  const statuses = await sql<Cell>`SELECT status AS key, ${dim} AS dim, count(*) AS n FROM stat_plan WHERE ${w} GROUP BY key, dim`.execute(db);
  const outcomes =
    await sql<Cell>`SELECT outcome AS key, ${dim} AS dim, count(*) AS n FROM stat_plan WHERE ${w} AND outcome IS NOT NULL GROUP BY key, dim`.execute(db);
  const measures = await sql<MeasureFigures>`SELECT kind_code, category, count(DISTINCT sender_id || '/' || plan_id) AS plans, count(*) AS measures,
        sum(planned_minutes) AS pm, sum(planned_cents) AS pc, sum(delivered_minutes) AS dm, sum(delivered_cents) AS dc, sum(deliveries) AS deliveries,
        sum(approved_cents) AS approved, sum(paid_cents) AS paid
      FROM stat_measure WHERE ${w} GROUP BY kind_code, category ORDER BY category, kind_code`.execute(db);
  return {
    students: students.rows,
    groups: groups.rows,
    factors: factors.rows,
    statuses: statuses.rows,
    outcomes: outcomes.rows,
    measures: measures.rows,
  };
}

/**
 * At the state, schools are named by their state reports' school records: every live one, in key order
 * (sender, period, id), the first naming a school winning. Found through the (period, record_type) index for
 * the periods the analytic model holds (every imported period has its stat_source row once guard() has run),
 * not by reading every imported record.
 */
export async function schoolNames(db: Kysely<DB>): Promise<Array<{ id: string; name: string }>> {
  const rows = await sql<{ id: string; name: string }>`
    SELECT record_id AS id, json_extract(record, '$.name') AS name FROM imported_record
    WHERE period IN (SELECT period FROM stat_source) AND record_type = 'school' AND withdrawn_at IS NULL
    ORDER BY sender_id, period, record_id`.execute(db);
  return rows.rows;
}

export class AuthorityStatisticsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw: Database.Database,
    private readonly riskCatalogue: RiskCatalogueFile | null,
    private readonly now: () => Date = () => new Date(),
    /** IT's policy value of `statistics.threshold`, if the machine policy sets one. */
    private readonly policyThreshold?: unknown,
  ) {}

  private missingBuilt = false;

  /** The threshold under which counts are hidden (setting `statistics.threshold`, default 5). */
  async threshold(): Promise<number> {
    return statisticsThreshold(this.db, this.policyThreshold);
  }

  private async guard(actor: Actor): Promise<'municipality' | 'state'> {
    requirePermission(actor, 'imported.read');
    const mode = await requireMode(this.db, ['municipality', 'state'] as const);
    // Only records imported before the analytic model existed lack their rows; every import since builds them
    // in its own transaction, so one pass per opened installation is enough (it scans every imported record).
    if (!this.missingBuilt) {
      buildMissingAnalytics(this.raw, this.now().toISOString());
      this.missingBuilt = true;
    }
    return mode;
  }

  private where(period: string | null, scope: StatScope): RawBuilder<unknown> {
    const parts = [period === null ? sql`1 = 1` : sql`period = ${period}`];
    if (scope.senderId) parts.push(sql`sender_id = ${scope.senderId}`);
    if (scope.schoolId) parts.push(sql`school_id = ${scope.schoolId}`);
    return sql.join(parts, sql` AND `);
  }

  private async names(): Promise<Map<string, string>> {
    const orgs = await this.db.selectFrom('exchange_org').select(['id', 'name']).execute();
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    for (const s of await schoolNames(this.db)) if (!names.has(s.id)) names.set(s.id, s.name);
    return names;
  }

  /** The semesters the model holds, newest first. */
  async semesters(actor: Actor): Promise<string[]> {
    await this.guard(actor);
    const rows = await sql<{ period: string }>`SELECT DISTINCT period FROM stat_student ORDER BY period DESC`.execute(this.db);
    return rows.rows.map((r) => r.period);
  }

  async overview(actor: Actor, input: { semesterId: string; breakdown: Breakdown } & StatScope): Promise<StatOverview> {
    const mode = await this.guard(actor);
    const threshold = await this.threshold();
    const { semesterId, breakdown } = input;
    const scope: StatScope = { senderId: input.senderId, schoolId: input.schoolId };
    const columns = COLUMNS[breakdown];

    const { students, groups, factors, statuses, outcomes, measures } = await this.overviewCounts(semesterId, scope, breakdown);
    const studentsTable = table('students', columns, students, ['atRisk', 'notAtRisk']);
    const screened = columns.map((_, i) => studentsTable.rows.reduce((a, r) => a + (r.values[i] ?? 0), 0));
    studentsTable.rows.unshift({ key: 'screened', values: screened, total: screened.reduce((a, b) => a + b, 0) });
    const factorLabels = this.factorLabels(factors.map((f) => f.key));
    const kindLabels = await this.kindLabels();
    const approvals = mode === 'municipality' ? await this.municipalityCompensations(semesterId, scope) : null;

    const overview: StatOverview = {
      semesterId,
      breakdown,
      columns: [...columns],
      tables: [
        studentsTable,
        table('riskGroups', columns, groups, ['school', 'personal', 'family', 'economic']),
        table('riskFactors', columns, factors, [], factorLabels),
        table('plansByStatus', columns, statuses, ['draft', 'inApproval', 'approved', 'active', 'underReview', 'suspended', 'inactive']),
        table('outcomes', columns, outcomes, ['continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated']),
      ],
      measures: measures.map((m) => {
        const label = kindLabels.get(m.kind_code) ?? { lv: m.kind_code, en: m.kind_code };
        const decided = approvals?.get(m.kind_code);
        return {
          kindCode: m.kind_code,
          labelLv: label.lv,
          labelEn: label.en,
          category: m.category,
          plans: Number(m.plans),
          measures: Number(m.measures),
          plannedMinutes: Number(m.pm),
          deliveredMinutes: Number(m.dm),
          plannedCents: Number(m.pc),
          deliveredCents: Number(m.dc),
          participations: m.category === 'ngo' ? Number(m.deliveries) : 0,
          approvedCents: m.category !== 'compensation' ? null : decided ? decided.approved : m.approved === null ? null : Number(m.approved),
          paidCents: m.category !== 'compensation' ? null : decided ? decided.paid : m.paid === null ? null : Number(m.paid),
        };
      }),
      units: await this.units(mode, semesterId, scope, threshold),
      scope: { senderId: scope.senderId ?? null, schoolId: scope.schoolId ?? null, name: await this.scopeName(scope) },
    };
    const protectedOverview = suppressOverview({ ...overview, units: null }, threshold);
    return { ...protectedOverview, units: overview.units ?? null };
  }

  /**
   * The counted cells and measure figures of a semester's overview in scope. A school: from its own rows
   * (overviewCountsFromRows, through the (period, school_id) indexes); a sender or everything: the summaries kept
   * at import (migration 0015): a few hundred cells per sender, or summed over senders, instead of the semester's rows.
   */
  protected async overviewCounts(period: string, scope: StatScope, breakdown: Breakdown): Promise<OverviewCounts> {
    if (scope.schoolId) return overviewCountsFromRows(this.db, period, scope, breakdown);
    const w = this.where(period, scope);
    // Everything held: the cells summed over senders (a few hundred a semester); a sender: its own cells.
    const cells = scope.senderId
      ? await sql<Cell & { tbl: string }>`SELECT tbl, key, ${DIM[breakdown]} AS dim, sum(n) AS n
          FROM stat_overview_count WHERE ${w} GROUP BY tbl, key, dim`.execute(this.db)
      : await sql<Cell & { tbl: string }>`SELECT tbl, key, ${DIM[breakdown]} AS dim, sum(n) AS n
          FROM stat_overview_all WHERE period = ${period} GROUP BY tbl, key, dim`.execute(this.db);
    const of = (tbl: string) => cells.rows.filter((c) => c.tbl === tbl);
    const measures = await sql<MeasureFigures>`SELECT kind_code, category, sum(plans) AS plans, sum(measures) AS measures,
        sum(planned_minutes) AS pm, sum(planned_cents) AS pc, sum(delivered_minutes) AS dm, sum(delivered_cents) AS dc, sum(deliveries) AS deliveries,
        sum(approved_cents) AS approved, sum(paid_cents) AS paid
      FROM stat_overview_measure WHERE ${w} GROUP BY kind_code, category ORDER BY category, kind_code`.execute(this.db);
    return {
      students: of('students'),
      groups: of('riskGroups'),
      factors: of('riskFactors'),
      statuses: of('plansByStatus'),
      outcomes: of('outcomes'),
      measures: measures.rows,
    };
  }

  private async scopeName(scope: StatScope): Promise<string | null> {
    const id = scope.schoolId ?? scope.senderId;
    if (!id) return null;
    return (await this.names()).get(id) ?? id;
  }

  /** Approved and paid per kind, from the municipality's own decisions (the latest per plan) and payments. */
  private async municipalityCompensations(period: string, scope: StatScope): Promise<Map<string, { approved: number; paid: number }>> {
    const school = scope.schoolId ?? scope.senderId;
    let q = this.db
      .selectFrom('authority_decision')
      .select(['school_id', 'plan_id', 'outcome', 'measures'])
      .where('period', '=', period)
      .orderBy('decided_at')
      .orderBy('id');
    if (school) q = q.where('school_id', '=', school);
    const latest = new Map<string, { outcome: string; measures: string }>();
    for (const d of await q.execute()) latest.set(`${d.school_id}/${d.plan_id}`, d);
    const out = new Map<string, { approved: number; paid: number }>();
    const at = (kind: string) => {
      const k = kind.startsWith('compensation.') ? kind : 'compensation.other';
      const v = out.get(k) ?? { approved: 0, paid: 0 };
      out.set(k, v);
      return v;
    };
    for (const d of latest.values()) {
      if (d.outcome === 'returned') continue;
      for (const m of JSON.parse(d.measures) as Array<{ kindCode: string; approvedCents: number | null; refused: boolean }>) {
        if (!m.refused && m.approvedCents !== null && m.kindCode.startsWith('compensation')) at(m.kindCode).approved += m.approvedCents;
      }
    }
    let p = this.db
      .selectFrom('authority_payment')
      .select(['kind_code'])
      .select((eb) => eb.fn.sum<number>('cents').as('cents'))
      .where('period', '=', period)
      .groupBy('kind_code');
    if (school) p = p.where('school_id', '=', school);
    for (const row of await p.execute()) at(row.kind_code).paid += Number(row.cents);
    return out;
  }

  /** The drill-down table: municipalities (state, no scope), else the schools in scope; protected, consistent with the parent's totals. */
  private async units(mode: 'municipality' | 'state', period: string, scope: StatScope, threshold: number): Promise<UnitTable | null> {
    if (scope.schoolId) return null;
    const level = mode === 'state' && !scope.senderId ? 'municipality' : 'school';
    const raw = await this.unitRows(level, period, scope);
    if (level === 'school' && mode === 'state' && scope.senderId) {
      // The sender's row is published in the state's table: what is hidden there stays hidden here.
      const parent = suppressUnits(await this.unitRows('municipality', period, {}), threshold);
      const row = parent.rows.find((r) => r.id === scope.senderId);
      return suppressUnits(raw, threshold, row ? row.values.map((v) => v === null) : undefined);
    }
    return suppressUnits(raw, threshold);
  }

  private async unitRows(level: 'school' | 'municipality', period: string, scope: StatScope): Promise<UnitTable> {
    const unit = level === 'municipality' ? sql`sender_id` : sql`school_id`;
    const w = this.where(period, scope);
    // The per-school totals built at import (stat_unit_total), summed per unit: the units are those holding students.
    const summed = await sql<{
      unit: string;
      screened: number;
      at_risk: number;
      plans: number;
      measures: number;
      evaluated: number;
      stayed: number;
      left_: number;
    }>`
      SELECT ${unit} AS unit, sum(screened) AS screened, sum(at_risk) AS at_risk, sum(plans) AS plans, sum(measures) AS measures,
        sum(evaluated) AS evaluated, sum(stayed) AS stayed, sum(left_education) AS left_
      FROM stat_unit_total WHERE ${w} GROUP BY unit HAVING sum(students) > 0`.execute(this.db);
    const byUnit = new Map(
      summed.rows.map((r) => [r.unit, [r.screened, r.at_risk, r.plans, r.measures, r.evaluated, r.stayed, r.left_].map((v) => Number(v ?? 0))]),
    );
    const ids = byUnit.keys();
    const names = await this.names();
    const rows = [...ids].map((id) => ({ id, name: names.get(id) ?? id, values: byUnit.get(id) ?? [] })).sort((a, b) => a.name.localeCompare(b.name, 'lv'));
    const totals = rows.length === 0 ? [] : rows[0]!.values.map((_, i) => rows.reduce((s, r) => s + (r.values[i] ?? 0), 0));
    return { level, rows, totals };
  }

  /** Effect estimates per measure kind over the chosen semesters (all when none), in scope; hidden under the threshold. */
  async effectiveness(actor: Actor, input: { semesterIds: readonly string[] } & StatScope): Promise<StatEffectiveness> {
    await this.guard(actor);
    const threshold = await this.threshold();
    const scope: StatScope = { senderId: input.senderId, schoolId: input.schoolId };
    // Every kind held (not only in scope): the kinds of the overview's measure figures (one row per period, sender,
    // kind and category of the measures held, migration 0015) rather than every measure. The index on the measures'
    // kind that this read once seeked through cost each import a page per kind (migration 0016).
    const kinds = await sql<{ kind_code: string }>`SELECT DISTINCT kind_code FROM stat_overview_measure ORDER BY kind_code`.execute(this.db);
    const labels = await this.kindLabels();
    // Everything held: the summed counts kept at import; a sender or a school: its rows.
    const strata = scope.senderId || scope.schoolId ? await strataFromRows(this.db, input.semesterIds, scope) : strataFromCounts(this.raw, input.semesterIds);
    const out: StatEffectiveness['kinds'] = [];
    for (const { kind_code: kind } of kinds.rows) {
      const label = labels.get(kind) ?? { lv: kind, en: kind };
      out.push({
        kindCode: kind,
        labelLv: label.lv,
        labelEn: label.en,
        risksLessened: estimateEffect(strata('risk', kind), threshold),
        stillInEducation: estimateEffect(strata('plan', kind), threshold),
      });
    }
    // n under the threshold is itself a small count: it does not leave as a number.
    const few = (n: number | null) => (n !== null && n > 0 && n < threshold ? null : n);
    const hideSmall = (e: StatEffectiveness['kinds'][number]['risksLessened']) =>
      e.kind === 'notEnoughData' ? { ...e, exposed: few(e.exposed), comparison: few(e.comparison) } : e;
    return { threshold, kinds: out.map((k) => ({ ...k, risksLessened: hideSmall(k.risksLessened), stillInEducation: hideSmall(k.stillInEducation) })) };
  }

  /** Key figures per semester in scope (TREND_METRICS order), protected. */
  async trends(actor: Actor, input: StatScope): Promise<StatTrends> {
    await this.guard(actor);
    const threshold = await this.threshold();
    const w = this.where(null, input);
    // The per-school totals built at import (stat_unit_total): a few rows per school and semester, not every student-semester.
    const totals = await sql<{
      period: string;
      screened: number;
      at_risk: number;
      plans: number;
      measures: number;
      minutes: number;
      cents: number;
      evaluated: number;
      stayed: number;
      left_: number;
    }>`
      SELECT period, sum(screened) AS screened, sum(at_risk) AS at_risk, sum(plans) AS plans, sum(measures) AS measures, sum(delivered_minutes) AS minutes,
        sum(delivered_cents) AS cents, sum(evaluated) AS evaluated, sum(stayed) AS stayed, sum(left_education) AS left_
      FROM stat_unit_total WHERE ${w} GROUP BY period`.execute(this.db);
    const col = (f: (r: (typeof totals.rows)[number]) => number) => new Map(totals.rows.map((r) => [r.period, Number(f(r) ?? 0)]));
    const metrics = [
      col((r) => r.screened),
      col((r) => r.at_risk),
      col((r) => r.plans),
      col((r) => r.measures),
      col((r) => r.minutes),
      col((r) => r.cents),
      col((r) => r.evaluated),
      col((r) => r.stayed),
      col((r) => r.left_),
    ];
    const periods = [...new Set(metrics.flatMap((m) => [...m.keys()]))].sort();
    const hoursAt = TREND_METRICS.indexOf('deliveredHours');
    const rows = periods.map((period) => ({
      semesterId: period,
      values: metrics.map((m, i) => {
        const v = m.get(period) ?? 0;
        return i === hoursAt ? Math.round((v / 60) * 10) / 10 : v;
      }),
    }));
    return suppressTrends({ rows, threshold }, threshold, {
      columns: [hoursAt, TREND_METRICS.indexOf('deliveredCents')],
      base: TREND_METRICS.indexOf('measures'),
    });
  }

  private factorLabels(keys: readonly string[]): Map<string, { lv: string; en: string }> {
    const byId = new Map((this.riskCatalogue?.factors ?? []).map((f) => [f.id, { lv: f.lv, en: f.en }]));
    const lv = catalogue.lv as Record<string, string>;
    const en = catalogue.en as Record<string, string>;
    const out = new Map<string, { lv: string; en: string }>();
    for (const k of keys) {
      if (k.startsWith('group:')) {
        const g = k.slice(6);
        const groupLv = (ui.lv as Record<string, string>)[`riskGroup.${g}`] ?? g;
        const groupEn = (ui.en as Record<string, string>)[`riskGroup.${g}`] ?? g;
        out.set(k, {
          lv: (lv['statistics.factor.ownOfGroup'] ?? '{{group}}').replace('{{group}}', groupLv),
          en: (en['statistics.factor.ownOfGroup'] ?? '{{group}}').replace('{{group}}', groupEn),
        });
      } else out.set(k, byId.get(k) ?? { lv: k, en: k });
    }
    return out;
  }

  private async kindLabels(): Promise<Map<string, { lv: string; en: string }>> {
    const rows = await this.db.selectFrom('measure_kind').select(['code', 'label_lv', 'label_en']).execute();
    const out = new Map(rows.map((r) => [r.code, { lv: r.label_lv, en: r.label_en }]));
    const lv = catalogue.lv as Record<string, string>;
    const en = catalogue.en as Record<string, string>;
    for (const c of ['consultation', 'compensation', 'ngo']) {
      out.set(`${c}.other`, { lv: lv[`statistics.kind.other.${c}`] ?? c, en: en[`statistics.kind.other.${c}`] ?? c });
    }
    return out;
  }
}

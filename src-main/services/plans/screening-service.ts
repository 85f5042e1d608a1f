/**
 * Screening of one student in one semester against the risk catalogue.
 * Retired factors are not offered for new answers; answers given before a
 * factor was retired stay. A factor that a measure of the semester's plan
 * addresses stays `present` (the plan rests on it).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { localDay } from '../../../src-shared/domain/plan-fields';
import {
  DEFAULT_RISK_LEVEL_RULE,
  parseRiskLevelRule,
  RISK_LEVEL_RULE_SETTING,
  riskLevelRuleSchema,
  type RiskLevelRule,
} from '../../../src-shared/domain/risk-level';
import type { Actor } from '../../../src-shared/domain/roles';
import {
  levelOfScreening,
  screeningSaveInputSchema,
  summarizeByGroup,
  type Answer,
  type RiskSummary,
  type ScreeningFactor,
  type ScreeningSaveInput,
  type ScreeningView,
} from '../../../src-shared/domain/screening';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { getSemester, getStudentRow, requireStaffActor, requireVersion, semesterOn } from '../school/school-work-checks';

export class ScreeningService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async levelRule(): Promise<RiskLevelRule> {
    const row = await this.db.selectFrom('setting').select('value').where('key', '=', RISK_LEVEL_RULE_SETTING).executeTakeFirst();
    return parseRiskLevelRule(row?.value);
  }

  async getLevelRule(actor: Actor): Promise<{ rule: RiskLevelRule; isDefault: boolean }> {
    requirePermission(actor, 'school.read');
    const row = await this.db.selectFrom('setting').select('value').where('key', '=', RISK_LEVEL_RULE_SETTING).executeTakeFirst();
    const rule = parseRiskLevelRule(row?.value);
    return { rule, isDefault: JSON.stringify(rule) === JSON.stringify(DEFAULT_RISK_LEVEL_RULE) };
  }

  /** Sets the rule (school admin); `null` goes back to the default. */
  async saveLevelRule(actor: Actor, rule: RiskLevelRule | null): Promise<{ rule: RiskLevelRule; isDefault: boolean }> {
    requirePermission(actor, 'school.admin');
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      if (rule === null) {
        await trx.deleteFrom('setting').where('key', '=', RISK_LEVEL_RULE_SETTING).execute();
      } else {
        const parsed = riskLevelRuleSchema.safeParse(rule);
        if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
        const value = JSON.stringify(parsed.data);
        await trx
          .insertInto('setting')
          .values({ key: RISK_LEVEL_RULE_SETTING, value, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
          .execute();
      }
      await recordAudit(trx, actor, now, { action: 'update', entity: 'setting', entityId: RISK_LEVEL_RULE_SETTING, detail: { reset: rule === null } });
    });
    return this.getLevelRule(actor);
  }

  async get(actor: Actor, studentId: string, semesterId: string): Promise<ScreeningView> {
    requirePermission(actor, 'school.read');
    await getStudentRow(this.db, studentId);
    await getSemester(this.db, semesterId);
    const view = await this.view(studentId, semesterId);
    // No screening yet: the student was still looked up, so that opening is recorded.
    if (view.id) await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'screening', entityId: view.id });
    else
      await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'student', entityId: studentId, detail: { semesterId, screening: false } });
    return view;
  }

  /**
   * Active students with at least one present factor in each risk group, and
   * in any group, in a semester (default: the current one). One statement;
   * counts only, so nothing is audited.
   */
  async riskSummary(actor: Actor, semesterId?: string): Promise<RiskSummary> {
    requirePermission(actor, 'school.read');
    const semester = semesterId ? await getSemester(this.db, semesterId) : await semesterOn(this.db, localDay(this.clock.now()));
    const byGroup: RiskSummary['byGroup'] = { school: 0, personal: 0, family: 0, economic: 0 };
    if (!semester) return { semesterId: null, total: 0, byGroup };
    const present = sql`FROM screening sc
      JOIN student s ON s.id = sc.student_id
      JOIN screening_answer sa ON sa.screening_id = sc.id
      JOIN risk_factor rf ON rf.id = sa.risk_factor_id
      WHERE sc.semester_id = ${semester.id} AND sa.answer = 'present' AND s.status = 'active'`;
    const { rows } = await sql<{ risk_group: string | null; n: number }>`
      SELECT rf.risk_group AS risk_group, count(DISTINCT sc.student_id) AS n ${present} GROUP BY rf.risk_group
      UNION ALL
      SELECT NULL AS risk_group, count(DISTINCT sc.student_id) AS n ${present}`.execute(this.db);
    let total = 0;
    for (const r of rows) {
      if (r.risk_group === null) total = Number(r.n);
      else if (r.risk_group in byGroup) byGroup[r.risk_group as keyof RiskSummary['byGroup']] = Number(r.n);
    }
    return { semesterId: semester.id, total, byGroup };
  }

  async save(actor: Actor, raw: ScreeningSaveInput): Promise<ScreeningView> {
    requirePermission(actor, 'screening.write');
    const parsed = screeningSaveInputSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const input = parsed.data;
    const now = this.clock.now();
    const today = localDay(now);
    const screenedOn = input.screenedOn ?? today;
    if (screenedOn > today) throw AppError.validation([{ path: 'screenedOn', messageKey: 'errors.field.dateInFuture' }]);

    await this.db.transaction().execute(async (trx) => {
      await requireStaffActor(trx, actor);
      await getStudentRow(trx, input.studentId);
      await getSemester(trx, input.semesterId);
      const existing = await trx
        .selectFrom('screening')
        .selectAll()
        .where('student_id', '=', input.studentId)
        .where('semester_id', '=', input.semesterId)
        .executeTakeFirst();
      if (existing) requireVersion(input.version, existing.version);
      else if (input.version !== undefined) throw new AppError('CONFLICT', { messageKey: 'errors.record.changedMeanwhile' });

      const factors = await trx.selectFrom('risk_factor').selectAll().execute();
      const byId = new Map(factors.map((f) => [f.id, f]));
      const oldAnswers = existing ? await trx.selectFrom('screening_answer').selectAll().where('screening_id', '=', existing.id).execute() : [];
      const oldById = new Map(oldAnswers.map((a) => [a.risk_factor_id, a]));
      const linked = await this.linkedFactorIds(trx, input.studentId, input.semesterId);

      const problems: FieldError[] = [];
      const final = new Map<string, { answer: Answer; justification: string }>();
      const seen = new Set<string>();
      input.answers.forEach((a, i) => {
        const factor = byId.get(a.riskFactorId);
        if (!factor) {
          problems.push({ path: `answers.${i}.riskFactorId`, messageKey: 'errors.screening.unknownFactor', params: { factorId: a.riskFactorId } });
          return;
        }
        if (seen.has(a.riskFactorId)) {
          problems.push({ path: `answers.${i}.riskFactorId`, messageKey: 'errors.screening.duplicateFactor', params: { factorId: a.riskFactorId } });
          return;
        }
        seen.add(a.riskFactorId);
        const old = oldById.get(a.riskFactorId);
        const changed = !old || old.answer !== a.answer || old.justification !== a.justification;
        if (factor.retired_at !== null && changed) {
          problems.push({ path: `answers.${i}.answer`, messageKey: 'errors.screening.factorRetired', params: { factorId: factor.id } });
          return;
        }
        if (a.answer === 'present' && a.justification === '') {
          problems.push({ path: `answers.${i}.justification`, messageKey: 'errors.screening.justificationRequired', params: { factorId: factor.id } });
        }
        if (a.answer !== 'present' && linked.has(factor.id)) {
          problems.push({ path: `answers.${i}.answer`, messageKey: 'errors.screening.linkedToMeasure', params: { factorId: factor.id } });
        }
        final.set(factor.id, { answer: a.answer, justification: a.justification });
      });
      // Old answers the input left out stay; active factors never answered become `unknown`.
      for (const old of oldAnswers) if (!final.has(old.risk_factor_id)) final.set(old.risk_factor_id, { answer: old.answer, justification: old.justification });
      for (const f of factors) if (f.retired_at === null && !final.has(f.id)) final.set(f.id, { answer: 'unknown', justification: '' });
      for (const id of linked) {
        if (final.get(id)?.answer !== 'present' && !input.answers.some((a) => a.riskFactorId === id)) {
          problems.push({ path: 'answers', messageKey: 'errors.screening.linkedToMeasure', params: { factorId: id } });
        }
      }
      if (problems.length > 0) throw AppError.validation(problems);

      const at = now.toISOString();
      const id = existing?.id ?? randomUUID();
      if (existing) {
        await trx
          .updateTable('screening')
          .set({ screened_on: screenedOn, screened_by: actor.userId, note: input.note, version: existing.version + 1, updated_at: at })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('screening_answer').where('screening_id', '=', id).execute();
      } else {
        await trx
          .insertInto('screening')
          .values({
            id,
            student_id: input.studentId,
            semester_id: input.semesterId,
            screened_on: screenedOn,
            screened_by: actor.userId,
            note: input.note,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      const rows = [...final].map(([riskFactorId, a]) => ({
        screening_id: id,
        risk_factor_id: riskFactorId,
        answer: a.answer,
        justification: a.justification,
      }));
      if (rows.length > 0) await trx.insertInto('screening_answer').values(rows).execute();
      await recordAudit(trx, actor, now, {
        action: existing ? 'update' : 'create',
        entity: 'screening',
        entityId: id,
        detail: { studentId: input.studentId, semesterId: input.semesterId, present: rows.filter((r) => r.answer === 'present').length },
      });
    });
    return this.view(input.studentId, input.semesterId);
  }

  /** Factors that measures of the student's plan in that semester address. */
  private async linkedFactorIds(db: Kysely<DB>, studentId: string, semesterId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('measure_risk')
      .innerJoin('measure', 'measure.id', 'measure_risk.measure_id')
      .innerJoin('plan', 'plan.id', 'measure.plan_id')
      .select('measure_risk.risk_factor_id')
      .where('plan.student_id', '=', studentId)
      .where('plan.semester_id', '=', semesterId)
      .execute();
    return new Set(rows.map((r) => r.risk_factor_id));
  }

  private async view(studentId: string, semesterId: string): Promise<ScreeningView> {
    const screening = await this.db
      .selectFrom('screening')
      .selectAll()
      .where('student_id', '=', studentId)
      .where('semester_id', '=', semesterId)
      .executeTakeFirst();
    const answers = screening ? await this.db.selectFrom('screening_answer').selectAll().where('screening_id', '=', screening.id).execute() : [];
    const answerOf = new Map(answers.map((a) => [a.risk_factor_id, a]));
    const factors = await this.db.selectFrom('risk_factor').selectAll().orderBy('sort_order').orderBy('id').execute();
    const shown: ScreeningFactor[] = factors
      .filter((f) => f.retired_at === null || answerOf.has(f.id))
      .map((f) => ({
        id: f.id,
        group: f.risk_group,
        labelLv: f.label_lv,
        labelEn: f.label_en,
        retired: f.retired_at !== null,
        answer: answerOf.get(f.id)?.answer ?? 'unknown',
        justification: answerOf.get(f.id)?.justification ?? '',
      }));
    const groups = summarizeByGroup(shown);
    return {
      studentId,
      semesterId,
      id: screening?.id ?? null,
      screenedOn: screening?.screened_on ?? null,
      screenedBy: screening?.screened_by ?? null,
      note: screening?.note ?? '',
      version: screening?.version ?? null,
      factors: shown,
      groups,
      level: levelOfScreening(groups, await this.levelRule()),
    };
  }
}

/**
 * A realistic synthetic school for demos, tests and benchmarks: staff with
 * roles, N students with Latvian names (gender-correct surnames) and valid
 * personal codes (legacy codes with correct check digits, some new-form
 * codes), grades and classes; about 15% of them at risk, with screenings,
 * plans through realistic statuses, deliveries and semester-end outcomes
 * over the last two school years up to `today`.
 *
 * Deterministic: the same seed, student count and `today` give the same
 * database. Fast: everything is built in memory and written in one
 * transaction with batched inserts. Writes only into a database without
 * students, so it never mixes with real data. Every plan's history follows
 * the lifecycle table (src-shared/domain/plan-lifecycle.ts).
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { defaultSchoolYear, defaultStartYearFor } from '../../../src-shared/domain/calendar';
import { checkLimits, needsReason } from '../../../src-shared/domain/delivery-rules';
import { addDays } from '../../../src-shared/domain/iso-date';
import { formatPlanCode, PLAN_CODE_SEQ_SETTING_PREFIX } from '../../../src-shared/domain/plan';
import { isAdultOn } from '../../../src-shared/domain/plan-fields';
import { applyAction, type PlanAction, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { SemesterTable } from '../../db/school-tables';
import { recordAudit } from '../audit';
import { COMMENTS, GOALS, JUSTIFICATIONS, kindForFactor, NOTES, PLANNED_MINUTES, plannedCentsFor, SESSION_MINUTES } from './demo-catalogue';
import { demoPerson, legacyPersonalCode, newFormPersonalCode, userNamer } from './demo-people';
import { demoRandom, type DemoRandom } from './demo-random';
import { addCatalogueFactors } from '../school/risk-catalogue-service';

type RiskFactorTable = Selectable<DB['risk_factor']>;
type MeasureKindTable = Selectable<DB['measure_kind']>;

export interface DemoDataOptions {
  students: number;
  seed?: number;
  /** The day the school is "now" (YYYY-MM-DD); nothing is dated after it. */
  today: string;
  /** Seeds the risk catalogue when the database has none. */
  riskCatalogue?: RiskCatalogueFile;
  /** Stored for every demo account; the default '!' matches no password (nobody can sign in). */
  passwordHash?: string;
  /**
   * Known effects to plant, for testing the effectiveness analysis: per
   * measure kind, how many percentage points more likely a risk linked to a
   * delivered measure of that kind lessens by semester end (base 50%).
   * Without it the generated data do not change.
   */
  plantedEffects?: Readonly<Record<string, { riskLessenedPoints: number }>>;
}

export interface DemoDataSummary {
  students: number;
  staff: number;
  atRisk: number;
  screenings: number;
  plans: number;
  measures: number;
  deliveries: number;
  semesters: string[];
  plansByStatus: Record<string, number>;
  /** Who can sign in (with --password-file): each demo account's user name, name and roles. */
  accounts: DemoAccount[];
}

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: string[];
}

type Row<T extends keyof DB> = Insertable<DB[T]>;
interface Rows {
  staff_user: Row<'staff_user'>[];
  staff_role: Row<'staff_role'>[];
  student: Row<'student'>[];
  screening: Row<'screening'>[];
  screening_answer: Row<'screening_answer'>[];
  plan: Row<'plan'>[];
  plan_status_change: Row<'plan_status_change'>[];
  measure: Row<'measure'>[];
  measure_risk: Row<'measure_risk'>[];
  delivery: Row<'delivery'>[];
  measure_outcome: Row<'measure_outcome'>[];
  risk_outcome: Row<'risk_outcome'>[];
  plan_outcome: Row<'plan_outcome'>[];
}

const DEMO_ACTOR: Actor = { userId: 'demo-data', name: 'Demo data', roles: [] };
const AT_RISK_SHARE = 0.15;
const CLASS_SIZE = 26;

export async function generateDemoData(db: Kysely<DB>, options: DemoDataOptions): Promise<DemoDataSummary> {
  if (!Number.isInteger(options.students) || options.students < 1 || options.students > 100_000) {
    throw AppError.validation([{ path: 'students', messageKey: 'errors.field.tooBig' }]);
  }
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('student').select('id').limit(1).executeTakeFirst();
    if (existing) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.demoData.notEmpty' });
    const g = new DemoSchool(trx, options, demoRandom(options.seed ?? 1));
    return g.run();
  });
}

interface Staff {
  id: string;
  kind: string | null;
}
interface Student {
  id: string;
  grade: number;
  classLabel: string;
  birthDate: string;
  gender: 'female' | 'male';
  firstName: string;
  lastName: string;
}
interface Event {
  action: PlanAction;
  by: string;
  day: string;
}

class DemoSchool {
  private readonly rows: Rows = {
    staff_user: [],
    staff_role: [],
    student: [],
    screening: [],
    screening_answer: [],
    plan: [],
    plan_status_change: [],
    measure: [],
    measure_risk: [],
    delivery: [],
    measure_outcome: [],
    risk_outcome: [],
    plan_outcome: [],
  };
  private readonly seq = new Map<string, number>();
  private readonly byStatus: Record<string, number> = {};
  private factors: RiskFactorTable[] = [];
  private kinds = new Map<string, MeasureKindTable>();
  private specialists = new Map<string, Staff>();
  private classTeachers = new Map<string, Staff>();
  private coordinator!: Staff;
  private directors: Staff[] = [];
  private regNo = '';
  private atRisk = 0;

  constructor(
    private readonly trx: Transaction<DB>,
    private readonly options: DemoDataOptions,
    private readonly random: DemoRandom,
  ) {}

  async run(): Promise<DemoDataSummary> {
    const today = this.options.today;
    const at = new Date(`${today}T12:00:00.000Z`);
    this.regNo = await this.ensureOrganisation(at);
    const semesters = await this.ensureCalendar(today);
    await this.ensureRiskFactors(at);
    this.kinds = new Map((await this.trx.selectFrom('measure_kind').selectAll().execute()).map((k) => [k.code, k]));
    const firstDay = semesters[0]!.starts_on;
    const students = this.makeStudents(this.options.students, today, firstDay);
    this.makeStaff(students, firstDay);

    for (const student of students) {
      if (this.random.chance(AT_RISK_SHARE)) {
        this.atRisk++;
        this.journey(student, semesters, today);
      } else if (this.random.chance(0.03)) {
        this.screening(student, semesters[semesters.length - 1]!, [], today);
      }
    }
    await this.write();
    for (const [semesterId, n] of this.seq) {
      const key = `${PLAN_CODE_SEQ_SETTING_PREFIX}${semesterId}`;
      await this.trx
        .insertInto('setting')
        .values({ key, value: String(n), updated_at: at.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(n), updated_at: at.toISOString() }))
        .execute();
    }
    const summary: Omit<DemoDataSummary, 'accounts'> = {
      students: students.length,
      staff: this.rows.staff_user.length,
      atRisk: this.atRisk,
      screenings: this.rows.screening.length,
      plans: this.rows.plan.length,
      measures: this.rows.measure.length,
      deliveries: this.rows.delivery.length,
      semesters: semesters.map((s) => s.id),
      plansByStatus: this.byStatus,
    };
    await recordAudit(this.trx, DEMO_ACTOR, at, { action: 'import', entity: 'demoData', entityId: String(this.options.seed ?? 1), detail: { ...summary } });
    const accounts = this.rows.staff_user.map((u) => ({
      username: u.username,
      displayName: u.display_name,
      roles: this.rows.staff_role.filter((r) => r.user_id === u.id).map((r) => r.role),
    }));
    return { ...summary, accounts };
  }

  private async ensureOrganisation(at: Date): Promise<string> {
    const org = await this.trx.selectFrom('organisation').select('reg_no').where('id', '=', 1).executeTakeFirst();
    if (org) return org.reg_no;
    const now = at.toISOString();
    await this.trx
      .insertInto('organisation')
      .values({
        id: 1,
        mode: 'school',
        name: 'Demo vidusskola',
        reg_no: '9000000001',
        municipality: 'Madonas novads',
        school_type: 'general',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return '9000000001';
  }

  /** The last two school years' semesters that have started by `today`. */
  private async ensureCalendar(today: string): Promise<SemesterTable[]> {
    const current = defaultStartYearFor(today);
    const ids: string[] = [];
    for (const startYear of [current - 1, current]) {
      const year = defaultSchoolYear(startYear);
      ids.push(year.id);
      await this.trx
        .insertInto('school_year')
        .values({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const s of year.semesters) {
        await this.trx
          .insertInto('semester')
          .values({ id: s.id, school_year_id: year.id, number: s.number, starts_on: s.startsOn, ends_on: s.endsOn })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    return this.trx.selectFrom('semester').selectAll().where('school_year_id', 'in', ids).where('starts_on', '<=', today).orderBy('starts_on').execute();
  }

  private async ensureRiskFactors(at: Date): Promise<void> {
    let factors = await this.trx.selectFrom('risk_factor').selectAll().where('retired_at', 'is', null).orderBy('sort_order').execute();
    if (factors.length === 0 && this.options.riskCatalogue) {
      await addCatalogueFactors(this.trx, this.options.riskCatalogue, DEMO_ACTOR, at);
      factors = await this.trx.selectFrom('risk_factor').selectAll().where('retired_at', 'is', null).orderBy('sort_order').execute();
    }
    if (factors.length === 0) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.demoData.noRiskCatalogue' });
    this.factors = factors;
  }

  private makeStudents(count: number, today: string, firstDay: string): Student[] {
    const startYear = defaultStartYearFor(today);
    const perGrade = Math.ceil(count / 12);
    const codes = new Set<string>();
    const students: Student[] = [];
    for (let i = 0; i < count; i++) {
      const grade = Math.min(12, Math.floor(i / perGrade) + 1);
      const classes = Math.max(1, Math.ceil(perGrade / CLASS_SIZE));
      // class_label holds the parallel class's letter; the grade is its own column ("7." + "b" shows as 7.b).
      const letter = 'abcdefgh'[(i % perGrade) % Math.min(classes, 8)] ?? 'a';
      const classLabel = `${grade}.${letter}`;
      const person = demoPerson(this.random);
      const birthYear = startYear - 6 - grade - (this.random.chance(0.08) ? 1 : 0);
      const birthDate = addDays(`${birthYear}-01-01`, this.random.int(0, 364));
      const newCode = () => (this.random.chance(0.04) ? newFormPersonalCode(this.random) : legacyPersonalCode(birthDate, this.random.int(0, 999)));
      let code = newCode();
      while (codes.has(code)) code = newCode();
      codes.add(code);
      const id = this.random.uuid();
      const at = `${firstDay}T07:00:00.000Z`;
      this.rows.student.push({
        id,
        first_name: person.firstName,
        last_name: person.lastName,
        personal_code: code,
        birth_date: birthDate,
        gender: person.gender,
        education_level: 'general',
        grade,
        class_label: letter,
        enrolled_on: `${startYear - grade + 1}-09-01`,
        left_on: null,
        status: 'active',
        created_at: at,
        updated_at: at,
      });
      students.push({ id, grade, classLabel, birthDate, gender: person.gender, firstName: person.firstName, lastName: person.lastName });
    }
    return students;
  }

  private makeStaff(students: Student[], firstDay: string): void {
    const name = userNamer();
    const at = `${firstDay}T06:00:00.000Z`;
    const add = (roles: ('coordinator' | 'planAuthor' | 'specialist' | 'director' | 'readOnly')[], kind: string | null): Staff => {
      const person = demoPerson(this.random, this.random.chance(0.8) ? 'female' : 'male');
      const id = this.random.uuid();
      this.rows.staff_user.push({
        id,
        username: name(person),
        display_name: `${person.firstName} ${person.lastName}`,
        password_hash: this.options.passwordHash ?? '!',
        specialist_kind: kind,
        created_at: at,
        updated_at: at,
      });
      for (const role of roles) this.rows.staff_role.push({ user_id: id, role });
      return { id, kind };
    };
    this.coordinator = add(['coordinator'], null);
    this.directors = [add(['director'], null), add(['director'], null)];
    add(['readOnly'], null);
    this.specialists.set('psychologist', add(['planAuthor', 'specialist'], 'psychologist'));
    this.specialists.set('socialPedagogue', add(['planAuthor', 'specialist'], 'socialPedagogue'));
    this.specialists.set('specialEducationTeacher', add(['specialist'], 'specialEducationTeacher'));
    this.specialists.set('teacherAssistant', add(['specialist'], 'teachersAssistant'));
    this.specialists.set('occupationalTherapist', add(['specialist'], 'occupationalTherapist'));
    this.specialists.set('assistant', add(['specialist'], 'assistant'));
    this.specialists.set('signLanguageInterpreter', add(['specialist'], 'signLanguageInterpreter'));
    for (const label of [...new Set(students.map((s) => s.classLabel))]) this.classTeachers.set(label, add(['planAuthor', 'specialist'], 'teacher'));
  }

  /** One at-risk student's semesters: screening, plan, deliveries, outcomes; risks change over time. */
  private journey(student: Student, semesters: SemesterTable[], today: string): void {
    const first = this.random.weighted(semesters.map((_, i) => [i, i === semesters.length - 1 ? 4 : 2] as const));
    const school = this.factors.filter((f) => f.risk_group === 'school');
    let profile = [...(this.random.chance(0.8) && school.length ? [this.random.pick(school)] : []), ...this.random.sample(this.factors, this.random.int(0, 3))];
    if (profile.length === 0) profile = [this.random.pick(this.factors)];
    profile = [...new Map(profile.map((f) => [f.id, f])).values()];
    let previousPlanId: string | null = null;
    for (let i = first; i < semesters.length; i++) {
      const semester = semesters[i]!;
      // A first-grader was not at school in the previous school year.
      if (student.grade === 1 && semester.school_year_id !== semesters[semesters.length - 1]!.school_year_id) continue;
      const screenedOn = this.screening(student, semester, profile, today);
      const isCurrent = i === semesters.length - 1;
      const result = this.plan(student, semester, profile, previousPlanId, addDays(screenedOn, this.random.int(1, 5)), isCurrent, today);
      previousPlanId = result.planId;
      if (result.left) {
        const row = this.rows.student.find((s) => s.id === student.id)!;
        row.status = 'left';
        row.left_on = result.left;
        return;
      }
      const lessened = new Set(result.lessened);
      profile = profile.filter((f) => !lessened.has(f.id) || this.random.chance(0.4));
      if (this.random.chance(0.15)) profile.push(this.random.pick(this.factors));
      profile = [...new Map(profile.map((f) => [f.id, f])).values()];
      if (profile.length === 0) return;
    }
  }

  /** A screening of every active factor; returns its day. */
  private screening(student: Student, semester: SemesterTable, present: RiskFactorTable[], today: string): string {
    const id = this.random.uuid();
    const day = minDay(addDays(semester.starts_on, this.random.int(3, 20)), today);
    const presentIds = new Set(present.map((f) => f.id));
    const by = this.classTeachers.get(student.classLabel)!.id;
    const at = stamp(day, 9);
    this.rows.screening.push({
      id,
      student_id: student.id,
      semester_id: semester.id,
      screened_on: day,
      screened_by: by,
      note: '',
      created_at: at,
      updated_at: at,
    });
    for (const f of this.factors) {
      const answer = presentIds.has(f.id) ? 'present' : this.random.chance(0.05) ? 'unknown' : 'absent';
      this.rows.screening_answer.push({
        screening_id: id,
        risk_factor_id: f.id,
        answer,
        justification: answer === 'present' ? `${f.label_lv}: ${this.random.pick(JUSTIFICATIONS)}` : '',
      });
    }
    return day;
  }

  private plan(
    student: Student,
    semester: SemesterTable,
    profile: RiskFactorTable[],
    previousPlanId: string | null,
    createdOn: string,
    isCurrent: boolean,
    today: string,
  ): { planId: string | null; left: string | null; lessened: string[] } {
    if (createdOn > today || createdOn > semester.ends_on) return { planId: null, left: null, lessened: [] };
    const planId = this.random.uuid();
    const author = this.random.chance(0.8) ? this.classTeachers.get(student.classLabel)! : this.specialists.get('socialPedagogue')!;
    const director = this.random.pick(this.directors);
    const events = this.lifecycle(author.id, director.id, createdOn, semester, isCurrent, today);
    // Walk the events through the lifecycle table: the history is valid by construction.
    let status: PlanStatus = 'draft';
    const history: Row<'plan_status_change'>[] = [
      { plan_id: planId, from_status: null, to_status: 'draft', comment: '', changed_by: author.id, changed_at: stamp(createdOn, 10) },
    ];
    let startedOn: string | null = null;
    let stoppedOn: string | null = null;
    for (const e of events) {
      const comment = e.action === 'return' || e.action === 'suspend' || e.action === 'deactivate' ? COMMENTS[e.action] : '';
      const outcome = applyAction(status, e.action, comment);
      if (!outcome.ok) throw new Error(`demo data: ${status} -${e.action}-> is not in the lifecycle`);
      history.push({
        plan_id: planId,
        from_status: status,
        to_status: outcome.to,
        comment,
        changed_by: e.by,
        changed_at: stamp(e.day, 11 + (history.length % 6)),
      });
      if (e.action === 'start') startedOn = e.day;
      if (stoppedOn === null && startedOn !== null && ['suspend', 'deactivate', 'review', 'complete'].includes(e.action)) stoppedOn = e.day;
      status = outcome.to;
    }
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    const seq = (this.seq.get(semester.id) ?? 0) + 1;
    this.seq.set(semester.id, seq);
    const consentOn = addDays(createdOn, -this.random.int(0, 3));
    const adult = isAdultOn(student.birthDate, consentOn) === true;
    const parent = this.random.weighted([
      ['mother', 6],
      ['father', 3],
      ['guardian', 1],
    ] as const);
    const last = history[history.length - 1]!;
    this.rows.plan.push({
      id: planId,
      code: formatPlanCode(this.regNo, semester.id, seq),
      student_id: student.id,
      semester_id: semester.id,
      status,
      goals: this.random.pick(GOALS),
      author_id: author.id,
      consent_by: adult
        ? `${student.firstName} ${student.lastName}`
        : `${parent === 'father' ? demoPerson(this.random, 'male').firstName : demoPerson(this.random, 'female').firstName} ${student.lastName}`,
      consent_relation: adult ? 'student' : parent,
      consent_on: consentOn,
      previous_plan_id: previousPlanId,
      closed_at: status === 'inactive' ? last.changed_at : null,
      version: history.length,
      created_at: history[0]!.changed_at,
      updated_at: last.changed_at,
    });
    this.rows.plan_status_change.push(...history);

    const measures = this.measures(planId, student, semester, profile, createdOn);
    if (startedOn) {
      const windowEnd = minDay(minDay(stoppedOn ?? semester.ends_on, semester.ends_on), today);
      for (const m of measures) this.deliveries(m, startedOn, windowEnd);
    }
    const completed = events.find((e) => e.action === 'complete');
    const deactivated = events.find((e) => e.action === 'deactivate');
    if (deactivated && !isCurrent) return { planId, left: deactivated.day, lessened: [] };
    if (!completed) return { planId, left: null, lessened: [] };
    return this.outcomes(planId, semester, profile, measures, author.id, stamp(completed.day, 15));
  }

  /** The events a plan went through, cut off at `today`. */
  private lifecycle(author: string, director: string, createdOn: string, semester: SemesterTable, isCurrent: boolean, today: string): Event[] {
    const r = this.random;
    const steps: { action: PlanAction; by: string }[] = [{ action: 'submit', by: author }];
    if (r.chance(0.12)) steps.push({ action: 'return', by: director }, { action: 'submit', by: author });
    steps.push({ action: 'approve', by: director }, { action: 'start', by: author });
    if (isCurrent) {
      const target = r.weighted([
        ['draft', 10],
        ['inApproval', 10],
        ['approved', 6],
        ['active', 55],
        ['underReview', 5],
        ['suspended', 7],
        ['inactive', 7],
      ] as const);
      const keep = { draft: 0, inApproval: steps.length - 2, approved: steps.length - 1, active: steps.length } as Record<string, number>;
      if (target in keep) steps.splice(keep[target]!);
      else if (target === 'underReview') steps.push({ action: 'review', by: author });
      else if (target === 'suspended') steps.push({ action: 'suspend', by: director });
      else steps.push({ action: 'deactivate', by: author });
    } else if (r.chance(0.05)) {
      steps.push({ action: 'deactivate', by: author });
    } else {
      if (r.chance(0.06)) steps.push({ action: 'suspend', by: director }, { action: 'resume', by: this.coordinator.id });
      steps.push({ action: 'complete', by: author });
    }
    const events: Event[] = [];
    let day = createdOn;
    for (const step of steps) {
      day =
        step.action === 'complete'
          ? addDays(semester.ends_on, r.int(0, 10))
          : step.action === 'deactivate' || step.action === 'suspend' || step.action === 'review'
            ? addDays(day, r.int(20, 50))
            : addDays(day, r.int(1, 6));
      if (step.action !== 'complete' && day > semester.ends_on) day = semester.ends_on;
      if (day > today) break;
      events.push({ action: step.action, by: step.by, day });
    }
    return events;
  }

  private measures(planId: string, student: Student, semester: SemesterTable, profile: RiskFactorTable[], createdOn: string) {
    const byKind = new Map<string, RiskFactorTable[]>();
    for (const f of profile) {
      const code = kindForFactor(f.id, f.risk_group);
      if (this.kinds.has(code)) byKind.set(code, [...(byKind.get(code) ?? []), f]);
    }
    const chosen = [...byKind].slice(0, 3);
    return chosen.map(([code, risks]) => {
      const kind = this.kinds.get(code)!;
      const id = this.random.uuid();
      const responsible =
        code === 'consultation.teacher'
          ? this.classTeachers.get(student.classLabel)!
          : kind.category === 'consultation'
            ? (this.specialists.get(code.split('.')[1]!) ?? this.specialists.get('psychologist')!)
            : kind.category === 'ngo'
              ? this.specialists.get('socialPedagogue')!
              : this.coordinator;
      const startsOn = createdOn > semester.starts_on ? createdOn : semester.starts_on;
      const planned =
        kind.category === 'consultation' ? this.random.pick(PLANNED_MINUTES) : kind.category === 'compensation' ? plannedCentsFor(code, this.random) : null;
      const at = stamp(createdOn, 10);
      this.rows.measure.push({
        id,
        plan_id: planId,
        kind_code: code,
        planned_minutes: kind.category === 'consultation' ? planned : null,
        planned_cents: kind.category === 'compensation' ? planned : null,
        responsible_id: responsible.id,
        starts_on: minDay(startsOn, semester.ends_on),
        ends_on: semester.ends_on,
        justification: `Atbalsts: ${risks.map((f) => f.label_lv.toLowerCase()).join(', ')}`,
        created_at: at,
        updated_at: at,
      });
      for (const f of risks) this.rows.measure_risk.push({ measure_id: id, risk_factor_id: f.id });
      return {
        id,
        kind,
        planned,
        responsible: responsible.id,
        startsOn: minDay(startsOn, semester.ends_on),
        endsOn: semester.ends_on,
        delivered: 0,
        riskIds: risks.map((f) => f.id),
      };
    });
  }

  private deliveries(m: ReturnType<DemoSchool['measures']>[number], startedOn: string, windowEnd: string): void {
    const r = this.random;
    const from = startedOn > m.startsOn ? startedOn : m.startsOn;
    const to = windowEnd < m.endsOn ? windowEnd : m.endsOn;
    if (from > to) return;
    const add = (day: string, amount: number) => {
      const check = checkLimits({
        category: m.kind.category,
        amount,
        planned: m.planned,
        deliveredOnMeasure: m.delivered,
        capCents: m.kind.cap_cents,
        rateCents: m.kind.rate_cents,
        deliveredOnKind: m.delivered,
      });
      const at = stamp(day, 14);
      const consultation = m.kind.category === 'consultation';
      this.rows.delivery.push({
        id: r.uuid(),
        measure_id: m.id,
        delivered_on: day,
        specialist_id: consultation ? m.responsible : null,
        minutes: consultation ? amount : null,
        student_confirmed: consultation ? (r.chance(0.92) ? 1 : 0) : null,
        cents: m.kind.category === 'compensation' ? amount : null,
        receipt_ref: m.kind.category === 'compensation' ? `Nr. ${r.int(1000, 99999)}` : null,
        note: consultation ? r.pick(NOTES) : '',
        over_plan_reason: needsReason(check) ? 'Vajadzība izrādījās lielāka, nekā plānots.' : null,
        recorded_by: m.responsible,
        created_at: at,
        updated_at: at,
      });
      m.delivered += m.kind.category === 'ngo' ? 1 : amount;
    };
    if (m.kind.category === 'ngo') {
      if (r.chance(0.8)) add(addDays(from, r.int(0, Math.max(0, daysBetween(from, to)))), 1);
      return;
    }
    const planned = m.planned ?? 0;
    const consultation = m.kind.category === 'consultation';
    let day = addDays(from, r.int(0, consultation ? 6 : 20));
    while (day <= to && m.delivered < planned) {
      let amount = consultation ? r.pick(SESSION_MINUTES) : Math.max(100, Math.round(planned / r.int(3, 5) / 50) * 50);
      if (m.delivered + amount > planned && !r.chance(0.05)) amount = planned - m.delivered;
      add(day, amount);
      day = addDays(day, consultation ? r.int(5, 14) : r.int(25, 35));
    }
  }

  private outcomes(planId: string, semester: SemesterTable, profile: RiskFactorTable[], measures: ReturnType<DemoSchool['measures']>, by: string, at: string) {
    const r = this.random;
    for (const m of measures) {
      const ratio = m.kind.category === 'ngo' ? m.delivered : m.planned ? m.delivered / m.planned : 0;
      this.rows.measure_outcome.push({
        measure_id: m.id,
        delivered: ratio >= 0.9 ? 'full' : ratio >= 0.3 ? 'partial' : 'none',
        evaluated_by: by,
        evaluated_at: at,
      });
    }
    const lessened: string[] = [];
    for (const f of profile) {
      // A planted effect raises the chance that a risk lessens when a delivered measure of that kind addressed it;
      // the draw is the same single weighted pick, so data without planted effects stay as they were.
      const points = measures
        .filter((m) => m.delivered > 0 && m.riskIds.includes(f.id))
        .reduce((sum, m) => sum + (this.options.plantedEffects?.[m.kind.code]?.riskLessenedPoints ?? 0), 0);
      const lessenedP = Math.min(1, Math.max(0, 0.5 + points / 100));
      const change =
        points === 0
          ? r.weighted([
              ['lessened', 5],
              ['unchanged', 3.5],
              ['grew', 1.5],
            ] as const)
          : r.weighted([
              ['lessened', lessenedP * 10],
              ['unchanged', (1 - lessenedP) * 7],
              ['grew', (1 - lessenedP) * 3],
            ] as const);
      if (change === 'lessened') lessened.push(f.id);
      this.rows.risk_outcome.push({ plan_id: planId, risk_factor_id: f.id, change, evaluated_by: by, evaluated_at: at });
    }
    const yearEnd = semester.number === 2;
    const outcome = r.weighted([
      ['continues', 85],
      ['extendedYear', yearEnd ? 4 : 0],
      ['repeatsYear', yearEnd ? 4 : 0],
      ['movedSchool', 4],
      ['leftEducation', 3],
    ] as const);
    this.rows.plan_outcome.push({ plan_id: planId, student_outcome: outcome, note: '', evaluated_by: by, evaluated_at: at });
    const left = outcome === 'movedSchool' || outcome === 'leftEducation' ? semester.ends_on : null;
    return { planId, left, lessened };
  }

  /** Batched inserts, parents before children. */
  private async write(): Promise<void> {
    const order: (keyof Rows)[] = [
      'staff_user',
      'staff_role',
      'student',
      'screening',
      'screening_answer',
      'plan',
      'plan_status_change',
      'measure',
      'measure_risk',
      'delivery',
      'measure_outcome',
      'risk_outcome',
      'plan_outcome',
    ];
    // Plans link to earlier plans: insert them in semester order.
    this.rows.plan.sort((a, b) => a.created_at.localeCompare(b.created_at));
    for (const table of order) {
      const rows = this.rows[table] as Record<string, unknown>[];
      const columns = rows[0] ? Object.keys(rows[0]).length : 1;
      const batch = Math.max(1, Math.floor(30_000 / columns));
      for (let i = 0; i < rows.length; i += batch) {
        await this.trx
          .insertInto(table)
          .values(rows.slice(i, i + batch) as never)
          .execute();
      }
    }
  }
}

function stamp(day: string, hour: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Builds plans in the states tests need, through the real services. */
import type { PlanView } from '../../../src-shared/domain/plan';
import type { PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { fixedClock, type Clock } from '../../ports/clock';
import { PlanService } from '../plans/plan-service';
import { ScreeningService } from '../plans/screening-service';
import { actorOf, SEMESTER_1, type SchoolFixture } from './school-fixture';

export interface PlanKit {
  plans: PlanService;
  screenings: ScreeningService;
  clock: Clock;
}

export function planKit(fx: SchoolFixture, clock: Clock = fixedClock('2025-09-15T10:00:00Z')): PlanKit {
  return { plans: new PlanService(fx.db, clock), screenings: new ScreeningService(fx.db, clock), clock };
}

/** A draft for the minor in semester 1, with a screening, consent and two measures (psychologist 120 min, transport 50,00 €). */
export async function readyDraft(kit: PlanKit, studentId: string, semesterId = SEMESTER_1): Promise<PlanView> {
  const author = actorOf('author');
  await kit.screenings.save(author, {
    studentId,
    semesterId,
    answers: [
      { riskFactorId: 'school.absences', answer: 'present', justification: 'Daudz kavējumu' },
      { riskFactorId: 'economic.transport', answer: 'present', justification: 'Nav naudas biļetēm' },
      { riskFactorId: 'personal.health', answer: 'absent' },
    ],
  });
  const draft = await kit.plans.create(author, { studentId, semesterId, goals: 'Mazināt kavējumus' });
  return kit.plans.update(author, {
    planId: draft.id,
    version: draft.version,
    goals: 'Mazināt kavējumus',
    consent: { by: 'Māte', relation: 'mother', on: '2025-09-10' },
    measures: [
      {
        kindCode: 'consultation.psychologist',
        plannedMinutes: 120,
        startsOn: '2025-09-15',
        endsOn: '2025-12-19',
        justification: 'Motivācija',
        riskFactorIds: ['school.absences'],
        responsibleId: 'u-spec',
      },
      {
        kindCode: 'compensation.publicTransport',
        plannedCents: 5000,
        startsOn: '2025-09-15',
        endsOn: '2025-12-19',
        justification: 'Biļetes',
        riskFactorIds: ['economic.transport'],
      },
    ],
  });
}

/** Takes a ready draft to `approved` or `active` (author submits, director approves, author starts). */
export async function planIn(kit: PlanKit, studentId: string, status: Extract<PlanStatus, 'draft' | 'inApproval' | 'approved' | 'active'>): Promise<PlanView> {
  let plan = await readyDraft(kit, studentId);
  if (status === 'draft') return plan;
  plan = await kit.plans.transition(actorOf('author'), { planId: plan.id, version: plan.version, action: 'submit' });
  if (status === 'inApproval') return plan;
  plan = await kit.plans.transition(actorOf('director'), { planId: plan.id, version: plan.version, action: 'approve' });
  if (status === 'approved') return plan;
  return kit.plans.transition(actorOf('author'), { planId: plan.id, version: plan.version, action: 'start' });
}

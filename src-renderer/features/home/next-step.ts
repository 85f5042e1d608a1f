/**
 * What a school should do next, for the home screen of a school that is only
 * starting (issue 16, item 14): set the calendar, add students, then screen
 * them and write the first plan. Nothing once plans exist: from then on the
 * "waiting for you" list says what to do.
 */
import type { Permission } from '../../../src-shared/domain/roles';
import type { MessageKey } from '../../../src-shared/i18n/index';

export type NextStep = 'calendar' | 'students' | 'firstPlan';

export interface NextStepFacts {
  /** The current semester, when the calendar has one for today. */
  semesterId: string | null;
  activeStudents: number;
  plans: number;
  can(permission: Permission): boolean;
}

export function nextStep(facts: NextStepFacts): NextStep | null {
  if (facts.semesterId === null) return facts.can('school.admin') ? 'calendar' : null;
  // Plans exist: the school is under way (the students are then not even counted).
  if (facts.plans > 0) return null;
  if (facts.activeStudents === 0) return facts.can('student.write') ? 'students' : null;
  return facts.can('plan.write') || facts.can('screening.write') ? 'firstPlan' : null;
}

export const NEXT_STEP_TEXT: Record<NextStep, { body: MessageKey; link: MessageKey }> = {
  calendar: { body: 'home.next.calendar', link: 'home.next.calendar.link' },
  students: { body: 'home.next.students', link: 'home.next.students.link' },
  firstPlan: { body: 'home.next.firstPlan', link: 'home.next.firstPlan.link' },
};

/**
 * What a plan needs before it may be submitted for approval:
 *  - goals written;
 *  - consent recorded: who, relation and date (not in the future); an adult
 *    student (18+ on the consent day, from the birth date) consents
 *    personally, a minor's consent comes from a parent or guardian; when the
 *    birth date is unknown, either is accepted;
 *  - at least one measure, each with a justification and linked to at least
 *    one risk factor that is PRESENT in the same semester's screening.
 * Returns field errors whose keys say what to fix; [] means ready.
 */
import type { FieldError } from '../ipc/result';
import type { Consent } from './plan';
import { isAdultOn } from './plan-fields';

export interface ReadinessInput {
  goals: string;
  consent: Consent | null;
  studentBirthDate: string | null;
  measures: readonly { justification: string; riskFactorIds: readonly string[] }[];
  /** Factors answered `present` in the semester's screening. */
  presentRiskFactorIds: ReadonlySet<string>;
  today: string;
}

export function submissionProblems(input: ReadinessInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.goals.trim() === '') problems.push({ path: 'goals', messageKey: 'errors.plan.goalsRequired' });

  const consent = input.consent;
  if (!consent) {
    problems.push({ path: 'consent', messageKey: 'errors.plan.consentRequired' });
  } else {
    if (consent.by.trim() === '') problems.push({ path: 'consent.by', messageKey: 'errors.field.required' });
    if (consent.on > input.today) problems.push({ path: 'consent.on', messageKey: 'errors.plan.consentInFuture' });
    const adult = isAdultOn(input.studentBirthDate, consent.on);
    if (adult === true && consent.relation !== 'student') {
      problems.push({ path: 'consent.relation', messageKey: 'errors.plan.consentByAdultStudent' });
    }
    if (adult === false && consent.relation === 'student') {
      problems.push({ path: 'consent.relation', messageKey: 'errors.plan.consentByParent' });
    }
  }

  if (input.measures.length === 0) problems.push({ path: 'measures', messageKey: 'errors.plan.measureRequired' });
  input.measures.forEach((measure, i) => {
    if (measure.justification.trim() === '') {
      problems.push({ path: `measures.${i}.justification`, messageKey: 'errors.measure.justificationRequired' });
    }
    if (measure.riskFactorIds.length === 0) {
      problems.push({ path: `measures.${i}.riskFactorIds`, messageKey: 'errors.measure.riskRequired' });
    }
    for (const factorId of measure.riskFactorIds) {
      if (!input.presentRiskFactorIds.has(factorId)) {
        problems.push({ path: `measures.${i}.riskFactorIds`, messageKey: 'errors.measure.riskNotPresent', params: { factorId } });
      }
    }
  });
  return problems;
}

/** The checklist a plan's author sees while writing it (plan screen), in this order. */
export const READINESS_ITEMS = ['goals', 'consent', 'measures', 'measuresComplete'] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number];

/**
 * The same rule as a checklist: each item is done when `submissionProblems`
 * finds nothing under it, so the screen ticks off exactly what submitting
 * would refuse.
 */
export function readinessChecklist(problems: readonly FieldError[]): { item: ReadinessItem; ok: boolean }[] {
  const under: Record<ReadinessItem, (path: string) => boolean> = {
    goals: (path) => path === 'goals',
    consent: (path) => path === 'consent' || path.startsWith('consent.'),
    measures: (path) => path === 'measures',
    measuresComplete: (path) => path === 'measures' || path.startsWith('measures.'),
  };
  return READINESS_ITEMS.map((item) => ({ item, ok: !problems.some((p) => under[item](p.path)) }));
}

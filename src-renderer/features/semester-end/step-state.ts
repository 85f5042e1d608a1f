/**
 * Which semester-end steps are really finished (issue 16, item 8): a step
 * is done when everything in it is answered, not because the person moved
 * past it; and how early a plan would be closed.
 */
export type Step = 'measures' | 'risks' | 'outcome' | 'close';

export interface StepFacts {
  measures: readonly (string | null | undefined)[];
  risks: readonly (string | null | undefined)[];
  outcome: string | null;
  closed: boolean;
}

export function stepDone(step: Step, facts: StepFacts): boolean {
  switch (step) {
    case 'measures':
      return facts.measures.every((m) => Boolean(m));
    case 'risks':
      return facts.risks.every((r) => Boolean(r));
    case 'outcome':
      return facts.outcome !== null;
    case 'close':
      return facts.closed;
  }
}

/** Whole days from `today` to the semester's last day (both yyyy-mm-dd); 0 or less once it has ended. */
export function daysLeft(today: string, semesterEndsOn: string): number {
  return Math.round((Date.parse(`${semesterEndsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

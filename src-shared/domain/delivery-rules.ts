/**
 * Pure money and amount rules for deliveries. All amounts are integers:
 * minutes, or euro cents; sums are exact.
 *
 * A delivery needs a stated reason when, with it, the measure's delivered
 * total goes over its planned amount, or the student's total for the kind
 * in the semester goes over the kind's cap. Only the delivery that crosses
 * (or stays over) the line needs one; deliveries within limits never do.
 */
import type { MeasureCategory } from './measure-kinds';

/** Cost of consultation minutes at an hourly rate, rounded half up to a cent. */
export function consultationCostCents(minutes: number, rateCentsPerHour: number): number {
  return Math.floor((minutes * rateCentsPerHour + 30) / 60);
}

/** Exact sum of integer amounts; throws on anything that is not a safe integer. */
export function sumAmounts(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer, got ${amount}`);
    total += amount;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('sum out of range');
  return total;
}

export interface LimitCheckInput {
  category: MeasureCategory;
  /** The new delivery's amount: minutes (consultation), cents (compensation), 1 (ngo). */
  amount: number;
  /** The measure's planned amount in the same unit; null = not planned. */
  planned: number | null;
  /** Delivered so far on this measure, same unit. */
  deliveredOnMeasure: number;
  /** The kind's cap per student per semester in cents; null = no cap. */
  capCents: number | null;
  /** For consultations: cost per hour in cents (needed to compare with a cap). */
  rateCents: number | null;
  /** This student's total for the kind in the semester so far, same unit as amount. */
  deliveredOnKind: number;
}

export interface LimitCheck {
  overPlan: boolean;
  overCap: boolean;
}

export function checkLimits(input: LimitCheckInput): LimitCheck {
  const overPlan = input.planned !== null && input.category !== 'ngo' && input.deliveredOnMeasure + input.amount > input.planned;
  return { overPlan, overCap: kindCostCents(input, input.deliveredOnKind + input.amount) > (input.capCents ?? Infinity) };
}

/** What a total amount of a kind costs in cents (0 when it has no price). */
export function kindCostCents(kind: { category: MeasureCategory; rateCents: number | null }, total: number): number {
  if (kind.category === 'compensation') return total;
  if (kind.category === 'consultation' && kind.rateCents !== null) return consultationCostCents(total, kind.rateCents);
  return 0;
}

export function needsReason(check: LimitCheck): boolean {
  return check.overPlan || check.overCap;
}

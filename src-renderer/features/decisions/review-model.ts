/**
 * The review form as data: the approved amount typed per compensation
 * measure (empty: as planned), which measures are refused, and what the
 * decision would take of each kind's budget, so the screen shows what is
 * left and asks for a reason before going over (the service decides again).
 */
import { parseMoney } from '../../../src-shared/domain/format';
import type { BudgetLine, PlanReview } from '../../../src-shared/ipc/contract/decisions';

export type ReviewMeasure = PlanReview['measures'][number];
export type Outcome = 'approved' | 'returned' | 'measureRefused';

export interface AmountsResult {
  /** Approved cents by measure number, only where they differ from the planned amount. */
  amounts: { no: number; cents: number }[];
  /** Measure numbers whose typed amount is not money or is above the planned one. */
  invalid: number[];
}

/** Reads the typed amounts ("30", "30,50", "" = as planned). */
export function readAmounts(measures: readonly ReviewMeasure[], texts: Readonly<Record<number, string>>): AmountsResult {
  const amounts: { no: number; cents: number }[] = [];
  const invalid: number[] = [];
  for (const m of measures) {
    if (m.category !== 'compensation') continue;
    const text = (texts[m.no] ?? '').trim();
    if (text === '') continue;
    const cents = parseMoney(text);
    if (cents === null || cents > (m.plannedCents ?? 0)) invalid.push(m.no);
    else if (cents !== m.plannedCents) amounts.push({ no: m.no, cents });
  }
  return { amounts, invalid };
}

/** What an approval (or a refusal of some measures) would take of each kind, in cents. */
export function takenByKind(
  measures: readonly ReviewMeasure[],
  amounts: readonly { no: number; cents: number }[],
  refused: ReadonlySet<number>,
  outcome: Outcome,
): Map<string, number> {
  const taken = new Map<string, number>();
  if (outcome === 'returned') return taken;
  const byNo = new Map(amounts.map((a) => [a.no, a.cents]));
  for (const m of measures) {
    if (m.category !== 'compensation') continue;
    if (outcome === 'measureRefused' && refused.has(m.no)) continue;
    taken.set(m.kindCode, (taken.get(m.kindCode) ?? 0) + (byNo.get(m.no) ?? m.plannedCents ?? 0));
  }
  return taken;
}

/** Kinds with a budget that the decision would go over. */
export function overBudget(budget: readonly BudgetLine[], taken: ReadonlyMap<string, number>): string[] {
  return budget.filter((b) => (taken.get(b.kindCode) ?? 0) > 0 && (taken.get(b.kindCode) ?? 0) > b.leftCents).map((b) => b.kindCode);
}

/**
 * What a school's screens show of its municipality's work (issue 9): where
 * each plan stands with the municipality, the decisions received (flagged
 * when made on an edition the school has changed since), payments, the next
 * package deadline and how close it is, and the youth NGO projects register.
 * Shapes of the school-decisions channels, and the pure rules the screens use.
 */
import { z } from 'zod';
import { AUTHORITY_STATES, DECISION_OUTCOMES, PAYEES } from './decisions';

/** How the next package deadline stands: nothing set, far, within SOON_DAYS, or missed with nothing sent. */
export const DEADLINE_STATES = ['none', 'ok', 'soon', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
/** A deadline this many days away or closer is highlighted. */
export const SOON_DAYS = 7;

export const deadlineViewSchema = z.object({
  /** The deadline shown: the next one, or the one missed when overdue (YYYY-MM-DD). */
  deadline: z.string().nullable(),
  state: z.enum(DEADLINE_STATES),
  /** Days from today to `deadline` (negative when overdue), or null. */
  days: z.number().int().nullable(),
});
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/**
 * The deadline a school sees: overdue when the latest deadline before today
 * passed with no package made for the semester since the deadline before it
 * (and none since); otherwise the next deadline (today or later), 'soon'
 * within SOON_DAYS days. `deadlines` ascending days; `sentDays` the days the
 * school made a package for the semester.
 */
export function deadlineView(deadlines: readonly string[], today: string, sentDays: readonly string[]): DeadlineView {
  const sorted = [...deadlines].sort();
  const past = sorted.filter((d) => d < today);
  const missed = past.at(-1);
  if (missed !== undefined) {
    const cycleStart = past.at(-2) ?? '';
    if (!sentDays.some((s) => s > cycleStart)) return { deadline: missed, state: 'overdue', days: dayNumber(missed) - dayNumber(today) };
  }
  const next = sorted.find((d) => d >= today);
  if (next === undefined) return { deadline: null, state: 'none', days: null };
  const days = dayNumber(next) - dayNumber(today);
  return { deadline: next, state: days <= SOON_DAYS ? 'soon' : 'ok', days };
}

export const authorityStateSchema = z.enum(AUTHORITY_STATES);

/** Home, exchange screen and the plan lists: who the school's plans wait for, and where each stands. */
export const decisionsOverviewSchema = z.object({
  /** The trusted municipality (or the state, for a state vocational school), or null before it is trusted. */
  authorityName: z.string().nullable(),
  /** Whether the municipality's settings have arrived (before that no plan can wait for it). */
  settingsReceived: z.boolean(),
  deadline: deadlineViewSchema,
  /** Plans that stand somewhere with the municipality (or hold a flagged decision). */
  plans: z.array(
    z.object({
      planId: z.string(),
      code: z.string(),
      authorityState: authorityStateSchema.nullable(),
      /** Decisions received on an edition the school has changed since: kept, not applied. */
      staleDecisions: z.number().int(),
    }),
  ),
});
export type DecisionsOverview = z.infer<typeof decisionsOverviewSchema>;
export type AuthorityPlanState = DecisionsOverview['plans'][number];

/** One plan's standing with the municipality: every decision received, each measure's amounts, payments. */
export const planDecisionsSchema = z.object({
  planId: z.string(),
  authorityName: z.string().nullable(),
  authorityState: authorityStateSchema.nullable(),
  /** Newest first. */
  decisions: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(DECISION_OUTCOMES),
      comment: z.string(),
      decidedAt: z.string(),
      receivedAt: z.string(),
      /** Made on an edition the school has changed since: kept and shown, never applied. */
      stale: z.boolean(),
      planVersion: z.number().int(),
      measures: z.array(z.object({ measureId: z.string(), approvedCents: z.number().int().nullable(), refused: z.boolean() })),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      kindCode: z.string(),
      category: z.string(),
      plannedCents: z.number().int().nullable(),
      approvedCents: z.number().int().nullable(),
      refused: z.boolean(),
      paidCents: z.number().int(),
    }),
  ),
  /** Payments the municipality recorded, oldest first. */
  payments: z.array(z.object({ id: z.string(), measureId: z.string(), paidOn: z.string(), cents: z.number().int(), payee: z.enum(PAYEES) })),
});
export type PlanDecisions = z.infer<typeof planDecisionsSchema>;

export const receivedYouthProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  ngo: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  budgetCents: z.number().int(),
});
export type ReceivedYouthProject = z.infer<typeof receivedYouthProjectSchema>;

/**
 * What to say about a compensation measure's amount after the decision:
 * refused, approved smaller than planned (with the amount), or nothing to add.
 */
export function measureDecisionNote(m: {
  plannedCents: number | null;
  approvedCents: number | null;
  refused: boolean;
}): { kind: 'refused' } | { kind: 'approvedLess'; approvedCents: number } | null {
  if (m.refused) return { kind: 'refused' };
  if (m.approvedCents !== null && m.plannedCents !== null && m.approvedCents < m.plannedCents) return { kind: 'approvedLess', approvedCents: m.approvedCents };
  return null;
}

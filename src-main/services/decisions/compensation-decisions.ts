/**
 * The municipality's compensation decisions and payments as the report to
 * the state carries them (state-report.ts, CompensationDecisions): for each
 * compensation measure of one of its schools, what the latest decision on
 * the plan approved and what has been paid.
 *
 * - No decision yet (or the latest one returned the plan): approved null.
 * - The measure refused: approved 0.
 * - An approved amount stored as null means "as planned": the measure's
 *   planned amount.
 * - Paid: the sum of the payments recorded for the measure in the semester;
 *   null when nothing was approved and nothing paid, 0 when approved but
 *   not paid yet.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CompensationDecisions } from '../exchange/state-report';

interface StoredMeasure {
  measureId: string;
  approvedCents: number | null;
  refused: boolean;
}

const key = (schoolId: string, measureId: string) => `${schoolId}\u0000${measureId}`;

export const AUTHORITY_COMPENSATION_DECISIONS: CompensationDecisions = {
  async load(db: Kysely<DB>, semesterId: string) {
    const org = await db.selectFrom('organisation').select('mode').where('id', '=', 1).executeTakeFirst();
    if (org?.mode !== 'municipality') return () => ({ approvedCents: null, paidCents: null });
    const decisions = await db
      .selectFrom('authority_decision')
      .select(['school_id', 'plan_id', 'outcome', 'measures'])
      .where('period', '=', semesterId)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    // The latest decision per plan decides; earlier ones on the same plan are replaced.
    const latest = new Map<string, (typeof decisions)[number]>();
    for (const d of decisions) latest.set(key(d.school_id, d.plan_id), d);
    const approved = new Map<string, { approvedCents: number | null; refused: boolean }>();
    for (const d of latest.values()) {
      if (d.outcome === 'returned') continue;
      for (const m of JSON.parse(d.measures) as StoredMeasure[])
        approved.set(key(d.school_id, m.measureId), { approvedCents: m.approvedCents, refused: m.refused });
    }
    const payments = await db
      .selectFrom('authority_payment')
      .select(['school_id', 'measure_id'])
      .select((eb) => eb.fn.sum<number>('cents').as('cents'))
      .where('period', '=', semesterId)
      .groupBy(['school_id', 'measure_id'])
      .execute();
    const paid = new Map(payments.map((p) => [key(p.school_id, p.measure_id), Number(p.cents)]));
    return (schoolId: string, measureId: string, plannedCents: number | null) => {
      const k = key(schoolId, measureId);
      const decision = approved.get(k);
      const approvedCents = decision === undefined ? null : decision.refused ? 0 : (decision.approvedCents ?? plannedCents ?? 0);
      const paidCents = paid.get(k) ?? (approvedCents === null ? null : 0);
      return { approvedCents, paidCents };
    };
  },
};

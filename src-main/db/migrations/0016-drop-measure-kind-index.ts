import { sql, type Kysely } from 'kysely';

/**
 * Drops stat_measure_kind (migration 0012), the index of the analytic
 * measures by kind code. Each import wrote a leaf of it for every kind the
 * package's measures use (measures of every school sorted by kind: ~17 of
 * the ~340 encrypted WAL frames a school package committed, and as many
 * pages copied again at the checkpoint; docs/performance.md, "Sixth pass:
 * import"). One query needed it: the effect estimates' list of every kind
 * held, which now reads the kinds of stat_overview_measure (migration
 * 0015: one row per period, sender, kind and category of the measures
 * held, kept with them at each import). The other statements that
 * EXPLAIN QUERY PLAN showed on it scanned the whole table and scan it
 * without.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS stat_measure_kind`.execute(db);
}

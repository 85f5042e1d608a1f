import { sql, type Kysely } from 'kysely';

/**
 * "Anything new since the last decisions package" by a change number, not
 * by the clock (issue 9, export --all). Comparing timestamps missed a
 * change made in the same instant as a package (a clock that stands still,
 * a coarse clock, or a clock set back).
 *
 * - authority_change_counter: one row, the last change number given out.
 *   Every write of a record that travels in the decisions package
 *   (settings, a decision, a payment, a youth project) takes the next one.
 * - change_no on authority_settings, authority_decision, authority_payment
 *   and youth_project: the number of the record's last change (0 for rows
 *   written before this migration).
 * - decisions_sent: per school and semester, the last change number a
 *   decisions package carried (read before its records were read, so a
 *   change racing with the export is sent again, never missed). A school
 *   with no row has news: its first package, or packages made before this
 *   migration (one package more, nothing lost).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`CREATE TABLE authority_change_counter (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_no INTEGER NOT NULL CHECK (last_no >= 0)
    ) STRICT`.execute(trx);
    await sql`INSERT INTO authority_change_counter (id, last_no) VALUES (1, 0)`.execute(trx);
    for (const table of ['authority_settings', 'authority_decision', 'authority_payment', 'youth_project']) {
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN change_no INTEGER NOT NULL DEFAULT 0 CHECK (change_no >= 0)`.execute(trx);
    }
    await sql`CREATE TABLE decisions_sent (
      school_id TEXT NOT NULL REFERENCES exchange_org(id),
      period TEXT NOT NULL,
      change_no INTEGER NOT NULL CHECK (change_no >= 0),
      package_id TEXT NOT NULL REFERENCES exchange_export(package_id),
      PRIMARY KEY (school_id, period)
    ) STRICT, WITHOUT ROWID`.execute(trx);
  });
}

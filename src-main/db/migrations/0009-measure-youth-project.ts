import { sql, type Kysely } from 'kysely';

/**
 * A school's NGO-participation measure names the youth NGO initiative
 * project it joins, from the register its municipality sent down
 * (received_youth_project, issue 9). No foreign key: that register is
 * replaced by each newer decisions package, and a measure keeps the id of a
 * project the municipality has since dropped (the screen says so).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE measure ADD COLUMN youth_project_id TEXT`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * The audit log becomes tamper-evident (db/audit-chain.ts): every row gets
 * prev_hash and hash, chained in id order; existing rows are chained here,
 * new ones by a trigger on insert. The no-update trigger now lets only
 * that trigger's own fill of a new row through (hash still NULL); any
 * other change or delete is still refused.
 */
const CHAIN_ROW = (id: unknown) => sql`UPDATE audit_log SET
    prev_hash = coalesce((SELECT p.hash FROM audit_log p WHERE p.id < ${id} ORDER BY p.id DESC LIMIT 1), ''),
    hash = pumpurs_audit_hash(id, coalesce((SELECT p.hash FROM audit_log p WHERE p.id < ${id} ORDER BY p.id DESC LIMIT 1), ''), at, actor_id, actor_name, action, entity, entity_id, detail)
  WHERE id = ${id}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN prev_hash TEXT`.execute(db);
  await sql`ALTER TABLE audit_log ADD COLUMN hash TEXT`.execute(db);
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  const ids = (await sql<{ id: number }>`SELECT id FROM audit_log ORDER BY id`.execute(db)).rows;
  for (const { id } of ids) await CHAIN_ROW(id).execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
      BEGIN
        UPDATE audit_log SET
          prev_hash = coalesce((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id ORDER BY p.id DESC LIMIT 1), ''),
          hash = pumpurs_audit_hash(NEW.id, coalesce((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id ORDER BY p.id DESC LIMIT 1), ''), NEW.at, NEW.actor_id, NEW.actor_name, NEW.action, NEW.entity, NEW.entity_id, NEW.detail)
        WHERE id = NEW.id;
      END`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at)`.execute(db);
}

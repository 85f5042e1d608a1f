import { sql, type Kysely } from 'kysely';

/**
 * Recovery of a sender that lost its data (issue 13, item 5;
 * docs/package-format.md "Streams that start again").
 *
 * - exchange_import gets `stream`: which numbering of the sender's packages
 *   a ledger row belongs to (0 until a coordinator accepts a new one). Its
 *   UNIQUE (sender_id, seq) becomes UNIQUE (sender_id, stream, seq), so a
 *   school that restored an older backup can use its numbers again in the
 *   new stream while every row of the old one stays. SQLite cannot change a
 *   table constraint in place: the table is rebuilt in one transaction, with
 *   foreign key checks deferred to the commit (imported_record and
 *   received_decision refer to it by name).
 * - exchange_stream_reset: each accepted new stream, who accepted it, when,
 *   why, and where it starts (the seq and createdAt of its first package).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
    await sql`CREATE TABLE exchange_import_new (
      package_id TEXT PRIMARY KEY,
      sender_id TEXT NOT NULL REFERENCES exchange_org(id),
      stream INTEGER NOT NULL DEFAULT 0 CHECK (stream >= 0),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      prev_sums TEXT,
      sums_hash TEXT NOT NULL CHECK (length(sums_hash) = 64 AND sums_hash NOT GLOB '*[^0-9a-f]*'),
      signer_key_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      period TEXT NOT NULL,
      created_at TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      operator_id TEXT NOT NULL,
      operator_name TEXT NOT NULL,
      summary TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]',
      UNIQUE (sender_id, stream, seq)
    ) STRICT`.execute(trx);
    await sql`INSERT INTO exchange_import_new (package_id, sender_id, stream, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
      SELECT package_id, sender_id, 0, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings FROM exchange_import`.execute(trx);
    await sql`DROP TABLE exchange_import`.execute(trx);
    await sql`ALTER TABLE exchange_import_new RENAME TO exchange_import`.execute(trx);
    await sql`CREATE INDEX exchange_import_period ON exchange_import (period, sender_id)`.execute(trx);
    await sql`CREATE TABLE exchange_stream_reset (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      sender_id TEXT NOT NULL REFERENCES exchange_org(id),
      stream INTEGER NOT NULL CHECK (stream >= 1),
      from_seq INTEGER NOT NULL CHECK (from_seq >= 1),
      from_created_at TEXT NOT NULL,
      from_package_id TEXT NOT NULL,
      from_sums_hash TEXT NOT NULL CHECK (length(from_sums_hash) = 64 AND from_sums_hash NOT GLOB '*[^0-9a-f]*'),
      signer_key_id TEXT NOT NULL,
      held_newest_seq INTEGER NOT NULL,
      held_packages INTEGER NOT NULL,
      reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      at TEXT NOT NULL,
      operator_id TEXT NOT NULL,
      operator_name TEXT NOT NULL,
      UNIQUE (sender_id, stream)
    ) STRICT`.execute(trx);
    const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(trx);
    if (broken.rows.length > 0) throw new Error(`0011-stream-reset: foreign keys broken in ${broken.rows.map((r) => r.table).join(', ')}`);
  });
}

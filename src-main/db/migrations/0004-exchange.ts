import { sql, type Kysely } from 'kysely';

/**
 * Exchange between organisations (docs/package-format.md, "Enrolment,
 * export and import"):
 *
 * - exchange_org: the organisations this installation exchanges packages
 *   with. role 'sender': we import its packages (a municipality's schools);
 *   role 'recipient': we send it ours (a school's municipality, or the
 *   state). The id is the organisation id packages carry.
 * - exchange_key: their pinned public keys, from key cards compared by
 *   fingerprint. One 'current' key per organisation; a rotation marks the old
 *   one 'replaced'. A key signs only packages with valid_after_seq < seq <=
 *   revoked_after_seq (NULL: no upper bound).
 * - exchange_out_stream / exchange_export: our own sequence counter per
 *   recipient (seq and prevSums chain), and every package we made.
 * - exchange_import: the import ledger, one row per imported package.
 * - exchange_alert: packages refused for reasons that mean misbehaviour
 *   (a reused package id with other bytes, a key signing for another
 *   organisation, lifted ciphertext), kept for the coordinator.
 * - imported_record: what senders sent, one row per (sender, period, record
 *   type, record id) exactly as received (canonical JSON), with the package
 *   that last changed it; a record missing from a newer package for the same
 *   period is marked withdrawn, never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const hex64 = (column: string) => sql.raw(`CHECK (length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*')`);
  const statements = [
    sql`CREATE TABLE exchange_org (
      id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
      kind TEXT NOT NULL CHECK (kind IN ('school', 'municipality', 'state')),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      role TEXT NOT NULL CHECK (role IN ('sender', 'recipient')),
      enrolled_at TEXT NOT NULL,
      enrolled_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE exchange_key (
      signing_key_id TEXT PRIMARY KEY ${hex64('signing_key_id')},
      org_id TEXT NOT NULL REFERENCES exchange_org(id),
      signing_public_key_pem TEXT NOT NULL,
      age_recipient TEXT NOT NULL,
      age_key_id TEXT NOT NULL ${hex64('age_key_id')},
      card TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('current', 'replaced')),
      valid_after_seq INTEGER NOT NULL DEFAULT 0 CHECK (valid_after_seq >= 0),
      revoked_after_seq INTEGER CHECK (revoked_after_seq IS NULL OR revoked_after_seq >= 0),
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL,
      replaced_at TEXT
    ) STRICT`,
    sql`CREATE UNIQUE INDEX exchange_key_current ON exchange_key (org_id) WHERE state = 'current'`,
    sql`CREATE INDEX exchange_key_org ON exchange_key (org_id)`,

    sql`CREATE TABLE exchange_out_stream (
      recipient_id TEXT PRIMARY KEY REFERENCES exchange_org(id),
      last_seq INTEGER NOT NULL CHECK (last_seq >= 1),
      last_sums_hash TEXT NOT NULL ${hex64('last_sums_hash')},
      last_package_id TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE exchange_export (
      package_id TEXT PRIMARY KEY,
      recipient_id TEXT NOT NULL REFERENCES exchange_org(id),
      recipient_key_id TEXT NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 1),
      prev_sums TEXT,
      sums_hash TEXT NOT NULL ${hex64('sums_hash')},
      signer_key_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      period TEXT NOT NULL,
      counts TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      UNIQUE (recipient_id, seq)
    ) STRICT`,

    sql`CREATE TABLE exchange_import (
      package_id TEXT PRIMARY KEY,
      sender_id TEXT NOT NULL REFERENCES exchange_org(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      prev_sums TEXT,
      sums_hash TEXT NOT NULL ${hex64('sums_hash')},
      signer_key_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      period TEXT NOT NULL,
      created_at TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      operator_id TEXT NOT NULL,
      operator_name TEXT NOT NULL,
      summary TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]',
      UNIQUE (sender_id, seq)
    ) STRICT`,
    sql`CREATE INDEX exchange_import_period ON exchange_import (period, sender_id)`,

    sql`CREATE TABLE exchange_alert (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      code TEXT NOT NULL,
      detail TEXT NOT NULL,
      package_id TEXT,
      sender_id TEXT,
      seq INTEGER,
      sums_hash TEXT,
      signer_key_id TEXT,
      file_name TEXT,
      operator_id TEXT NOT NULL,
      operator_name TEXT NOT NULL
    ) STRICT`,
    sql`CREATE UNIQUE INDEX exchange_alert_once ON exchange_alert (code, ifnull(package_id, ''), ifnull(sums_hash, ''), ifnull(signer_key_id, ''))`,

    sql`CREATE TABLE imported_record (
      sender_id TEXT NOT NULL REFERENCES exchange_org(id),
      period TEXT NOT NULL,
      record_type TEXT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT,
      record TEXT NOT NULL,
      package_id TEXT NOT NULL REFERENCES exchange_import(package_id),
      imported_at TEXT NOT NULL,
      withdrawn_package_id TEXT REFERENCES exchange_import(package_id),
      withdrawn_at TEXT,
      PRIMARY KEY (sender_id, period, record_type, record_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX imported_record_period_type ON imported_record (period, record_type)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

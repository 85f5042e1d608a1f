import { sql, type Kysely } from 'kysely';

/** The organisation this database belongs to (exactly one row), and app facts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisation (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mode TEXT NOT NULL CHECK (mode IN ('school', 'municipality', 'state')),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      reg_no TEXT NOT NULL,
      municipality TEXT NOT NULL,
      school_type TEXT CHECK (school_type IN ('general', 'vocational', 'stateVocational')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`.execute(db);
}

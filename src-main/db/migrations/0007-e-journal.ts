import { sql, type Kysely } from 'kysely';

/**
 * E-journal early warning: every import of an e-journal export is kept as
 * history (`journal_import`), with one row of indicators per matched student
 * (`journal_indicator`); column mappings are saved as named presets
 * (`journal_preset`). Indicators are school-only data: no exchange package
 * carries them. They go with the student (ON DELETE CASCADE), so removing a
 * student under the retention rules removes their indicators too. Unmatched
 * rows are counted, never stored: a row we could not tie to a student is not
 * kept about anyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE journal_preset (
      name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
      mapping TEXT NOT NULL,
      saved_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE journal_import (
      id TEXT PRIMARY KEY,
      semester_id TEXT NOT NULL REFERENCES semester(id),
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL,
      file_name TEXT NOT NULL,
      file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
      format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
      layout TEXT NOT NULL CHECK (layout IN ('perStudent', 'perSubject')),
      preset_name TEXT,
      mapping TEXT NOT NULL DEFAULT '{}',
      students_read INTEGER NOT NULL CHECK (students_read >= 0),
      matched INTEGER NOT NULL CHECK (matched >= 0),
      unmatched INTEGER NOT NULL CHECK (unmatched >= 0),
      ambiguous INTEGER NOT NULL CHECK (ambiguous >= 0),
      skipped_rows INTEGER NOT NULL CHECK (skipped_rows >= 0)
    ) STRICT`,
    sql`CREATE INDEX journal_import_semester ON journal_import (semester_id, imported_at)`,
    sql`CREATE TABLE journal_indicator (
      import_id TEXT NOT NULL REFERENCES journal_import(id) ON DELETE CASCADE,
      student_id TEXT NOT NULL REFERENCES student(id) ON DELETE CASCADE,
      unexcused_lessons REAL NOT NULL CHECK (unexcused_lessons >= 0),
      excused_lessons REAL NOT NULL CHECK (excused_lessons >= 0),
      lessons REAL CHECK (lessons IS NULL OR lessons > 0),
      insufficient_marks INTEGER NOT NULL CHECK (insufficient_marks >= 0),
      not_assessed INTEGER NOT NULL CHECK (not_assessed >= 0),
      average REAL CHECK (average IS NULL OR average BETWEEN 1 AND 10),
      average_drop REAL,
      PRIMARY KEY (import_id, student_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX journal_indicator_student ON journal_indicator (student_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * A school's data for the whole year: calendar, staff, students, the risk
 * catalogue, screenings, support plans with their measures, deliveries,
 * semester-end outcomes, configuration, and the append-only audit log.
 * Ids are UUIDs made at the source (they travel in exchange packages);
 * records that travel carry `version` and `updated_at`. Money is integer
 * cents; dates are YYYY-MM-DD; times ISO-8601 UTC.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE school_year (
      id TEXT PRIMARY KEY CHECK (id GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      CHECK (starts_on < ends_on)
    ) STRICT`,
    sql`CREATE TABLE semester (
      id TEXT PRIMARY KEY,
      school_year_id TEXT NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number IN (1, 2)),
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      CHECK (starts_on < ends_on),
      CHECK (id = school_year_id || '-' || number),
      UNIQUE (school_year_id, number)
    ) STRICT`,

    sql`CREATE TABLE staff_user (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 64),
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      password_hash TEXT NOT NULL,
      specialist_kind TEXT,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE staff_role (
      user_id TEXT NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('coordinator', 'planAuthor', 'specialist', 'director', 'readOnly')),
      PRIMARY KEY (user_id, role)
    ) STRICT, WITHOUT ROWID`,

    sql`CREATE TABLE student (
      id TEXT PRIMARY KEY,
      first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
      last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
      personal_code TEXT NOT NULL UNIQUE,
      birth_date TEXT,
      gender TEXT NOT NULL CHECK (gender IN ('female', 'male')),
      education_level TEXT NOT NULL CHECK (education_level IN ('general', 'vocational')),
      grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
      class_label TEXT NOT NULL DEFAULT '',
      programme TEXT NOT NULL DEFAULT '',
      enrolled_on TEXT,
      left_on TEXT,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'graduated')),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (education_level = 'general' OR grade BETWEEN 1 AND 4)
    ) STRICT`,
    sql`CREATE INDEX student_name ON student (last_name, first_name)`,
    sql`CREATE INDEX student_class ON student (grade, class_label)`,
    sql`CREATE TABLE guardian (
      id TEXT PRIMARY KEY,
      student_id TEXT NOT NULL REFERENCES student(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'guardian', 'other')),
      phone TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX guardian_student ON guardian (student_id)`,

    sql`CREATE TABLE risk_factor (
      id TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*.[a-zA-Z0-9]*'),
      risk_group TEXT NOT NULL CHECK (risk_group IN ('school', 'personal', 'family', 'economic')),
      label_lv TEXT NOT NULL,
      label_en TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('catalogue', 'custom')),
      catalogue_version TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      retired_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE measure_kind (
      code TEXT PRIMARY KEY,
      category TEXT NOT NULL CHECK (category IN ('consultation', 'compensation', 'ngo')),
      label_lv TEXT NOT NULL,
      label_en TEXT NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('minutes', 'cents', 'participation')),
      rate_cents INTEGER CHECK (rate_cents IS NULL OR rate_cents >= 0),
      cap_cents INTEGER CHECK (cap_cents IS NULL OR cap_cents >= 0),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,

    sql`CREATE TABLE screening (
      id TEXT PRIMARY KEY,
      student_id TEXT NOT NULL REFERENCES student(id),
      semester_id TEXT NOT NULL REFERENCES semester(id),
      screened_on TEXT NOT NULL,
      screened_by TEXT NOT NULL REFERENCES staff_user(id),
      note TEXT NOT NULL DEFAULT '',
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (student_id, semester_id)
    ) STRICT`,
    sql`CREATE TABLE screening_answer (
      screening_id TEXT NOT NULL REFERENCES screening(id) ON DELETE CASCADE,
      risk_factor_id TEXT NOT NULL REFERENCES risk_factor(id),
      answer TEXT NOT NULL CHECK (answer IN ('present', 'absent', 'unknown')),
      justification TEXT NOT NULL DEFAULT '',
      CHECK (answer <> 'present' OR length(trim(justification)) > 0),
      PRIMARY KEY (screening_id, risk_factor_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX screening_answer_factor ON screening_answer (risk_factor_id)`,

    sql`CREATE TABLE plan (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      student_id TEXT NOT NULL REFERENCES student(id),
      semester_id TEXT NOT NULL REFERENCES semester(id),
      status TEXT NOT NULL CHECK (status IN ('draft', 'inApproval', 'approved', 'active', 'underReview', 'suspended', 'inactive')),
      goals TEXT NOT NULL DEFAULT '',
      author_id TEXT NOT NULL REFERENCES staff_user(id),
      consent_by TEXT,
      consent_relation TEXT CHECK (consent_relation IN ('mother', 'father', 'guardian', 'other', 'student')),
      consent_on TEXT,
      previous_plan_id TEXT REFERENCES plan(id),
      closed_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (student_id, semester_id)
    ) STRICT`,
    sql`CREATE INDEX plan_semester_status ON plan (semester_id, status)`,
    sql`CREATE TABLE plan_status_change (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      from_status TEXT,
      to_status TEXT NOT NULL,
      comment TEXT NOT NULL DEFAULT '',
      changed_by TEXT NOT NULL,
      changed_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX plan_status_change_plan ON plan_status_change (plan_id)`,

    sql`CREATE TABLE measure (
      id TEXT PRIMARY KEY,
      plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      kind_code TEXT NOT NULL REFERENCES measure_kind(code),
      planned_minutes INTEGER CHECK (planned_minutes IS NULL OR planned_minutes > 0),
      planned_cents INTEGER CHECK (planned_cents IS NULL OR planned_cents >= 0),
      responsible_id TEXT REFERENCES staff_user(id),
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (starts_on <= ends_on)
    ) STRICT`,
    sql`CREATE INDEX measure_plan ON measure (plan_id)`,
    sql`CREATE TABLE measure_risk (
      measure_id TEXT NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
      risk_factor_id TEXT NOT NULL REFERENCES risk_factor(id),
      PRIMARY KEY (measure_id, risk_factor_id)
    ) STRICT, WITHOUT ROWID`,

    sql`CREATE TABLE delivery (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measure(id),
      delivered_on TEXT NOT NULL,
      specialist_id TEXT REFERENCES staff_user(id),
      minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),
      student_confirmed INTEGER CHECK (student_confirmed IS NULL OR student_confirmed IN (0, 1)),
      cents INTEGER CHECK (cents IS NULL OR cents > 0),
      receipt_ref TEXT,
      note TEXT NOT NULL DEFAULT '',
      over_plan_reason TEXT,
      recorded_by TEXT NOT NULL REFERENCES staff_user(id),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX delivery_measure ON delivery (measure_id)`,
    sql`CREATE INDEX delivery_date ON delivery (delivered_on)`,

    sql`CREATE TABLE measure_outcome (
      measure_id TEXT PRIMARY KEY REFERENCES measure(id) ON DELETE CASCADE,
      delivered TEXT NOT NULL CHECK (delivered IN ('full', 'partial', 'none')),
      evaluated_by TEXT NOT NULL REFERENCES staff_user(id),
      evaluated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE risk_outcome (
      plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      risk_factor_id TEXT NOT NULL REFERENCES risk_factor(id),
      change TEXT NOT NULL CHECK (change IN ('lessened', 'unchanged', 'grew')),
      evaluated_by TEXT NOT NULL REFERENCES staff_user(id),
      evaluated_at TEXT NOT NULL,
      PRIMARY KEY (plan_id, risk_factor_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE plan_outcome (
      plan_id TEXT PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
      student_outcome TEXT NOT NULL CHECK (student_outcome IN ('continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated')),
      note TEXT NOT NULL DEFAULT '',
      evaluated_by TEXT NOT NULL REFERENCES staff_user(id),
      evaluated_at TEXT NOT NULL
    ) STRICT`,

    sql`CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT`,

    sql`CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'open', 'signIn', 'signInFailed', 'signOut', 'export', 'import')),
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}'
    ) STRICT`,
    sql`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`,
    // The audit log is append-only in the database itself, not only in code.
    sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ];
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * The municipality's work and the decisions package (issue 9,
 * docs/package-format.md "The decisions package").
 *
 * Municipality (or state) side:
 * - authority_settings: one row: which plans need its approval, rates and
 *   caps per measure kind, the package deadlines, the youth project cap;
 * - authority_decision: each decision on an imported plan, on the plan
 *   edition it was made on (plan_version, plan_updated_at);
 * - authority_budget: a semester's budget per compensation kind;
 * - authority_payment: payments against approved measures;
 * - youth_project: the youth NGO initiative projects register.
 *
 * School side:
 * - plan.authority_state / measure.approved_cents, measure.authority_refused:
 *   where the plan stands with the municipality;
 * - received_decision: every decision received, applied or kept as stale;
 * - received_settings, received_payment, received_youth_project: what the
 *   latest decisions package said.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE authority_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      approval_policy TEXT NOT NULL CHECK (approval_policy IN ('compensation', 'all', 'none')),
      rates TEXT NOT NULL DEFAULT '[]',
      deadlines TEXT NOT NULL DEFAULT '[]',
      youth_project_cap_cents INTEGER NOT NULL CHECK (youth_project_cap_cents >= 0),
      version INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE authority_decision (
      id TEXT PRIMARY KEY,
      school_id TEXT NOT NULL REFERENCES exchange_org(id),
      period TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      plan_code TEXT NOT NULL,
      plan_version INTEGER NOT NULL,
      plan_updated_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned', 'measureRefused')),
      measures TEXT NOT NULL DEFAULT '[]',
      comment TEXT NOT NULL DEFAULT '',
      over_budget_reason TEXT,
      decided_at TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      decided_by_name TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX authority_decision_plan ON authority_decision (school_id, plan_id, decided_at)`,
    sql`CREATE INDEX authority_decision_period ON authority_decision (period, school_id)`,
    sql`CREATE TABLE authority_budget (
      period TEXT NOT NULL,
      kind_code TEXT NOT NULL,
      cents INTEGER NOT NULL CHECK (cents >= 0),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (period, kind_code)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE authority_payment (
      id TEXT PRIMARY KEY,
      school_id TEXT NOT NULL REFERENCES exchange_org(id),
      period TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      kind_code TEXT NOT NULL,
      paid_on TEXT NOT NULL,
      cents INTEGER NOT NULL CHECK (cents > 0),
      payee TEXT NOT NULL CHECK (payee IN ('guardian', 'student')),
      reference TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX authority_payment_school ON authority_payment (school_id, period)`,
    sql`CREATE TABLE youth_project (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      ngo TEXT NOT NULL CHECK (length(ngo) BETWEEN 1 AND 200),
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      budget_cents INTEGER NOT NULL CHECK (budget_cents >= 0),
      version INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL
    ) STRICT`,

    sql`ALTER TABLE plan ADD COLUMN authority_state TEXT CHECK (authority_state IN ('waiting', 'approved', 'returned', 'measureRefused'))`,
    sql`ALTER TABLE measure ADD COLUMN approved_cents INTEGER CHECK (approved_cents IS NULL OR approved_cents >= 0)`,
    sql`ALTER TABLE measure ADD COLUMN authority_refused INTEGER NOT NULL DEFAULT 0 CHECK (authority_refused IN (0, 1))`,
    sql`CREATE TABLE received_decision (
      id TEXT PRIMARY KEY,
      authority_id TEXT NOT NULL,
      package_id TEXT NOT NULL REFERENCES exchange_import(package_id),
      plan_id TEXT NOT NULL REFERENCES plan(id),
      plan_version INTEGER NOT NULL,
      plan_updated_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned', 'measureRefused')),
      measures TEXT NOT NULL,
      comment TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      received_at TEXT NOT NULL,
      stale INTEGER NOT NULL CHECK (stale IN (0, 1))
    ) STRICT`,
    sql`CREATE INDEX received_decision_plan ON received_decision (plan_id, decided_at)`,
    sql`CREATE TABLE received_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      authority_id TEXT NOT NULL,
      package_id TEXT NOT NULL,
      record TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE received_payment (
      id TEXT PRIMARY KEY,
      package_id TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      paid_on TEXT NOT NULL,
      cents INTEGER NOT NULL,
      payee TEXT NOT NULL,
      reference TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX received_payment_measure ON received_payment (measure_id)`,
    sql`CREATE TABLE received_youth_project (
      id TEXT PRIMARY KEY,
      package_id TEXT NOT NULL,
      title TEXT NOT NULL,
      ngo TEXT NOT NULL,
      starts_on TEXT NOT NULL,
      ends_on TEXT NOT NULL,
      budget_cents INTEGER NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT`,
  ];
  for (const statement of statements) await statement.execute(db);
}

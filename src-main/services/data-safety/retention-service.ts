/**
 * Retention (issue 13, item 7; docs/data-safety.md "Retention"): the records
 * of a student who left or graduated are kept for a configurable number of
 * years after the leaving date (`retention.yearsAfterLeaving`, the
 * coordinator's setting or IT's policy), then deleted on the coordinator's
 * request, with a receipt in the audit log.
 *
 * - Due: status `left` or `graduated`, a leaving date, and that date on or
 *   before today minus the years. A student without a leaving date is never
 *   due (counted separately, so it can be fixed).
 * - Deleted in one transaction: the student, guardians, screenings (and
 *   answers), plans (status history, measures, their risks, deliveries,
 *   outcomes), e-journal indicators, decisions and payments received for
 *   those plans. A row elsewhere that still refers to one of them makes the
 *   foreign keys refuse the whole deletion: nothing is half-deleted.
 * - The caller names how many students it saw as due; if that changed, the
 *   deletion is refused (CONFLICT), so nothing is deleted that was not shown.
 * - The receipt (audit row: delete / retention) holds when, who, the rule
 *   (years, cutoff) and counts per kind of record; never a name, personal
 *   code or student id. The audit log itself keeps its earlier rows (ids and
 *   actions only, no free text).
 * - `secure_delete` is on for every connection (db/connection.ts), so freed
 *   pages are overwritten; after the deletion the WAL is checkpointed and
 *   truncated, so the deleted rows are not left in it either. Backups age
 *   out as they are pruned (docs/data-safety.md).
 */
import type { Kysely } from 'kysely';
import { RETENTION_COUNTED, type RetentionCounted, type RetentionReceipt, type RetentionStatus } from '../../../src-shared/domain/data-safety';
import { localDay } from '../../../src-shared/domain/plan-fields';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { OpenedDatabase } from '../../db/connection';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { SettingsService } from '../school/settings-service';
import { rebuildAnalytics } from '../statistics/analytic-model';

const DUE = `SELECT id FROM student WHERE status IN ('left', 'graduated') AND left_on IS NOT NULL AND left_on <= @cutoff`;
const PLANS = `SELECT id FROM plan WHERE student_id IN (${DUE})`;
const MEASURES = `SELECT id FROM measure WHERE plan_id IN (${PLANS})`;

/** How each counted kind is counted (before the deletion; cascades delete some of them). */
const COUNT: Record<RetentionCounted, string> = {
  students: `SELECT count(*) AS n FROM student WHERE id IN (${DUE})`,
  guardians: `SELECT count(*) AS n FROM guardian WHERE student_id IN (${DUE})`,
  screenings: `SELECT count(*) AS n FROM screening WHERE student_id IN (${DUE})`,
  plans: `SELECT count(*) AS n FROM plan WHERE id IN (${PLANS})`,
  measures: `SELECT count(*) AS n FROM measure WHERE id IN (${MEASURES})`,
  deliveries: `SELECT count(*) AS n FROM delivery WHERE measure_id IN (${MEASURES})`,
  outcomes: `SELECT (SELECT count(*) FROM plan_outcome WHERE plan_id IN (${PLANS})) + (SELECT count(*) FROM risk_outcome WHERE plan_id IN (${PLANS})) + (SELECT count(*) FROM measure_outcome WHERE measure_id IN (${MEASURES})) AS n`,
  journalIndicators: `SELECT count(*) AS n FROM journal_indicator WHERE student_id IN (${DUE})`,
  receivedDecisions: `SELECT count(*) AS n FROM received_decision WHERE plan_id IN (${PLANS})`,
  receivedPayments: `SELECT count(*) AS n FROM received_payment WHERE plan_id IN (${PLANS})`,
};

/** In this order: what refers to a plan or measure without ON DELETE CASCADE first; cascades take the rest. */
const DELETE = [
  `DELETE FROM received_payment WHERE plan_id IN (${PLANS})`,
  `DELETE FROM received_decision WHERE plan_id IN (${PLANS})`,
  `DELETE FROM delivery WHERE measure_id IN (${MEASURES})`,
  `DELETE FROM plan WHERE id IN (${PLANS})`,
  `DELETE FROM screening WHERE student_id IN (${DUE})`,
  `DELETE FROM student WHERE id IN (${DUE})`,
];

/** YYYY-MM-DD `years` before `day` (29 February goes to 28 February). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export class RetentionService {
  constructor(
    private readonly database: Pick<OpenedDatabase, 'db' | 'raw'>,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** Whether this installation holds what it imported (a municipality, the state) rather than its own students (a school). */
  private isAuthority(): boolean {
    const row = this.database.raw.prepare('SELECT mode FROM organisation WHERE id = 1').get() as { mode: string } | undefined;
    return row !== undefined && row.mode !== 'school';
  }

  async status(actor: Actor): Promise<RetentionStatus> {
    requirePermission(actor, 'school.admin');
    const { value: years, source } = await this.settings.explain('retention.yearsAfterLeaving');
    const cutoff = yearsBefore(localDay(this.clock.now()), years);
    const raw = this.database.raw;
    if (this.isAuthority()) {
      const { due, withoutLeavingDate } = importedDue(raw, cutoff);
      return { years, source, cutoff, due, withoutLeavingDate };
    }
    const due = (raw.prepare(COUNT.students).get({ cutoff }) as { n: number }).n;
    const withoutLeavingDate = (
      raw.prepare("SELECT count(*) AS n FROM student WHERE status IN ('left', 'graduated') AND left_on IS NULL").get() as { n: number }
    ).n;
    return { years, source, cutoff, due, withoutLeavingDate };
  }

  /** The coordinator's setting (audited by the settings service; refused when IT's policy fixes it). */
  async setYears(actor: Actor, years: number): Promise<RetentionStatus> {
    await this.settings.set(actor, 'retention.yearsAfterLeaving', years);
    return this.status(actor);
  }

  /** Deletes every due student's records; `expectedStudents` is the count the coordinator saw. Returns the receipt. */
  async deleteDue(actor: Actor, expectedStudents: number): Promise<RetentionReceipt> {
    requirePermission(actor, 'school.admin');
    const at = this.clock.now();
    const raw = this.database.raw;
    const receipt = await this.db.transaction().execute(async (trx) => {
      const years = await this.settings.get('retention.yearsAfterLeaving', trx);
      const cutoff = yearsBefore(localDay(at), years);
      const authority = this.isAuthority();
      // Raw statements run on kysely's one connection, inside this transaction.
      const counts = authority
        ? markImportedDue(raw, cutoff)
        : (Object.fromEntries(RETENTION_COUNTED.map((k) => [k, (raw.prepare(COUNT[k]).get({ cutoff }) as { n: number }).n])) as Record<
            RetentionCounted,
            number
          >);
      if (counts.students !== expectedStudents) {
        throw new AppError('CONFLICT', { messageKey: 'errors.retention.changed', details: { params: { expected: expectedStudents, due: counts.students } } });
      }
      if (counts.students === 0) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.retention.nothingDue' });
      if (authority) {
        deleteImportedDue(raw, at.toISOString());
        if (importedDue(raw, cutoff).due !== 0) throw new AppError('INTERNAL');
      } else {
        for (const statement of DELETE) raw.prepare(statement).run({ cutoff });
        const left = (raw.prepare(COUNT.students).get({ cutoff }) as { n: number }).n;
        if (left !== 0) throw new AppError('INTERNAL');
      }
      const made: RetentionReceipt = { at: at.toISOString(), by: { id: actor.userId, name: actor.name }, years, cutoff, counts };
      await recordAudit(trx, actor, at, { action: 'delete', entity: 'retention', entityId: cutoff, detail: { years, cutoff, counts } });
      return made;
    });
    // Out of the WAL too: the freed pages (zeroed by secure_delete) reach the file, and the WAL is emptied.
    raw.pragma('wal_checkpoint(TRUNCATE)');
    return receipt;
  }
}

// ------------------------------------------------------------------ a municipality's and the state's imported records

/**
 * At a municipality or the state, a student is a `student` record in
 * imported_record, one per (sender, period) snapshot. Judged by the newest
 * snapshot the sender sent of that student: due when it says `left` or
 * `graduated` and the leaving date (`leftOn`; the state's reports carry only
 * the month, `leftMonth`, due when the whole month is before the cutoff day's
 * month) is on or before the cutoff. Then every snapshot of the student and
 * of what hangs on it (screenings, plans, their measures, deliveries and
 * outcomes: every period) is deleted, and the analytic model (stat_*) of each
 * (sender, period) touched is rebuilt from what is left, in the same
 * transaction, so statistics and the imported data never disagree.
 */
const NEWEST_STUDENT = `
  SELECT sender_id, record_id, record FROM (
    SELECT sender_id, record_id, record, row_number() OVER (PARTITION BY sender_id, record_id ORDER BY period DESC) AS newest
    FROM imported_record WHERE record_type = 'student'
  ) WHERE newest = 1 AND json_extract(record, '$.status') IN ('left', 'graduated')`;
const LEFT_DUE = `(json_extract(record, '$.leftOn') <= @cutoff OR json_extract(record, '$.leftMonth') < substr(@cutoff, 1, 7))`;
const NO_LEAVING_DATE = `(json_extract(record, '$.leftOn') IS NULL AND json_extract(record, '$.leftMonth') IS NULL)`;

function importedDue(raw: OpenedDatabase['raw'], cutoff: string): { due: number; withoutLeavingDate: number } {
  const due = (raw.prepare(`SELECT count(*) AS n FROM (${NEWEST_STUDENT}) WHERE ${LEFT_DUE}`).get({ cutoff }) as { n: number }).n;
  const withoutLeavingDate = (raw.prepare(`SELECT count(*) AS n FROM (${NEWEST_STUDENT}) WHERE ${NO_LEAVING_DATE}`).get() as { n: number }).n;
  return { due, withoutLeavingDate };
}

/** Fills the temporary id lists of what is due (students, plans, measures) and counts it (distinct records, every period). */
function markImportedDue(raw: OpenedDatabase['raw'], cutoff: string): Record<RetentionCounted, number> {
  raw.exec(`
    CREATE TEMP TABLE IF NOT EXISTS retention_student (sender_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (sender_id, id)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS retention_plan (sender_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (sender_id, id)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS retention_measure (sender_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (sender_id, id)) WITHOUT ROWID;
    DELETE FROM retention_student; DELETE FROM retention_plan; DELETE FROM retention_measure;`);
  raw.prepare(`INSERT INTO retention_student SELECT sender_id, record_id FROM (${NEWEST_STUDENT}) WHERE ${LEFT_DUE}`).run({ cutoff });
  raw
    .prepare(
      `INSERT OR IGNORE INTO retention_plan SELECT r.sender_id, r.record_id FROM imported_record r
       JOIN retention_student s ON s.sender_id = r.sender_id AND s.id = json_extract(r.record, '$.studentId') WHERE r.record_type = 'plan'`,
    )
    .run();
  raw
    .prepare(
      `INSERT OR IGNORE INTO retention_measure SELECT r.sender_id, r.record_id FROM imported_record r
       JOIN retention_plan p ON p.sender_id = r.sender_id AND p.id = json_extract(r.record, '$.planId') WHERE r.record_type = 'measure'`,
    )
    .run();
  const n = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
  const hanging = (type: string, field: string, list: string) =>
    n(
      `SELECT count(DISTINCT r.sender_id || ' ' || r.record_id) AS n FROM imported_record r JOIN ${list} l ON l.sender_id = r.sender_id AND l.id = json_extract(r.record, '$.${field}') WHERE r.record_type = '${type}'`,
    );
  return {
    students: n('SELECT count(*) AS n FROM retention_student'),
    guardians: 0,
    screenings: hanging('screening', 'studentId', 'retention_student'),
    plans: n('SELECT count(*) AS n FROM retention_plan'),
    measures: n('SELECT count(*) AS n FROM retention_measure'),
    deliveries: hanging('delivery', 'measureId', 'retention_measure'),
    outcomes: hanging('outcome', 'planId', 'retention_plan'),
    journalIndicators: 0,
    receivedDecisions: 0,
    receivedPayments: 0,
  };
}

/** Deletes what markImportedDue listed, every period, and rebuilds the analytic model of each (sender, period) it touched. */
function deleteImportedDue(raw: OpenedDatabase['raw'], at: string): void {
  const refers = (field: string, list: string) =>
    `EXISTS (SELECT 1 FROM ${list} l WHERE l.sender_id = imported_record.sender_id AND l.id = json_extract(imported_record.record, '$.${field}'))`;
  const own = (list: string) => `EXISTS (SELECT 1 FROM ${list} l WHERE l.sender_id = imported_record.sender_id AND l.id = imported_record.record_id)`;
  const doomed = [
    `record_type = 'delivery' AND ${refers('measureId', 'retention_measure')}`,
    `record_type = 'outcome' AND ${refers('planId', 'retention_plan')}`,
    `record_type = 'measure' AND ${own('retention_measure')}`,
    `record_type = 'plan' AND ${own('retention_plan')}`,
    `record_type = 'screening' AND ${refers('studentId', 'retention_student')}`,
    `record_type = 'student' AND ${own('retention_student')}`,
  ];
  const touched = raw.prepare(`SELECT DISTINCT sender_id, period FROM imported_record WHERE ${doomed.map((d) => `(${d})`).join(' OR ')}`).all() as {
    sender_id: string;
    period: string;
  }[];
  for (const where of doomed) raw.prepare(`DELETE FROM imported_record WHERE ${where}`).run();
  for (const t of touched) rebuildAnalytics(raw, t.sender_id, t.period, at);
  raw.exec('DELETE FROM retention_student; DELETE FROM retention_plan; DELETE FROM retention_measure;');
}

/**
 * Read-only views of what a municipality (or the state) imported: which
 * enrolled schools sent what for a semester, their plans, and counts per
 * school and measure kind. Withdrawn records are left out of the counts and
 * flagged in the plan list.
 */
import { sql, type Kysely } from 'kysely';
import {
  type DeliveryRecord,
  type MeasureKindRecord,
  type MeasureRecord,
  type MuniCounts,
  type MuniPlans,
  type MuniSchools,
  type OutcomeRecord,
  type PlanRecord,
} from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import { fingerprintOf } from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import { requireMode, requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { CalendarService } from '../school/calendar-service';
import { currentKey } from './enrolment-service';

/** Imported data lives in a municipality's or the state's app, never a school's. */
const AUTHORITY_MODES = ['municipality', 'state'] as const;

export class ImportedDataService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** The semester asked for; else the current one; else the newest one anything was imported for. */
  private async semester(semesterId: string | undefined): Promise<string | null> {
    if (semesterId) return semesterId;
    const current = await this.calendar.currentSemesterId();
    if (current) return current;
    const newest = await this.db.selectFrom('exchange_import').select('period').orderBy('period', 'desc').limit(1).executeTakeFirst();
    return newest?.period ?? null;
  }

  /** Every enrolled school, its last package for the semester (or none yet), and open alerts. */
  async schools(actor: Actor, input: { semesterId?: string } = {}): Promise<MuniSchools> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const semesterId = await this.semester(input.semesterId);
    const orgs = await this.db.selectFrom('exchange_org').selectAll().where('role', '=', 'sender').orderBy('name').execute();
    const schools: MuniSchools['schools'] = [];
    for (const org of orgs) {
      const key = await currentKey(this.db, org.id);
      const last =
        semesterId === null
          ? undefined
          : await this.db
              .selectFrom('exchange_import')
              .selectAll()
              .where('sender_id', '=', org.id)
              .where('period', '=', semesterId)
              .orderBy('seq', 'desc')
              .limit(1)
              .executeTakeFirst();
      const alerts = await this.db
        .selectFrom('exchange_alert')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sender_id', '=', org.id)
        .executeTakeFirst();
      schools.push({
        org: { kind: org.kind, id: org.id, name: org.name },
        fingerprint: fingerprintOf(key?.signing_key_id ?? '0'.repeat(64)),
        revokedAfterSeq: key?.revoked_after_seq ?? null,
        lastPackage: last
          ? {
              packageId: last.package_id,
              seq: last.seq,
              createdAt: last.created_at,
              importedAt: last.imported_at,
              warnings: JSON.parse(last.warnings) as { code: string; detail: string }[],
            }
          : null,
        alerts: Number(alerts?.n ?? 0),
      });
    }
    return { semesterId, schools };
  }

  /** One school's imported plans for a semester, with student, measures, delivery totals and outcome. Audited as an opening. */
  async plans(actor: Actor, input: { schoolId: string; semesterId?: string }): Promise<MuniPlans> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const org = await this.db.selectFrom('exchange_org').selectAll().where('id', '=', input.schoolId).where('role', '=', 'sender').executeTakeFirst();
    if (!org) throw new AppError('NOT_FOUND');
    const semesterId = await this.semester(input.semesterId);
    const school = { kind: org.kind, id: org.id, name: org.name };
    if (semesterId === null) return { school, semesterId, plans: [] };
    const rows = await this.db
      .selectFrom('imported_record')
      .select(['record_type', 'record_id', 'record', 'package_id', 'withdrawn_at'])
      .where('sender_id', '=', org.id)
      .where('period', '=', semesterId)
      .where('record_type', 'in', ['student', 'plan', 'measure', 'delivery', 'outcome', 'measureKind'])
      .execute();
    const live = rows.filter((r) => r.withdrawn_at === null);
    const students = new Map(rows.filter((r) => r.record_type === 'student').map((r) => [r.record_id, JSON.parse(r.record) as Record<string, unknown>]));
    const measures = live.filter((r) => r.record_type === 'measure').map((r) => JSON.parse(r.record) as MeasureRecord);
    const deliveries = live.filter((r) => r.record_type === 'delivery').map((r) => JSON.parse(r.record) as DeliveryRecord);
    const outcomes = new Map(live.filter((r) => r.record_type === 'outcome').map((r) => [r.record_id, JSON.parse(r.record) as OutcomeRecord]));
    // The school's own labels for its kinds (a kind it added itself is not in our catalogue).
    const kinds = new Map(
      rows
        .filter((r) => r.record_type === 'measureKind')
        .sort((a, b) => Number(a.withdrawn_at === null) - Number(b.withdrawn_at === null))
        .map((r) => [r.record_id, kindLabel(JSON.parse(r.record) as MeasureKindRecord)]),
    );
    const totals = new Map<string, { deliveries: number; minutes: number; cents: number }>();
    for (const d of deliveries) {
      const t = totals.get(d.measureId) ?? { deliveries: 0, minutes: 0, cents: 0 };
      t.deliveries++;
      t.minutes += d.minutes ?? 0;
      t.cents += d.cents ?? 0;
      totals.set(d.measureId, t);
    }
    const plans = rows
      .filter((r) => r.record_type === 'plan')
      .map((r) => {
        const plan = JSON.parse(r.record) as PlanRecord;
        const s = students.get(plan.studentId);
        const text = (key: string) => (typeof s?.[key] === 'string' ? (s[key] as string) : null);
        return {
          plan,
          withdrawn: r.withdrawn_at !== null,
          student: {
            id: plan.studentId,
            firstName: text('firstName'),
            lastName: text('lastName'),
            personalCode: text('personalCode'),
            grade: typeof s?.grade === 'number' ? s.grade : null,
            classLabel: text('classLabel'),
          },
          measures: measures
            .filter((m) => m.planId === plan.id)
            .sort((a, b) => (a.kindCode < b.kindCode ? -1 : 1))
            .map((measure) => ({ measure, kind: kinds.get(measure.kindCode) ?? null, ...(totals.get(measure.id) ?? { deliveries: 0, minutes: 0, cents: 0 }) })),
          outcome: outcomes.get(plan.id) ?? null,
          packageId: r.package_id,
        };
      })
      .sort((a, b) => (a.plan.code < b.plan.code ? -1 : a.plan.code > b.plan.code ? 1 : 0));
    await recordAudit(this.db, actor, this.clock.now(), {
      action: 'open',
      entity: 'imported_plans',
      entityId: `${org.id}/${semesterId}`,
      detail: { plans: plans.length },
    });
    return { school, semesterId, plans };
  }

  /** Plans, measures, deliveries, minutes and cents per school and measure kind in a semester (withdrawn records left out). */
  async counts(actor: Actor, input: { semesterId?: string } = {}): Promise<MuniCounts> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, AUTHORITY_MODES);
    const semesterId = await this.semester(input.semesterId);
    if (semesterId === null) return { semesterId, rows: [] };
    const measureRows = await sql<{ sender_id: string; kind: string; measures: number; plans: number }>`
      SELECT sender_id, json_extract(record, '$.kindCode') AS kind, count(*) AS measures, count(DISTINCT json_extract(record, '$.planId')) AS plans
      FROM imported_record
      WHERE period = ${semesterId} AND record_type = 'measure' AND withdrawn_at IS NULL
      GROUP BY sender_id, kind`.execute(this.db);
    const deliveryRows = await sql<{ sender_id: string; kind: string; deliveries: number; minutes: number; cents: number }>`
      SELECT d.sender_id, json_extract(m.record, '$.kindCode') AS kind, count(*) AS deliveries,
        sum(coalesce(json_extract(d.record, '$.minutes'), 0)) AS minutes, sum(coalesce(json_extract(d.record, '$.cents'), 0)) AS cents
      FROM imported_record d
      JOIN imported_record m ON m.sender_id = d.sender_id AND m.period = d.period AND m.record_type = 'measure'
        AND m.record_id = json_extract(d.record, '$.measureId') AND m.withdrawn_at IS NULL
      WHERE d.period = ${semesterId} AND d.record_type = 'delivery' AND d.withdrawn_at IS NULL
      GROUP BY d.sender_id, kind`.execute(this.db);
    const kindRows = await sql<{ sender_id: string; kind: string; category: string; label_lv: string; label_en: string }>`
      SELECT sender_id, record_id AS kind, json_extract(record, '$.category') AS category,
        json_extract(record, '$.labelLv') AS label_lv, json_extract(record, '$.labelEn') AS label_en
      FROM imported_record WHERE period = ${semesterId} AND record_type = 'measureKind' AND withdrawn_at IS NULL`.execute(this.db);
    const names = new Map((await this.db.selectFrom('exchange_org').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
    const category = new Map(kindRows.rows.map((k) => [`${k.sender_id}\u0000${k.kind}`, k.category]));
    const labels = new Map(kindRows.rows.map((k) => [`${k.sender_id}\u0000${k.kind}`, { labelLv: k.label_lv, labelEn: k.label_en }]));
    const rows = new Map<string, MuniCounts['rows'][number]>();
    const row = (sender: string, kind: string) => {
      const k = `${sender}\u0000${kind}`;
      let r = rows.get(k);
      if (!r) {
        r = {
          schoolId: sender,
          schoolName: names.get(sender) ?? sender,
          kindCode: kind,
          kind: labels.get(k) ?? null,
          category: category.get(k) ?? null,
          plans: 0,
          measures: 0,
          deliveries: 0,
          minutes: 0,
          cents: 0,
        };
        rows.set(k, r);
      }
      return r;
    };
    for (const m of measureRows.rows) Object.assign(row(m.sender_id, m.kind), { plans: Number(m.plans), measures: Number(m.measures) });
    for (const d of deliveryRows.rows)
      Object.assign(row(d.sender_id, d.kind), { deliveries: Number(d.deliveries), minutes: Number(d.minutes), cents: Number(d.cents) });
    const sorted = [...rows.values()].sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'lv') || (a.kindCode < b.kindCode ? -1 : 1));
    return { semesterId, rows: sorted };
  }
}

function kindLabel(record: MeasureKindRecord): { labelLv: string; labelEn: string } {
  return { labelLv: record.labelLv, labelEn: record.labelEn };
}

/**
 * The state's views of the national picture: who has reported for a
 * semester (against the deadline), and counts by municipality and school.
 * Never by person: every figure is a count or a sum over a school, and no
 * channel returns a record, a pseudonym or a record id.
 */
import type { Kysely } from 'kysely';
import { addDays } from '../../../src-shared/domain/iso-date';
import { STATE_REPORT_KIND, type NationalCounts, type StateReporters } from '../../../src-shared/domain/state-report';
import type { Actor } from '../../../src-shared/domain/roles';
import { municipalityCode } from '../../../src-shared/domain/exchange';
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { DB } from '../../db/schema';
import { requireMode, requirePermission } from '../accounts/access';
import type { CalendarService } from '../school/calendar-service';

/** A semester's report is due this many days after the semester ends. */
export const REPORT_DUE_DAYS = 30;

/** Outcomes that mean the student stayed in education, and the one that means they left it. */
const STAYED = new Set(['continues', 'extendedYear', 'repeatsYear', 'graduated']);

export class NationalDataService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly calendar: CalendarService,
    /** The shipped list (resources/catalogues/municipalities-lv.txt): every one is expected to report. */
    private readonly municipalities: readonly Municipality[] = [],
  ) {}

  private async semester(semesterId: string | undefined): Promise<string | null> {
    if (semesterId) return semesterId;
    const current = await this.calendar.currentSemesterId();
    if (current) return current;
    const newest = await this.db
      .selectFrom('exchange_import')
      .select('period')
      .where('kind', '=', STATE_REPORT_KIND)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    return newest?.period ?? null;
  }

  /** Every enrolled municipality and state vocational school, and its newest report for the semester (or none). */
  async reporters(actor: Actor, input: { semesterId?: string } = {}): Promise<StateReporters> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, ['state']);
    const semesterId = await this.semester(input.semesterId);
    const semester = semesterId === null ? undefined : await this.db.selectFrom('semester').select('ends_on').where('id', '=', semesterId).executeTakeFirst();
    const deadline = semester ? addDays(semester.ends_on, REPORT_DUE_DAYS) : null;
    const orgs = await this.db.selectFrom('exchange_org').selectAll().where('role', '=', 'sender').execute();
    const reporters: StateReporters['reporters'] = [];
    for (const org of orgs) {
      const last =
        semesterId === null
          ? undefined
          : await this.db
              .selectFrom('exchange_import')
              .select(['seq', 'created_at', 'imported_at'])
              .where('sender_id', '=', org.id)
              .where('period', '=', semesterId)
              .where('kind', '=', STATE_REPORT_KIND)
              .orderBy('seq', 'desc')
              .limit(1)
              .executeTakeFirst();
      const schools =
        semesterId === null
          ? 0
          : Number(
              (
                await this.db
                  .selectFrom('imported_record')
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .where('sender_id', '=', org.id)
                  .where('period', '=', semesterId)
                  .where('record_type', '=', 'school')
                  .where('withdrawn_at', 'is', null)
                  .executeTakeFirst()
              )?.n ?? 0,
            );
      reporters.push({
        org: { kind: org.kind, id: org.id, name: org.name },
        enrolled: true,
        lastPackage: last
          ? { seq: last.seq, createdAt: last.created_at, importedAt: last.imported_at, late: deadline !== null && last.created_at.slice(0, 10) > deadline }
          : null,
        schools,
      });
    }
    // Municipalities of the shipped list not enrolled yet: they are expected, and cannot report until enrolled.
    const enrolledIds = new Set(orgs.map((o) => o.id));
    for (const m of this.municipalities) {
      const id = municipalityCode(m.name);
      if (!enrolledIds.has(id)) reporters.push({ org: { kind: 'municipality', id, name: m.name }, enrolled: false, lastPackage: null, schools: 0 });
    }
    reporters.sort((a, b) => Number(a.lastPackage !== null) - Number(b.lastPackage !== null) || a.org.name.localeCompare(b.org.name, 'lv'));
    return { semesterId, deadline, reporters };
  }

  /** Counts per (sender, school) for a semester, optionally for one sender. */
  async counts(actor: Actor, input: { semesterId?: string; senderId?: string } = {}): Promise<NationalCounts> {
    requirePermission(actor, 'imported.read');
    await requireMode(this.db, ['state']);
    const semesterId = await this.semester(input.semesterId);
    if (semesterId === null) return { semesterId, rows: [] };
    const live = (type: string, fields: string) => {
      let q = this.db
        .selectFrom('imported_record')
        .select(['sender_id', 'record_id'])
        .select((eb) => eb.fn<string>('json_extract', ['record', eb.val(fields)]).as('f'))
        .where('period', '=', semesterId)
        .where('record_type', '=', type)
        .where('withdrawn_at', 'is', null);
      if (input.senderId) q = q.where('sender_id', '=', input.senderId);
      return q.execute();
    };
    const names = new Map((await this.db.selectFrom('exchange_org').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
    const k = (sender: string, id: string) => `${sender}\u0000${id}`;
    const rows = new Map<string, NationalCounts['rows'][number]>();
    for (const s of await live('school', '$.name')) {
      rows.set(k(s.sender_id, s.record_id), {
        senderId: s.sender_id,
        senderName: names.get(s.sender_id) ?? s.sender_id,
        schoolId: s.record_id,
        schoolName: s.f,
        students: 0,
        screenedAtRisk: 0,
        plans: 0,
        measures: 0,
        plannedMinutes: 0,
        deliveredMinutes: 0,
        plannedCents: 0,
        deliveredCents: 0,
        approvedCents: 0,
        paidCents: 0,
        evaluated: 0,
        stayed: 0,
        left: 0,
      });
    }
    const studentSchool = new Map<string, string>();
    for (const s of await live('student', '$.schoolId')) {
      studentSchool.set(k(s.sender_id, s.record_id), s.f);
      const row = rows.get(k(s.sender_id, s.f));
      if (row) row.students++;
    }
    const rowOfStudent = (sender: string, studentId: string) => {
      const school = studentSchool.get(k(sender, studentId));
      return school === undefined ? undefined : rows.get(k(sender, school));
    };
    // A screening counts as "at risk" when it found at least one factor present.
    const presentCounts = await this.db
      .selectFrom('imported_record')
      .select(['sender_id', 'record_id'])
      .select((eb) => eb.fn<string>('json_extract', ['record', eb.val('$.studentId')]).as('student'))
      .select((eb) => eb.fn<number>('json_array_length', [eb.fn('json_extract', ['record', eb.val('$.present')])]).as('n'))
      .where('period', '=', semesterId)
      .where('record_type', '=', 'screening')
      .where('withdrawn_at', 'is', null)
      .execute();
    const counted = new Set<string>();
    for (const s of presentCounts) {
      if (input.senderId && s.sender_id !== input.senderId) continue;
      if (Number(s.n) === 0 || counted.has(k(s.sender_id, s.student))) continue;
      counted.add(k(s.sender_id, s.student));
      const row = rowOfStudent(s.sender_id, s.student);
      if (row) row.screenedAtRisk++;
    }
    const planRow = new Map<string, NationalCounts['rows'][number]>();
    for (const p of await live('plan', '$.studentId')) {
      const row = rowOfStudent(p.sender_id, p.f);
      if (!row) continue;
      row.plans++;
      planRow.set(k(p.sender_id, p.record_id), row);
    }
    const measures = await this.db
      .selectFrom('imported_record')
      .select(['sender_id'])
      .select((eb) => [
        eb.fn<string>('json_extract', ['record', eb.val('$.planId')]).as('plan'),
        eb.fn<number | null>('json_extract', ['record', eb.val('$.plannedMinutes')]).as('pm'),
        eb.fn<number>('json_extract', ['record', eb.val('$.deliveredMinutes')]).as('dm'),
        eb.fn<number | null>('json_extract', ['record', eb.val('$.plannedCents')]).as('pc'),
        eb.fn<number>('json_extract', ['record', eb.val('$.deliveredCents')]).as('dc'),
        eb.fn<number | null>('json_extract', ['record', eb.val('$.approvedCents')]).as('ac'),
        eb.fn<number | null>('json_extract', ['record', eb.val('$.paidCents')]).as('xc'),
      ])
      .where('period', '=', semesterId)
      .where('record_type', '=', 'measure')
      .where('withdrawn_at', 'is', null)
      .execute();
    for (const m of measures) {
      const row = planRow.get(k(m.sender_id, m.plan));
      if (!row) continue;
      row.measures++;
      row.plannedMinutes += Number(m.pm ?? 0);
      row.deliveredMinutes += Number(m.dm ?? 0);
      row.plannedCents += Number(m.pc ?? 0);
      row.deliveredCents += Number(m.dc ?? 0);
      row.approvedCents += Number(m.ac ?? 0);
      row.paidCents += Number(m.xc ?? 0);
    }
    for (const o of await live('outcome', '$.studentOutcome')) {
      const row = planRow.get(k(o.sender_id, o.record_id));
      if (!row) continue;
      row.evaluated++;
      if (STAYED.has(o.f)) row.stayed++;
      if (o.f === 'leftEducation') row.left++;
    }
    const sorted = [...rows.values()].sort((a, b) => a.senderName.localeCompare(b.senderName, 'lv') || a.schoolName.localeCompare(b.schoolName, 'lv'));
    return { semesterId, rows: sorted };
  }
}

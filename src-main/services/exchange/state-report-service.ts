/**
 * The report to the state (package kind 'state-report'): a municipality's
 * schools, or a state vocational school itself, for one semester,
 * pseudonymised and minimised here (state-report.ts), signed and encrypted
 * to the state's enrolled key, on the same per-recipient sequence and
 * export ledger as the school's package (export-service.ts).
 *
 * `preview` shows exactly what would leave (counts per school and record
 * type, every field name) and writes nothing; `export` writes the package
 * and audits the forward with the same counts.
 */
import type { RawDatabase } from '../../db/encryption';
import type { Kysely } from 'kysely';
import { EXCHANGE_SCHEMA_VERSION, type ExportResult, type OrgRef } from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import {
  STATE_FIELD_LIST,
  STATE_RECORD_FILES,
  STATE_RECORD_SCHEMAS,
  STATE_RECORD_TYPES,
  STATE_REPORT_KIND,
  type StateRecords,
  type StateRecordType,
  type StateReportPreview,
} from '../../../src-shared/domain/state-report';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import type { CalendarService } from '../school/calendar-service';
import { checkExpectedRecipient, currentKey } from './enrolment-service';
import type { Progress } from './export-service';
import { selfOrg, type ExchangeKeyService } from './keys-service';
import { collectSchoolReport } from './school-report';
import { sendPackage } from './send-package';
import {
  appendStateRecords,
  emptyStateRecords,
  minimiseSchool,
  municipalitySnapshots,
  NO_COMPENSATION_DECISIONS,
  type CompensationDecisions,
  type SchoolSnapshot,
} from './state-report';

type Counts = Record<StateRecordType, number>;

export interface BuiltStateReport {
  self: OrgRef;
  semesterId: string;
  records: StateRecords;
  perSchool: Array<{ id: string; name: string; counts: Counts }>;
}

const countsOf = (records: StateRecords): Counts => Object.fromEntries(STATE_RECORD_TYPES.map((t) => [t, records[t].length])) as Counts;

/** "2025/26-1" -> the manifest's period. */
function periodOf(semesterId: string): { schoolYear: string; semester: 1 | 2 } {
  const match = /^(\d{4}\/\d{2})-([12])$/.exec(semesterId);
  if (!match) throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.unknownSemester', details: { params: { semester: semesterId } } });
  return { schoolYear: match[1] as string, semester: Number(match[2]) as 1 | 2 };
}

export class StateReportService {
  constructor(
    private readonly db: Kysely<DB>,
    /** The same connection under `db`, for the report's prepared reads. */
    private readonly raw: RawDatabase,
    private readonly clock: Clock,
    private readonly keys: ExchangeKeyService,
    private readonly calendar: CalendarService,
    private readonly appVersion: string,
    private readonly decisions: CompensationDecisions = NO_COMPENSATION_DECISIONS,
  ) {}

  /** Whether this installation reports to the state (a municipality, or a state vocational school). */
  async sendsToState(): Promise<boolean> {
    const org = await this.db.selectFrom('organisation').select(['mode', 'school_type']).where('id', '=', 1).executeTakeFirst();
    return org?.mode === 'municipality' || (org?.mode === 'school' && org.school_type === 'stateVocational');
  }

  /** The state report's records for a semester (default: the current one), minimised; writes nothing. */
  async build(actor: Actor, semesterId?: string): Promise<BuiltStateReport> {
    requirePermission(actor, 'exchange.export');
    const self = await selfOrg(this.db);
    if (!(await this.sendsToState())) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.stateReportNotHere' });
    const semester = semesterId ?? (await this.calendar.currentSemesterId());
    if (!semester) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noCurrentSemester' });
    periodOf(semester);
    const pseudonymiser = await this.keys.pseudonymiser();
    const decide = await this.decisions.load(this.db, semester);
    const snapshots = self.kind === 'municipality' ? await municipalitySnapshots(this.db, semester) : [await this.ownSnapshot(self, semester)];
    const records = emptyStateRecords();
    const perSchool: BuiltStateReport['perSchool'] = [];
    for (const snapshot of snapshots) {
      const school = minimiseSchool(snapshot, pseudonymiser, decide);
      appendStateRecords(records, school);
      perSchool.push({ id: snapshot.school.id, name: snapshot.school.name, counts: countsOf(school) });
    }
    checkSendable(records);
    return { self, semesterId: semester, records, perSchool };
  }

  /** What would leave: counts per school and record type, and the field list. */
  async preview(actor: Actor, input: { semesterId?: string } = {}): Promise<StateReportPreview> {
    const built = await this.build(actor, input.semesterId);
    const recipient = await this.recipient();
    return {
      semesterId: built.semesterId,
      recipient: recipient ?? { kind: 'state', id: '—', name: '—' },
      schools: built.perSchool,
      total: countsOf(built.records),
      fields: STATE_FIELD_LIST as Record<string, string[]>,
    };
  }

  private async recipient(): Promise<OrgRef | null> {
    const org = await this.db.selectFrom('exchange_org').select(['id', 'kind', 'name']).where('role', '=', 'recipient').executeTakeFirst();
    return org ? { kind: org.kind, id: org.id, name: org.name } : null;
  }

  /** A state vocational school's own semester, as its package to a municipality would hold it, plus birth years. */
  private async ownSnapshot(self: OrgRef, semesterId: string): Promise<SchoolSnapshot> {
    const report = collectSchoolReport(this.raw, { semesterId });
    const ids = report.student.map((s) => s.id);
    const births = ids.length === 0 ? [] : await this.db.selectFrom('student').select(['id', 'birth_date']).where('id', 'in', ids).execute();
    const birthYears = new Map(births.map((b) => [b.id, b.birth_date === null ? null : Number(b.birth_date.slice(0, 4))]));
    return { ...(report as unknown as Omit<SchoolSnapshot, 'school' | 'birthYears'>), school: { id: self.id, name: self.name }, birthYears };
  }

  async export(actor: Actor, input: { semesterId?: string; path: string; onProgress?: Progress }): Promise<ExportResult> {
    const progress = input.onProgress ?? (() => undefined);
    const total = 4;
    progress(0, total, 'exchange.progress.collect');
    const built = await this.build(actor, input.semesterId);
    const recipientOrg = await this.recipient();
    if (!recipientOrg) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noRecipient' });
    await checkExpectedRecipient(this.db, recipientOrg);
    const recipientKey = await currentKey(this.db, recipientOrg.id);
    if (!recipientKey) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noRecipient' });
    const keys = await this.keys.require();
    const counts = countsOf(built.records);

    progress(1, total, 'exchange.progress.encrypt');
    const sent = await sendPackage(this.db, this.clock, {
      actor,
      sender: built.self,
      keys,
      recipient: { id: recipientOrg.id, key: recipientKey },
      kind: STATE_REPORT_KIND,
      period: periodOf(built.semesterId),
      semesterId: built.semesterId,
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      appVersion: this.appVersion,
      files: STATE_RECORD_TYPES.map((t) => ({ name: STATE_RECORD_FILES[t], records: built.records[t] })),
      counts,
      auditDetail: (seq) => ({
        kind: STATE_REPORT_KIND,
        recipient: recipientOrg.id,
        seq,
        semesterId: built.semesterId,
        counts,
        schools: built.perSchool.map((s) => ({ id: s.id, counts: s.counts })),
      }),
      path: input.path,
      onSealed: () => progress(2, total, 'exchange.progress.write'),
    });
    progress(total, total, 'exchange.progress.done');
    return {
      path: input.path,
      packageId: sent.packageId,
      seq: sent.seq,
      semesterId: built.semesterId,
      recipient: recipientOrg,
      counts,
      sumsHash: sent.sumsHash,
    };
  }
}

/** The sender's own check: every record passes the schema the state applies. */
function checkSendable(records: StateRecords): void {
  for (const type of STATE_RECORD_TYPES) {
    for (const record of records[type]) {
      if (!STATE_RECORD_SCHEMAS[type].safeParse(record).success) {
        throw new AppError('VALIDATION_FAILED', { messageKey: 'errors.exchange.recordNotExportable', details: { params: { type, id: record.id } } });
      }
    }
  }
}

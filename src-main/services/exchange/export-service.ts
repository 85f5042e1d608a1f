/**
 * A school's export: one package for its recipient (its municipality, or the
 * state for a state vocational school) with a full snapshot of one semester.
 *
 * The package is sealed, written and filed on its stream by sendPackage
 * (send-package.ts): sequence numbers, the export ledger and the audit row in
 * one transaction, nothing left half-done.
 */
import type { RawDatabase } from '../../db/encryption';
import type { Kysely } from 'kysely';
import {
  EXCHANGE_SCHEMA_VERSION,
  RECORD_FILES,
  RECORD_TYPES,
  SCHOOL_REPORT_KIND,
  type ExportLedgerRow,
  type ExportResult,
  type OrgRef,
} from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import type { CalendarService } from '../school/calendar-service';
import { checkExpectedRecipient, currentKey } from './enrolment-service';
import type { ExchangeKeyService } from './keys-service';
import { selfOrg } from './keys-service';
import { checkExportable } from './exportable';
import { readSchoolReport } from './school-report';
import { sendPackage } from './send-package';
import type { StateReportService } from './state-report-service';

export type Progress = (done: number, total: number, labelKey: string) => void;

export interface ExportInput {
  /** Semester id, e.g. 2025/26-1; default: the current semester. */
  semesterId?: string;
  /** Where to write the package. */
  path: string;
  onProgress?: Progress;
}

export class ExportService {
  constructor(
    private readonly db: Kysely<DB>,
    /** The same connection under `db`, for the report's prepared reads. */
    private readonly raw: RawDatabase,
    private readonly clock: Clock,
    private readonly keys: ExchangeKeyService,
    private readonly calendar: CalendarService,
    private readonly appVersion: string,
    /** Where a package for the state is made (a municipality's, or a state vocational school's). */
    private readonly stateReport?: StateReportService,
  ) {}

  /** The recipient a school would send to now (its trusted card), or null when it has trusted none yet. */
  async recipient(): Promise<OrgRef | null> {
    const org = await this.db.selectFrom('exchange_org').select(['id', 'kind', 'name']).where('role', '=', 'recipient').executeTakeFirst();
    return org ? { kind: org.kind, id: org.id, name: org.name } : null;
  }

  /** The packages this installation made, newest first (the last 200): what went to whom, when and by whom. */
  async ledger(actor: Actor): Promise<ExportLedgerRow[]> {
    requirePermission(actor, 'exchange.export');
    const rows = await this.db
      .selectFrom('exchange_export')
      .innerJoin('exchange_org', 'exchange_org.id', 'exchange_export.recipient_id')
      .leftJoin('staff_user', 'staff_user.id', 'exchange_export.created_by')
      .select([
        'exchange_export.package_id',
        'exchange_export.seq',
        'exchange_export.kind',
        'exchange_export.period',
        'exchange_export.counts',
        'exchange_export.created_at',
        'exchange_org.id as recipient_id',
        'exchange_org.kind as recipient_kind',
        'exchange_org.name as recipient_name',
        'staff_user.display_name',
      ])
      .orderBy('exchange_export.created_at', 'desc')
      .orderBy('exchange_export.seq', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      packageId: r.package_id,
      seq: r.seq,
      kind: r.kind,
      period: r.period,
      recipient: { kind: r.recipient_kind, id: r.recipient_id, name: r.recipient_name },
      counts: parseCounts(r.counts),
      createdAt: r.created_at,
      createdBy: r.display_name ?? null,
    }));
  }

  /** The default file name for a package: sender, semester and seq. */
  async suggestedFileName(semesterId?: string): Promise<string> {
    const self = await selfOrg(this.db);
    const semester = semesterId ?? (await this.calendar.currentSemesterId()) ?? 'semester';
    const recipient = await this.recipient();
    const stream = recipient
      ? await this.db.selectFrom('exchange_out_stream').select('last_seq').where('recipient_id', '=', recipient.id).executeTakeFirst()
      : undefined;
    return `pumpurs-${self.id}-${semester.replace('/', '-')}-${(stream?.last_seq ?? 0) + 1}.pumpurs`;
  }

  async export(actor: Actor, input: ExportInput): Promise<ExportResult> {
    requirePermission(actor, 'exchange.export');
    if (this.stateReport && (await this.stateReport.sendsToState())) return this.stateReport.export(actor, input);
    const progress = input.onProgress ?? (() => undefined);
    const total = 4;
    const self = await selfOrg(this.db);
    if (self.kind !== 'school') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.exportOnlySchools' });
    const semesterId = input.semesterId ?? (await this.calendar.currentSemesterId());
    if (!semesterId) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noCurrentSemester' });
    const semester = await this.db.selectFrom('semester').select(['id', 'school_year_id', 'number']).where('id', '=', semesterId).executeTakeFirst();
    if (!semester) throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.unknownSemester', details: { params: { semester: semesterId } } });

    const recipientOrg = await this.recipient();
    if (!recipientOrg) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noRecipient' });
    await checkExpectedRecipient(this.db, recipientOrg);
    const recipientKey = await currentKey(this.db, recipientOrg.id);
    if (!recipientKey) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noRecipient' });
    const keys = await this.keys.require();

    progress(0, total, 'exchange.progress.collect');
    // Whoever sends to the state does so through StateReportService (above); this is the package to a municipality.
    if (recipientOrg.kind === 'state')
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.wrongRecipient', details: { params: { expected: '—', found: recipientOrg.id } } });
    // Each record's line as it will travel, and the same lines parsed for the school's own check before anything is
    // written: every record must pass the schema the recipient applies.
    const { lines, records } = readSchoolReport(this.raw, { semesterId });
    checkExportable(records, recipientOrg.kind);
    const counts = Object.fromEntries(RECORD_TYPES.map((t) => [t, records[t].length]));

    progress(1, total, 'exchange.progress.encrypt');
    const sent = await sendPackage(this.db, this.clock, {
      actor,
      sender: self,
      keys,
      recipient: { id: recipientOrg.id, key: recipientKey },
      kind: SCHOOL_REPORT_KIND,
      period: { schoolYear: semester.school_year_id, semester: semester.number },
      semesterId,
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      appVersion: this.appVersion,
      files: RECORD_TYPES.map((t) => ({ name: RECORD_FILES[t], records: records[t], lines: lines[t] })),
      counts,
      auditDetail: (seq) => ({ recipient: recipientOrg.id, seq, semesterId, counts }),
      path: input.path,
      onSealed: () => progress(2, total, 'exchange.progress.write'),
    });
    progress(total, total, 'exchange.progress.done');
    return { path: input.path, packageId: sent.packageId, seq: sent.seq, semesterId, recipient: recipientOrg, counts, sumsHash: sent.sumsHash };
  }
}

/** The counts stored with a package (JSON of whole numbers); anything else reads as none. */
function parseCounts(text: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return {};
  }
}

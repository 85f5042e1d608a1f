/**
 * The coordinator's data-safety screen: the encrypted backups (list, make
 * one now, restore one at the next start) and the audit log (its hash
 * chain, a filtered viewer, an XLSX export). Everything here is for
 * `school.admin`; making a backup, scheduling a restore and exporting the
 * log are audited.
 */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditFilter, AuditRow, BackupInfoView, BackupKeepView } from '../../../src-shared/domain/data-safety';
import { formatDate } from '../../../src-shared/domain/format';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import { verifyAuditChain, type AuditChainReport } from '../../db/audit-chain';
import type { OpenedDatabase } from '../../db/connection';
import { DB_KEY_SECRET } from '../../db/encryption';
import { listBackups, pendingRestore, scheduleRestore } from '../../db/restore';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import type { AppPaths } from '../../ports/paths';
import type { SecretStore } from '../../ports/secret-store';
import { requirePermission } from '../accounts/access';
import type { SettingsService } from '../school/settings-service';
import { recordAudit } from '../audit';

/** At most this many rows go into one XLSX export. */
export const AUDIT_EXPORT_LIMIT = 100_000;

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export class DataSafetyService {
  constructor(
    private readonly database: Pick<OpenedDatabase, 'db' | 'raw' | 'backup' | 'prune'>,
    private readonly clock: Clock,
    private readonly paths: AppPaths,
    private readonly secrets: SecretStore,
    private readonly settings: SettingsService,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async backups(actor: Actor): Promise<{ backups: BackupInfoView[]; pendingRestore: string | null; keep: BackupKeepView }> {
    requirePermission(actor, 'school.admin');
    const backups = (await listBackups(this.paths.backupsDir)).map(({ name, kind, schemaVersion, at, bytes }) => ({ name, kind, schemaVersion, at, bytes }));
    return { backups, pendingRestore: await pendingRestore(this.paths.dataDir), keep: await this.settings.explain('backups.keep') };
  }

  /**
   * Stores how many backups of each kind the backups folder keeps (audited by
   * SettingsService; refused when IT's policy fixes it) and deletes the ones
   * beyond it at once, so a lower number takes effect now.
   */
  async setKeep(actor: Actor, keep: number): Promise<BackupKeepView> {
    requirePermission(actor, 'school.admin');
    await this.settings.set(actor, 'backups.keep', keep);
    await this.database.prune();
    return this.settings.explain('backups.keep');
  }

  async createBackup(actor: Actor): Promise<{ name: string }> {
    requirePermission(actor, 'school.admin');
    const name = basename(await this.database.backup('manual'));
    await recordAudit(this.db, actor, this.clock.now(), { action: 'export', entity: 'database', entityId: 'backup', detail: { file: name } });
    return { name };
  }

  async restoreAtNextStart(actor: Actor, name: string): Promise<{ scheduled: true }> {
    requirePermission(actor, 'school.admin');
    const key = await this.secrets.get(DB_KEY_SECRET);
    if (key === null) throw new AppError('DB_KEY_MISSING', { details: { params: { file: this.paths.dbFile } } });
    await scheduleRestore(this.paths.dataDir, this.paths.backupsDir, name, key);
    await recordAudit(this.db, actor, this.clock.now(), { action: 'update', entity: 'database', entityId: 'restoreScheduled', detail: { from: name } });
    return { scheduled: true };
  }

  auditStatus(actor: Actor): AuditChainReport {
    requirePermission(actor, 'school.admin');
    return verifyAuditChain(this.database.raw);
  }

  private filtered(filter: AuditFilter) {
    let query = this.db.selectFrom('audit_log');
    if (filter.person) {
      const like = `%${likeEscape(filter.person)}%`;
      query = query.where((eb) => eb.or([eb(eb.fn('lower', ['actor_name']), 'like', like.toLowerCase()), eb('actor_id', 'like', like)]));
    }
    if (filter.studentId) query = query.where('entity_id', '=', filter.studentId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.from) query = query.where('at', '>=', `${filter.from}T00:00:00.000Z`);
    if (filter.to) query = query.where('at', '<', `${nextDay(filter.to)}T00:00:00.000Z`);
    return query;
  }

  async auditList(actor: Actor, filter: AuditFilter, page: { offset: number; limit: number }): Promise<{ rows: AuditRow[]; total: number }> {
    requirePermission(actor, 'school.admin');
    const total = Number(
      (
        await this.filtered(filter)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const rows = await this.filtered(filter)
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'detail'])
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detail: r.detail,
      })),
    };
  }

  /** The matching entries as an XLSX workbook (column headers from `t`), oldest first. */
  async auditWorkbook(actor: Actor, filter: AuditFilter, t: (key: string) => string): Promise<{ bytes: Buffer; rows: number }> {
    requirePermission(actor, 'school.admin');
    const rows = await this.filtered(filter)
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'detail', 'hash'])
      .orderBy('id', 'asc')
      .limit(AUDIT_EXPORT_LIMIT)
      .execute();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(t('dataSafety.audit.sheet'));
    sheet.columns = [
      { header: t('dataSafety.audit.column.id'), key: 'id', width: 8 },
      { header: t('dataSafety.audit.column.date'), key: 'date', width: 12 },
      { header: t('dataSafety.audit.column.time'), key: 'time', width: 14 },
      { header: t('dataSafety.audit.column.person'), key: 'person', width: 28 },
      { header: t('dataSafety.audit.column.personId'), key: 'personId', width: 24 },
      { header: t('dataSafety.audit.column.action'), key: 'action', width: 14 },
      { header: t('dataSafety.audit.column.entity'), key: 'entity', width: 18 },
      { header: t('dataSafety.audit.column.entityId'), key: 'entityId', width: 38 },
      { header: t('dataSafety.audit.column.detail'), key: 'detail', width: 40 },
      { header: t('dataSafety.audit.column.hash'), key: 'hash', width: 66 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) {
      sheet.addRow({
        id: r.id,
        date: formatDate(r.at),
        time: `${r.at.slice(11, 19)} UTC`,
        person: r.actor_name,
        personId: r.actor_id,
        action: t(`dataSafety.audit.action.${r.action}`),
        entity: r.entity,
        entityId: r.entity_id,
        detail: r.detail,
        hash: r.hash ?? '',
      });
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await recordAudit(this.db, actor, this.clock.now(), { action: 'export', entity: 'audit_log', entityId: 'xlsx', detail: { rows: rows.length } });
    return { bytes, rows: rows.length };
  }
}

/** Data safety for the coordinator: backups (list, make one, restore at the next start) and the audit log (chain status, viewer, XLSX export). */
import { z } from 'zod';
import {
  auditChainReportSchema,
  auditFilterSchema,
  auditRowSchema,
  BACKUP_KEEP_MAX,
  BACKUP_KEEP_MIN,
  backupInfoSchema,
  backupKeepSchema,
  backupNameSchema,
  retentionReceiptSchema,
  retentionStatusSchema,
} from '../../domain/data-safety';
import { channel, EVERY_MODE, signedIn } from '../channel';

/** The coordinator (school.admin) in every mode. */
const COORDINATOR = signedIn('school.admin', EVERY_MODE);

export const dataSafetyChannels = {
  /** The encrypted backups in the data folder, newest first, the restore scheduled for the next start (if any), and how many of each kind are kept. */
  'backups:list': channel(
    z.object({}),
    z.object({ backups: z.array(backupInfoSchema), pendingRestore: z.string().nullable(), keep: backupKeepSchema }),
    COORDINATOR,
  ),
  /** Stores how many backups of each kind the backups folder keeps (audited; refused when IT's policy fixes it); older ones are deleted at once. */
  'backups:setKeep': channel(z.object({ keep: z.number().int().min(BACKUP_KEEP_MIN).max(BACKUP_KEEP_MAX) }), backupKeepSchema, COORDINATOR),
  /** Makes an encrypted backup now (audited). */
  'backups:create': channel(z.object({}), z.object({ name: z.string() }), COORDINATOR),
  /**
   * Checks the backup (opens with this installation's key, integrity_check)
   * and schedules its restore for the next start: the open database cannot
   * be swapped while the app runs. The current database is kept aside then.
   */
  'backups:restore': channel(z.object({ name: backupNameSchema }), z.object({ scheduled: z.literal(true) }), COORDINATOR),
  /** The audit log's hash chain, checked now. A broken chain is shown to the coordinator. */
  'audit:status': channel(z.object({}), auditChainReportSchema, COORDINATOR),
  /** Audit entries matching the filters, newest first, a page at a time. */
  'audit:list': channel(
    auditFilterSchema.extend({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ rows: z.array(auditRowSchema), total: z.number().int() }),
    COORDINATOR,
  ),
  /** Saves the matching entries (up to 100 000) as an XLSX file where the coordinator chooses; `saved: false` when cancelled. */
  'audit:exportXlsx': channel(
    auditFilterSchema.extend({ language: z.enum(['lv', 'en']).default('lv') }),
    z.object({ saved: z.boolean(), rows: z.number().int() }),
    COORDINATOR,
  ),

  /**
   * Retention: the years kept after leaving (and whether IT's policy fixes them), the cutoff day, how many students are due.
   * Every mode: a school's own students; at a municipality or the state, the students it imported (services/retention-service.ts).
   */
  'retention:status': channel(z.object({}), retentionStatusSchema, signedIn('school.admin', EVERY_MODE)),
  /** Stores the years kept after leaving (audited; refused when IT's policy fixes them). */
  'retention:setYears': channel(z.object({ years: z.number().int().min(1).max(50) }), retentionStatusSchema, signedIn('school.admin', EVERY_MODE)),
  /**
   * Deletes the records of every due student, in one transaction; `expected`
   * is the number of due students the coordinator saw (CONFLICT if it
   * changed). Returns the receipt, also kept in the audit log (counts only).
   */
  'retention:deleteDue': channel(z.object({ expected: z.number().int().min(1).max(1_000_000) }), retentionReceiptSchema, signedIn('school.admin', EVERY_MODE)),
} as const;

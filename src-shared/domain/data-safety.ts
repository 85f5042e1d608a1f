import { z } from 'zod';
import { isoDateSchema } from './iso-date';

/** Data safety's shared vocabulary: kinds of backup, reasons a backup is refused, ways the audit chain can break. */
export const BACKUP_KINDS = ['daily', 'migration', 'import', 'manual', 'restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_INVALID_REASONS = ['missing', 'notEncrypted', 'wrongKey', 'integrity', 'notPumpurs', 'fromNewerApp'] as const;
export type BackupInvalidReason = (typeof BACKUP_INVALID_REASONS)[number];

export const AUDIT_CHAIN_PROBLEMS = ['changed', 'unlinked', 'unsealed', 'endCut'] as const;
export type AuditChainProblemKind = (typeof AUDIT_CHAIN_PROBLEMS)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'open', 'signIn', 'signInFailed', 'signOut', 'export', 'import'] as const;

/** The audit viewer's filters: a person (name or id, part of it), a student id, an action, a date range (inclusive, local days). */
export const auditFilterSchema = z.object({
  person: z.string().trim().max(100).optional(),
  studentId: z.string().trim().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditChainReportSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  problems: z.array(z.object({ id: z.number().int(), kind: z.enum(AUDIT_CHAIN_PROBLEMS) })),
});

export const backupInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  schemaVersion: z.number().int(),
  at: z.string(),
  bytes: z.number().int(),
});
export type BackupInfoView = z.infer<typeof backupInfoSchema>;

/** How many backups of each kind the backups folder keeps (setting `backups.keep`) and where the number comes from. */
export const BACKUP_KEEP_MIN = 1;
export const BACKUP_KEEP_MAX = 100;
export const backupKeepSchema = z.object({
  value: z.number().int().min(BACKUP_KEEP_MIN).max(BACKUP_KEEP_MAX),
  source: z.enum(['policy', 'stored', 'default']),
});
export type BackupKeepView = z.infer<typeof backupKeepSchema>;

/** A backup's file name as the backups folder holds it (never a path). */
export const backupNameSchema = z
  .string()
  .trim()
  .max(120)
  .regex(/^pumpurs-[A-Za-z0-9-]{1,100}\.sqlite$/, 'errors.field.invalid');

/** What retention would delete now (docs/data-safety.md "Retention"). */
export const retentionStatusSchema = z.object({
  years: z.number().int(),
  /** Where the years come from: IT's policy, the coordinator's setting, or the default. */
  source: z.enum(['policy', 'stored', 'default']),
  /** Students who left or graduated on or before this day (YYYY-MM-DD) are due. */
  cutoff: z.string(),
  /** Students due for deletion now. */
  due: z.number().int(),
  /** Students who left or graduated without a leaving date: never due, shown so they can be fixed. */
  withoutLeavingDate: z.number().int(),
});
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;

export const RETENTION_COUNTED = [
  'students',
  'guardians',
  'screenings',
  'plans',
  'measures',
  'deliveries',
  'outcomes',
  'journalIndicators',
  'receivedDecisions',
  'receivedPayments',
] as const;
export type RetentionCounted = (typeof RETENTION_COUNTED)[number];

/** The receipt of a deletion: when, by whom, the rule applied and counts only (no names, codes or ids of students). */
export const retentionReceiptSchema = z.object({
  at: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
  years: z.number().int(),
  cutoff: z.string(),
  counts: z.record(z.enum(RETENTION_COUNTED), z.number().int()),
});
export type RetentionReceipt = z.infer<typeof retentionReceiptSchema>;

/** Data safety's shared vocabulary: kinds of backup, reasons a backup is refused, ways the audit chain can break. */
export const BACKUP_KINDS = ['daily', 'migration', 'import', 'manual', 'restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_INVALID_REASONS = ['missing', 'notEncrypted', 'wrongKey', 'integrity', 'notPumpurs', 'fromNewerApp'] as const;
export type BackupInvalidReason = (typeof BACKUP_INVALID_REASONS)[number];

export const AUDIT_CHAIN_PROBLEMS = ['changed', 'unlinked', 'unsealed', 'endCut'] as const;
export type AuditChainProblemKind = (typeof AUDIT_CHAIN_PROBLEMS)[number];

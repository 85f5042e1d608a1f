/**
 * What every IPC call returns. Errors carry a stable code and an i18n key,
 * never a stack trace or SQL: the renderer is untrusted and shows only text
 * from its own catalogue.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_SIGNED_IN',
  'INVALID_CREDENTIALS',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'RULE_VIOLATION',
  'DB_FROM_NEWER_APP',
  // data safety (encryption at rest, key store, backups)
  'DB_KEY_MISSING',
  'DB_KEY_WRONG',
  'KEY_STORE_MISMATCH',
  'KEYS_MISSING',
  'BACKUP_INVALID',
  'INTERNAL',
  // exchange packages (docs/package-format.md)
  'CONTAINER_INVALID',
  'LIMIT_EXCEEDED',
  'MANIFEST_INVALID',
  'SIGNER_UNKNOWN',
  'SIGNER_REVOKED',
  'SIGNER_SENDER_MISMATCH',
  'SIGNATURE_INVALID',
  'INTEGRITY_MISMATCH',
  'NOT_FOR_THIS_RECIPIENT',
  'UNSUPPORTED_FORMAT',
  'SCHEMA_FROM_FUTURE',
  'ALREADY_IMPORTED',
  'PACKAGE_ID_CONFLICT',
  'STALE_REPLAY',
  'SEQUENCE_GAP',
  'DECRYPTION_FAILED',
  'INNER_BINDING_MISMATCH',
  'RECORD_INVALID',
  'RECORD_CONFLICT',
  'KEY_CHANGED',
  'IO_ERROR',
  'STREAM_RESTARTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field's problem, for forms: `path` is the dotted field path. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  messageKey: z.string(),
  details: z
    .object({
      fields: z.array(fieldErrorSchema).optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** The message key for a code, when nothing more precise is known. */
export function defaultMessageKey(code: ErrorCode): string {
  return `errors.code.${code}`;
}

/**
 * Thrown by services; the router turns it into `{ ok: false, error }`.
 * Anything else thrown becomes INTERNAL, and its text stays in the main log.
 * `cause` is what went wrong underneath (EACCES behind an IO_ERROR): the
 * router logs it in main; `toData` never sends it to the page.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: AppErrorData['details'];

  constructor(code: ErrorCode, options: { messageKey?: string; details?: AppErrorData['details']; cause?: unknown } = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageKey = options.messageKey ?? defaultMessageKey(code);
    this.details = options.details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, messageKey: this.messageKey }
      : { code: this.code, messageKey: this.messageKey, details: this.details };
  }

  static validation(fields: FieldError[]): AppError {
    return new AppError('VALIDATION_FAILED', { details: { fields } });
  }
}

/**
 * How the exchange layer says "no": a stable code from ERROR_CODES plus a
 * short machine-readable detail (a constant from this code base, never text
 * taken from the package, so it is safe to log). Messages for users come from
 * the i18n catalogue (`errors.code.<CODE>`), not from here.
 */
import { AppError, type ErrorCode } from '../../src-shared/ipc/result';

export interface Refusal {
  code: ErrorCode;
  /** kebab-case constant naming the exact check, e.g. 'entry-name-invalid'. */
  detail: string;
}

/** Conditions that do not stop an import but must be shown. */
export type WarningCode = Extract<ErrorCode, 'SEQUENCE_GAP' | 'UNSUPPORTED_FORMAT'>;
export interface PackageWarning {
  code: WarningCode;
  detail: string;
}

/** Thrown inside the exchange layer only; public functions return it as data. */
export class PackageRefusal extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'PackageRefusal';
    this.code = code;
    this.detail = detail;
  }

  toRefusal(): Refusal {
    return { code: this.code, detail: this.detail };
  }
}

export function refuse(code: ErrorCode, detail: string): never {
  throw new PackageRefusal(code, detail);
}

/**
 * Runs one step; anything it throws that is not already a refusal becomes
 * `fallback`. This is how every failure, including bugs in libraries fed with
 * hostile bytes, ends up as exactly one stable code.
 */
export async function step<T>(fallback: ErrorCode, detail: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asRefusal(err, fallback, detail);
  }
}

export function stepSync<T>(fallback: ErrorCode, detail: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asRefusal(err, fallback, detail);
  }
}

export function asRefusal(err: unknown, fallback: ErrorCode, detail: string): PackageRefusal {
  if (err instanceof PackageRefusal) return err;
  if (err instanceof AppError) return new PackageRefusal(err.code, detail);
  return new PackageRefusal(fallback, detail);
}

/** For the IPC layer: a refusal as the AppError every handler returns. */
export function refusalToAppError(refusal: Refusal): AppError {
  return new AppError(refusal.code, { details: { params: { detail: refusal.detail } } });
}

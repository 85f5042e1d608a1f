/**
 * What a CLI verb is. Each verb lives in its own file under verbs/ and is
 * listed once in verbs/index.ts: `pumpurs <name words> [options]`.
 */
import type { i18n as I18n } from 'i18next';
import type { Actor } from '../../src-shared/domain/roles';
import type { AppInstance } from '../app/create-app';
import type { AppPaths } from '../ports/paths';
import type { SecretStore } from '../ports/secret-store';
import type { MessageKey } from '../../src-shared/i18n/index';

export interface CliOption {
  type: 'string' | 'boolean';
  /** i18n key of the one-line description shown by --help. */
  descriptionKey: MessageKey;
  /** Shown in --help after the option: `--name NAME`. */
  valueName?: string;
  /** Missing → usage error (exit 2). */
  required?: boolean;
  /** May be given more than once: the value is then a list (`--amount 1=20 --amount 2=5`). */
  multiple?: boolean;
}

export type CliValues = Record<string, string | boolean | string[] | undefined>;

export interface CliContext {
  t: I18n['t'];
  /** --json: machine output on stdout (one JSON document), nothing else there. */
  json: boolean;
  dataDir: string;
  /** The admin running the command: `cliActor(os user)`. */
  actor: Actor;
  out(text: string): void;
  err(text: string): void;
  /** Opens (and creates or migrates) the database in the data folder. */
  openApp(): Promise<AppInstance>;
  /** Opens the database only if it exists; NOT_SET_UP otherwise (nothing is created). */
  openExistingApp(): Promise<AppInstance>;
  /** A whole text file, refused (FileTooLargeError) beyond `maxBytes` (see FILE_CAPS). */
  readTextFile(path: string, maxBytes: number): Promise<string>;
  /** The data folder's paths (database, backups, secrets). */
  paths: AppPaths;
  /** The data folder's key store (the same one openApp uses). */
  secrets(): SecretStore;
}

export interface CliVerb {
  /** The words after `pumpurs`: 'init', 'students list'. */
  name: string;
  /** i18n key of the one-line summary in `pumpurs --help`. */
  summary: MessageKey;
  options: Record<string, CliOption>;
  /** i18n keys of paragraphs printed at the end of `pumpurs <verb> --help`. */
  notes?: readonly MessageKey[];
  /** Arguments after the verb's words (files): without this, any is a usage error. */
  args?: { valueName: string; min: number; max?: number };
  /** Returns the exit code (0 ok). Throw AppError to refuse (exit 1), CliUsageError for bad arguments (exit 2). */
  run(ctx: CliContext, values: CliValues, args?: readonly string[]): Promise<number>;
}

/** Bad arguments: exit code 2, with an i18n message. */
export class CliUsageError extends Error {
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = 'CliUsageError';
  }
}

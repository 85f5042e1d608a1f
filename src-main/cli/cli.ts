/**
 * Headless entry for admins and automation: `pumpurs <verb> [options]`
 * (bin/pumpurs.mjs runs the bundled dist/main/cli.mjs). Verbs live in
 * verbs/, one file each. Global options: --data-dir DIR (default: the
 * per-user local data folder), --json (machine output on stdout), --lang
 * lv|en (default from LANG), --help on every verb.
 * Exit codes: 0 done, 1 refused (an AppError: its message, or with --json
 * `{ok:false,error}` on stdout), 2 usage error (bad arguments).
 * The CLI acts as `cliActor(<OS user>)`.
 */
import { existsSync } from 'node:fs';
import { userInfo, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { i18n as I18n } from 'i18next';
import { createI18n, DEFAULT_LANGUAGE, isLanguage, keyFromData, tData, type Language, type MessageKey } from '../../src-shared/i18n/index';
import { AppError } from '../../src-shared/ipc/result';
import { createApp, type AppInstance } from '../app/create-app';
import { systemClock, type Clock } from '../ports/clock';
import { createScriptedDialogs } from '../ports/dialogs';
import { stderrLogger, type Logger } from '../ports/logger';
import { defaultLocalDataDir, pathsFor } from '../ports/paths';
import { createFileSecretStore, type SecretStore } from '../ports/secret-store';
import { cliActor } from '../services/accounts/access';
import { CliUsageError, type CliContext, type CliOption, type CliValues, type CliVerb } from './cli-verb';
import { VERBS } from './verbs/index';
import { FILE_CAPS, readFileCapped, readFileCappedSync } from '../ports/capped-read';

/** What the CLI touches outside itself; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  osUser: string;
  clock: Clock;
  resourcesDir: string;
  appVersion: string;
  /**
   * The key store of a data folder's `secrets/`: the owner-only file store
   * under Node (default); the app's safeStorage store when the CLI runs
   * inside the installed app (`--cli`), so both read the same keys.
   */
  secrets?: (secretsDir: string) => SecretStore;
  /** The default data folder when IT set one (Group Policy DataDir); else the per-user local one. */
  dataDir?: string;
  /** The SQLite addon to load (the unpackaged app's Electron build); see AppPorts. */
  sqliteNativeBinding?: string;
}

/** The project root: two levels up from dist/main/cli.mjs and from src-main/cli/cli.ts alike. */
function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The real process's I/O; the app's `--cli` passes its own resources, version and key store. */
export function processIo(overrides: Partial<CliIo> = {}): CliIo {
  const root = projectRoot();
  let appVersion = '0.0.0';
  try {
    appVersion =
      (JSON.parse(readFileCappedSync(join(root, 'package.json'), FILE_CAPS.smallJson).toString('utf8')) as { version?: string }).version ?? appVersion;
  } catch {
    // not next to the project (unusual install): keep the placeholder
  }
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    osUser,
    clock: systemClock,
    resourcesDir: join(root, 'resources'),
    appVersion,
    ...overrides,
  };
}

const GLOBAL_OPTIONS: Record<string, CliOption & { short?: string }> = {
  'data-dir': { type: 'string', valueName: 'DIR', descriptionKey: 'cli.option.dataDir' },
  json: { type: 'boolean', descriptionKey: 'cli.option.json' },
  lang: { type: 'string', valueName: 'lv|en', descriptionKey: 'cli.option.lang' },
  help: { type: 'boolean', short: 'h', descriptionKey: 'cli.option.help' },
};

function parseConfig(options: Record<string, CliOption & { short?: string }>): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
}

/** lv or en: --lang, else the locale environment (LC_ALL > LC_MESSAGES > LANG), else Latvian. */
function languageFrom(lang: unknown, env: NodeJS.ProcessEnv): Language {
  if (isLanguage(lang)) return lang;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (locale.startsWith('en')) return 'en';
  return DEFAULT_LANGUAGE;
}

function findVerb(positionals: string[]): CliVerb | undefined {
  return [...VERBS]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((v) => v.name.split(' ').every((word, i) => positionals[i] === word));
}

function optionLines(t: I18n['t'], options: Record<string, CliOption & { short?: string }>, params: Record<string, string>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.valueName ? ` ${o.valueName}` : ''}`;
    const text = tData(t, o.descriptionKey, params) + (o.required ? ` ${t('cli.help.required')}` : '');
    return [flag, text] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

function globalHelp(t: I18n['t'], defaultDir: string): string[] {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    t('cli.help.usage'),
    '',
    t('cli.help.commands'),
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${t(v.summary)}`),
    '',
    t('cli.help.globalOptions'),
    ...optionLines(t, GLOBAL_OPTIONS, { dir: defaultDir }),
    '',
    t('cli.help.more'),
  ];
}

function verbHelp(t: I18n['t'], verb: CliVerb, defaultDir: string): string[] {
  return [
    t('cli.help.verbUsage', { verb: verb.args ? `${verb.name} ${verb.args.valueName}` : verb.name }),
    t(verb.summary),
    '',
    t('cli.help.options'),
    ...optionLines(t, verb.options, {}),
    '',
    t('cli.help.globalOptions'),
    ...optionLines(t, GLOBAL_OPTIONS, { dir: defaultDir }),
    ...(verb.notes ?? []).flatMap((key) => ['', t(key)]),
    '',
    t('cli.help.exitCodes'),
  ];
}

function describeError(t: I18n['t'], error: AppError): string[] {
  const lines = [t(keyFromData(error.messageKey), error.details?.params ?? {})];
  for (const field of error.details?.fields ?? []) lines.push(`  ${field.path}: ${t(keyFromData(field.messageKey), field.params ?? {})}`);
  return lines;
}

/** Runs one command; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const loose = parseArgs({ args: argv, options: parseConfig(GLOBAL_OPTIONS), strict: false, allowPositionals: true });
  const t = (await createI18n(languageFrom(loose.values.lang, io.env))).t;
  const defaultDir = io.dataDir ?? defaultLocalDataDir(io.platform, io.env, io.homeDir);
  const usage = (key: MessageKey, params: Record<string, string | number> = {}) => {
    io.err(t(key, params));
    io.err(t('cli.help.more'));
    return 2;
  };

  if (loose.values.lang !== undefined && !isLanguage(loose.values.lang)) return usage('cli.error.badLanguage', { lang: String(loose.values.lang) });
  const verb = findVerb(loose.positionals);
  if (!verb) {
    if (loose.positionals.length === 0) {
      const lines = globalHelp(t, defaultDir);
      if (loose.values.help) {
        for (const line of lines) io.out(line);
        return 0;
      }
      for (const line of lines) io.err(line);
      return 2;
    }
    return usage('cli.error.unknownCommand', { command: loose.positionals.join(' ') });
  }
  if (loose.values.help) {
    for (const line of verbHelp(t, verb, defaultDir)) io.out(line);
    return 0;
  }

  let values: CliValues;
  let args: string[];
  try {
    const strict = parseArgs({ args: argv, options: { ...parseConfig(GLOBAL_OPTIONS), ...parseConfig(verb.options) }, strict: true, allowPositionals: true });
    const words = verb.name.split(' ');
    const extra = strict.positionals.slice(words.length);
    const most = verb.args ? (verb.args.max ?? Infinity) : 0;
    if (extra.length > most) return usage('cli.error.unexpectedArgument', { argument: extra[most] ?? '' });
    if (verb.args && extra.length < verb.args.min) return usage('cli.error.missingArgument', { argument: verb.args.valueName });
    args = extra;
    values = strict.values as CliValues;
  } catch (err) {
    return usage('cli.error.badArguments', { detail: err instanceof Error ? err.message : String(err) });
  }
  const missing = Object.entries(verb.options).find(([name, o]) => o.required && values[name] === undefined);
  if (missing) return usage('cli.error.missingOption', { option: missing[0] });

  const json = values.json === true;
  const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDir);
  const paths = pathsFor(dataDir, io.resourcesDir);
  const log: Logger = { info() {}, warn: stderrLogger.warn, error: stderrLogger.error };
  const openApp = (mayCreate = true): Promise<AppInstance> =>
    createApp(
      {
        paths,
        clock: io.clock,
        log,
        secrets: io.secrets?.(paths.secretsDir) ?? createFileSecretStore(paths.secretsDir),
        dialogs: createScriptedDialogs(),
        appVersion: io.appVersion,
        backups: { daily: true },
        ...(io.sqliteNativeBinding ? { sqliteNativeBinding: io.sqliteNativeBinding } : {}),
      },
      { mayCreate },
    );
  const ctx: CliContext = {
    t,
    json,
    dataDir,
    actor: cliActor(io.osUser),
    out: io.out,
    err: io.err,
    openApp: () => openApp(true),
    async openExistingApp() {
      if (!existsSync(paths.dbFile)) throw new AppError('NOT_SET_UP', { messageKey: 'cli.error.noDatabase', details: { params: { dir: dataDir } } });
      return openApp(false);
    },
    paths,
    secrets: () => io.secrets?.(paths.secretsDir) ?? createFileSecretStore(paths.secretsDir),
    readTextFile: async (path, maxBytes) => (await readFileCapped(path, maxBytes)).toString('utf8'),
  };

  try {
    return await verb.run(ctx, values, args);
  } catch (err) {
    if (err instanceof CliUsageError) return usage(keyFromData(err.messageKey), err.params);
    const error = err instanceof AppError ? err : new AppError('INTERNAL');
    if (!(err instanceof AppError)) log.error('cli.failed', { verb: verb.name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    if (json) io.out(JSON.stringify({ ok: false, error: error.toData() }));
    else for (const line of describeError(t, error)) io.err(line);
    return 1;
  }
}

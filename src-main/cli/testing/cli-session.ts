/**
 * The set-up every CLI test that drives several installations repeats: a
 * temporary folder (made before the file's tests, or each test, and removed
 * after), `run` to
 * call the CLI in-process as an admin in English with a fixed clock, what it
 * printed (`out`, `err`: emptied before each run), `json()` of the last run's
 * output, `file()` for a path in the folder, and `hand()` to pass a key card
 * from one installation to another with its fingerprint compared.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import type { Clock } from '../../ports/clock';
import { RESOURCES_DIR } from '../../services/exchange/testing/exchange-fixture';
import { runCli, type CliIo } from '../cli';

export interface CliSession {
  /** What the last run printed to stdout, line by line (the same array throughout). */
  readonly out: string[];
  /** What the last run printed to stderr (the same array throughout). */
  readonly err: string[];
  run(...argv: string[]): Promise<number>;
  /** The last run's stdout as JSON (after `--json`). */
  json(): Record<string, unknown>;
  /** A path in the session's temporary folder. */
  file(name: string): string;
  /** `from` exports its key card, `to` enrols (or trusts) it with the fingerprint compared. */
  hand(from: string, to: string, verb: 'enrol' | 'trust', cardName: string): Promise<void>;
}

/** The CLI's io for a test: an admin in English on Linux with a fixed clock, printing into `sink`. */
export function testCliIo(sink: { out: string[]; err: string[] }, homeDir: string, clock: Clock): CliIo {
  return {
    out: (text) => sink.out.push(text),
    err: (text) => sink.err.push(text),
    env: { LANG: 'en_GB.UTF-8' },
    platform: 'linux',
    homeDir,
    osUser: 'admin',
    clock,
    resourcesDir: RESOURCES_DIR,
    appVersion: '0.1.0',
  };
}

/**
 * Registers the folder's hooks; call at the top of a test file. `fresh:
 * 'test'` gives every test a folder of its own (beforeEach/afterEach), the
 * default one folder for the whole file; `argv` is appended to every run
 * (e.g. a `--data-dir` every call names).
 */
export function useCliSession(prefix: string, clock: Clock, options: { fresh?: 'file' | 'test'; argv?: () => string[] } = {}): CliSession {
  let tmp: TempDir | null = null;
  const out: string[] = [];
  const err: string[] = [];
  const folder = (): string => {
    if (tmp === null) throw new Error('useCliSession: the temporary folder is made in beforeAll; use it inside a test or hook');
    return tmp.dir;
  };
  const io = (): CliIo => testCliIo({ out, err }, join(folder(), 'home'), clock);
  const [before, after] = options.fresh === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    tmp = await makeTempDir(prefix);
  });
  after(async () => {
    await tmp?.remove();
    tmp = null;
  });
  const session: CliSession = {
    out,
    err,
    run: async (...argv) => {
      out.length = 0;
      err.length = 0;
      return runCli([...argv, ...(options.argv?.() ?? [])], io());
    },
    json: () => JSON.parse(out.join('\n')) as Record<string, unknown>,
    file: (name) => join(folder(), name),
    hand: async (from, to, verb, cardName) => {
      expect(await session.run('keys', 'export', '--data-dir', from, '--out', session.file(cardName), '--json')).toBe(0);
      const digits = (session.json().fingerprint as { digits: string }).digits;
      expect(await session.run(verb, '--data-dir', to, session.file(cardName), '--fingerprint', digits)).toBe(0);
    },
  };
  return session;
}

/**
 * Data made the way coordinators make it, with the built CLI, for the specs
 * whose subject is what comes after (a municipality's screens over a
 * school's imported package): `pumpurs …` in English, and a municipality
 * data folder holding a demo school's semester package.
 *
 * The built CLI (dist/main/cli.mjs) runs in this worker's process, as
 * bin/pumpurs.mjs runs it in its own: the same `runCli` and verbs, with the
 * process's environment, home and clock; only the output is collected, not
 * written. A new Node process per command cost about half a second of CPU
 * to start and load the 5 MB bundle, some 30 times a suite (docs/performance.md,
 * fifth pass). bin/pumpurs.mjs itself is tested in src-main/cli/bin.test.ts.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { importBundle } from './in-process';

const ROOT = resolve(import.meta.dirname, '..', '..');

type CliModule = { runCli(argv: string[], io: object): Promise<number> };
let loaded: Promise<CliModule> | undefined;

/** The bundle, once per worker. */
function cliModule(): Promise<CliModule> {
  loaded ??= importBundle<CliModule>(join(ROOT, 'dist', 'main', 'cli.mjs'));
  return loaded;
}

const APP_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** `pumpurs …` as a person would run it (the built CLI), in English; its stdout. Fails, with its stderr, unless it exits 0. */
export async function pumpurs(...args: string[]): Promise<string> {
  const { runCli } = await cliModule();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--lang', 'en'], {
    out: (text: string) => out.push(`${text}\n`),
    err: (text: string) => err.push(`${text}\n`),
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    osUser: userInfo().username,
    clock: { now: () => new Date() },
    resourcesDir: join(ROOT, 'resources'),
    appVersion: APP_VERSION,
  });
  if (code !== 0) throw new Error(`pumpurs ${args.join(' ')} exited with ${code}:\n${err.join('')}`);
  return out.join('');
}

/** The municipality's coordinator made by `pumpurs init --mode municipality`. */
export const MUNI = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
/** The demo school. */
export const SCHOOL = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456' };

/**
 * A municipality data folder holding a demo school's package for 2025/26-1:
 * demo data, key cards both ways with the fingerprint, export, import.
 * `work` is the temporary folder holding everything (the caller removes it).
 */
export async function municipalityWithImportedSchool(options: {
  students: number;
  today: string;
  prefix: string;
}): Promise<{ work: string; muniDir: string; schoolDir: string }> {
  const work = await mkdtemp(join(tmpdir(), options.prefix));
  const school = join(work, 'school');
  const muniDir = join(work, 'muni');
  await writeFile(join(work, 'pw'), `${MUNI.password}\n`);
  await pumpurs('init', '--data-dir', school, '--name', SCHOOL.name, '--code', SCHOOL.regNo, '--municipality', 'Madonas novads');
  await pumpurs('demo-data', '--data-dir', school, '--students', String(options.students), '--today', options.today);
  await pumpurs(
    'init',
    '--data-dir',
    muniDir,
    '--mode',
    'municipality',
    '--municipality',
    'Madonas novads',
    '--admin-user',
    MUNI.username,
    '--admin-name',
    MUNI.displayName,
    '--admin-password-file',
    join(work, 'pw'),
  );
  const schoolCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', school, '--out', join(work, 'school.card.json'), '--json')) as {
    fingerprint: { digits: string };
  };
  await pumpurs('enrol', '--data-dir', muniDir, join(work, 'school.card.json'), '--fingerprint', schoolCard.fingerprint.digits);
  const muniCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', muniDir, '--out', join(work, 'muni.card.json'), '--json')) as {
    fingerprint: { hex: string };
  };
  await pumpurs('trust', '--data-dir', school, join(work, 'muni.card.json'), '--fingerprint', muniCard.fingerprint.hex);
  await pumpurs('export', '--data-dir', school, '--period', '2025/26-1', '--out', join(work, 'report.pumpurs'));
  await pumpurs('import', '--data-dir', muniDir, join(work, 'report.pumpurs'));
  return { work, muniDir, schoolDir: school };
}

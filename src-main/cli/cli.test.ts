import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src-shared/i18n/catalogue/index';
import { createApp } from '../app/create-app';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';
import { fixedClock } from '../ports/clock';
import { createScriptedDialogs } from '../ports/dialogs';
import { silentLogger } from '../ports/logger';
import { pathsFor } from '../ports/paths';
import { createFileSecretStore } from '../ports/secret-store';
import { cliActor } from '../services/accounts/access';
import { verifyPassword } from '../services/accounts/password-hash';
import { runCli, type CliIo } from './cli';
import { FAST_SCRYPT } from '../services/testing/fast-scrypt';

const resourcesDir = join(import.meta.dirname, '..', '..', 'resources');
const clock = fixedClock('2025-10-15T10:00:00Z');
const school = ['--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads'];

let tmp: TempDir;
let dataDir: string;
let out: string[];
let err: string[];
let env: NodeJS.ProcessEnv;

const io = (): CliIo => ({
  out: (text) => out.push(text),
  err: (text) => err.push(text),
  env,
  platform: 'linux',
  homeDir: join(tmp.dir, 'home'),
  osUser: 'admin',
  clock,
  resourcesDir,
  appVersion: '0.1.0',
});
const run = async (...argv: string[]) => {
  out = [];
  err = [];
  return runCli(argv, io());
};

beforeEach(async () => {
  tmp = await makeTempDir();
  dataDir = join(tmp.dir, 'data');
  env = { LANG: 'en_GB.UTF-8' };
});
afterEach(async () => {
  await tmp.remove();
});

async function openSchool() {
  const paths = pathsFor(dataDir, resourcesDir);
  return createApp(
    { paths, clock, log: silentLogger, secrets: createFileSecretStore(paths.secretsDir), dialogs: createScriptedDialogs(), appVersion: 'test' },
    { hashParams: FAST_SCRYPT },
  );
}

describe('pumpurs help and usage', () => {
  it('lists the commands on --help (exit 0), in the language of LANG or --lang', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toContain('Usage: pumpurs <command> [options]');
    expect(out.join('\n')).toMatch(/init\s+Create the school’s database/);
    expect(out.join('\n')).toMatch(/students list\s+List the students/);
    expect(out.join('\n')).toContain(join(tmp.dir, 'home', '.local', 'share', 'pumpurs'));
    expect(await run('--help', '--lang', 'lv')).toBe(0);
    expect(out.join('\n')).toContain('Lietojums: pumpurs <komanda> [opcijas]');
    env = { LANG: 'lv_LV.UTF-8' };
    expect(await run('-h')).toBe(0);
    expect(out[0]).toContain('Lietojums');
  });

  it('gives help on every verb', async () => {
    expect(await run('init', '--help')).toBe(0);
    const help = out.join('\n');
    expect(help).toContain('--admin-password-file FILE');
    expect(help).toContain('--name NAME');
    expect(help).toContain('--mode school|municipality|state');
    expect(help).toContain('the first person to open the app creates the coordinator account');
    expect(await run('students', 'list', '--help')).toBe(0);
    expect(out.join('\n')).toContain('--query TEXT');
  });

  it('exits 2 on usage errors, explaining on stderr', async () => {
    expect(await run()).toBe(2);
    expect(err.join('\n')).toContain('Usage: pumpurs');
    expect(await run('frobnicate')).toBe(2);
    expect(err[0]).toBe('Unknown command "frobnicate".');
    expect(await run('init', '--data-dir', dataDir, '--code', '4313900456', '--municipality', 'Rīga')).toBe(2);
    expect(err[0]).toBe('Give the option --name.');
    expect(await run('init', '--data-dir', dataDir, ...school, '--colour', 'red')).toBe(2);
    expect(err[0]).toMatch(/^Bad arguments: .*--colour/);
    expect(await run('students', 'list', '--data-dir', dataDir, 'extra')).toBe(2);
    expect(await run('students', 'list', '--data-dir', dataDir, '--grade', 'seven')).toBe(2);
    expect(await run('init', '--data-dir', dataDir, ...school, '--mode', 'municipality')).toBe(2);
    expect(await run('init', '--data-dir', dataDir, ...school, '--admin-user', 'ilze')).toBe(2);
    expect(err[0]).toBe('Give --admin-user and --admin-password-file together.');
    expect(await run('--lang', 'de', '--help')).toBe(2);
    expect(existsSync(join(dataDir, 'pumpurs.sqlite'))).toBe(false);
  });
});

describe('pumpurs init', () => {
  it('prepares a school without an account: profile, calendar and risk catalogue, audited as the CLI user', async () => {
    expect(await run('init', '--data-dir', dataDir, ...school)).toBe(0);
    expect(out).toEqual([
      `School "Madonas pilsētas vidusskola" set up in ${dataDir}.`,
      'No coordinator account was made: the first person to open the app will create it.',
    ]);
    const app = await openSchool();
    expect(await app.services.organisation.get()).toMatchObject({ name: 'Madonas pilsētas vidusskola', regNo: '4313900456', schoolType: 'general' });
    expect(await app.services.organisation.isSetUp()).toBe(false);
    expect(app.database.raw.prepare('SELECT count(*) AS n FROM risk_factor').get()).toMatchObject({ n: expect.any(Number) });
    expect(app.database.raw.prepare('SELECT DISTINCT actor_id FROM audit_log').all()).toEqual([{ actor_id: 'cli:admin' }]);
    await app.close();
  });

  it('makes the first coordinator from a password file', async () => {
    const file = join(tmp.dir, 'password.txt');
    await writeFile(file, 'ļoti droša parole\n', { mode: 0o600 });
    expect(
      await run(
        'init',
        '--data-dir',
        dataDir,
        ...school,
        '--school-type',
        'vocational',
        '--admin-user',
        'ilze',
        '--admin-name',
        'Ilze K',
        '--admin-password-file',
        file,
        '--json',
      ),
    ).toBe(0);
    const result = JSON.parse(out.join('\n')) as { ok: boolean; coordinator: { name: string; roles: string[] } };
    expect(result).toMatchObject({ ok: true, dataDir, organisation: { schoolType: 'vocational' }, coordinator: { name: 'Ilze K', roles: ['coordinator'] } });
    expect(out.join('\n')).not.toContain('ļoti droša parole');
    const app = await openSchool();
    const user = app.database.raw.prepare('SELECT username, password_hash FROM staff_user').get() as { username: string; password_hash: string };
    expect(user.username).toBe('ilze');
    expect(await verifyPassword('ļoti droša parole', user.password_hash)).toBe(true);
    expect(await app.services.organisation.isSetUp()).toBe(true);
    await app.close();
  });

  it('refuses (exit 1) an invalid profile, a short password, or a second init, with the reason', async () => {
    expect(await run('init', '--data-dir', dataDir, '--name', 'Skola', '--code', '12', '--municipality', 'Rīga')).toBe(1);
    expect(err).toEqual([en['errors.code.VALIDATION_FAILED'], `  profile.regNo: ${en['errors.field.regNo']}`]);
    const file = join(tmp.dir, 'short.txt');
    await writeFile(file, 'short');
    expect(await run('init', '--data-dir', dataDir, ...school, '--admin-user', 'ilze', '--admin-password-file', file, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'coordinator.password' }] } },
    });
    expect(await run('init', '--data-dir', dataDir, ...school, '--admin-user', 'ilze', '--admin-password-file', join(tmp.dir, 'nope.txt'))).toBe(2);
    expect(await run('init', '--data-dir', dataDir, ...school)).toBe(0);
    expect(await run('init', '--data-dir', dataDir, ...school)).toBe(1);
    expect(err[0]).toBe(en['errors.code.ALREADY_SET_UP']);
  });

  it('an installation set up without a coordinator refuses every set-up channel but adding the first coordinator of its own mode (issue 14.4)', async () => {
    expect(await run('init', '--data-dir', dataDir, '--mode', 'municipality', '--municipality', 'Madonas novads')).toBe(0);
    const app = await openSchool();
    const ctx = { clientId: 'w1', emit: () => undefined };
    const dump = () => app.database.raw.prepare('SELECT mode, name, reg_no, municipality, school_type, updated_at FROM organisation').all();
    const before = dump();
    expect(before).toMatchObject([{ mode: 'municipality', name: 'Madonas novads' }]);
    const takeOver = await app.router.invoke(
      'org:setUp',
      {
        profile: { name: 'Pārņemta skola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
        coordinator: { username: 'mallory', displayName: 'M', password: 'droša parole 1' },
      },
      ctx,
    );
    expect(takeOver).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    const otherMode = await app.router.invoke(
      'org:setUpAuthority',
      { profile: { mode: 'state' }, coordinator: { username: 'mallory', displayName: 'M', password: 'droša parole 1' } },
      ctx,
    );
    expect(otherMode).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect(dump()).toEqual(before);
    expect(app.database.raw.prepare('SELECT count(*) AS n FROM staff_user').get()).toEqual({ n: 0 });
    // The one step left: the first coordinator, through its own mode's channel; the organisation stays as it was.
    const first = await app.router.invoke(
      'org:setUpAuthority',
      { profile: { mode: 'municipality', municipality: 'Rīga' }, coordinator: { username: 'ilze', displayName: 'Ilze', password: 'droša parole 1' } },
      ctx,
    );
    expect(first).toMatchObject({ ok: true, value: { organisation: { mode: 'municipality', name: 'Madonas novads' } } });
    expect(dump()).toEqual(before);
    const again = await app.router.invoke(
      'org:setUpAuthority',
      { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: { username: 'mallory', displayName: 'M', password: 'droša parole 1' } },
      ctx,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect(app.database.raw.prepare('SELECT username FROM staff_user').all()).toEqual([{ username: 'ilze' }]);
    await app.close();
  });

  it('refuses a password file that is not one (/dev/zero, a huge file) quickly, with a clear message, making nothing (issue 14.6)', async () => {
    const started = Date.now();
    expect(await run('init', '--data-dir', dataDir, ...school, '--admin-user', 'ilze', '--admin-password-file', '/dev/zero')).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err[0]).toBe('The password file /dev/zero is larger than 4096 bytes: it must hold only the password, on one line. Give a file with the password.');
    const huge = join(tmp.dir, 'huge.txt');
    await writeFile(huge, `${'x'.repeat(5000)}\n`);
    expect(await run('demo-data', '--data-dir', dataDir, '--students', '5', '--password-file', huge)).toBe(2);
    expect(err[0]).toBe(`The password file ${huge} is larger than 4096 bytes: it must hold only the password, on one line. Give a file with the password.`);
    expect(existsSync(join(dataDir, 'pumpurs.sqlite'))).toBe(false);
  });

  it('uses the per-user local data folder when --data-dir is not given', async () => {
    env = { LANG: 'en', XDG_DATA_HOME: join(tmp.dir, 'xdg') };
    expect(await run('init', ...school)).toBe(0);
    expect(existsSync(join(tmp.dir, 'xdg', 'pumpurs', 'pumpurs.sqlite'))).toBe(true);
  });
});

describe('pumpurs students list', () => {
  it('refuses (exit 1) when there is no database, creating nothing', async () => {
    expect(await run('students', 'list', '--data-dir', dataDir)).toBe(1);
    expect(err[0]).toBe(`There is no school database in ${dataDir}. Run pumpurs init first, or give --data-dir.`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('prints the register as a table or JSON, filters it, and audits each listing as an export', async () => {
    expect(await run('init', '--data-dir', dataDir, ...school)).toBe(0);
    const app = await openSchool();
    const admin = cliActor('admin');
    for (const [firstName, lastName, personalCode] of [
      ['Jānis', 'Bērziņš', '120311-21234'],
      ['Anna', 'Ozola', '321234-56789'],
    ] as const) {
      await app.services.students.create(admin, { firstName, lastName, personalCode, gender: 'female', educationLevel: 'general', grade: 8, classLabel: 'b' });
    }
    await app.close();

    expect(await run('students', 'list', '--data-dir', dataDir)).toBe(0);
    expect(out[0]).toMatch(/^Surname, name\s+Personal code\s+Class\s+Status\s+Plan\s+Risks$/);
    expect(out[1]).toMatch(/^Bērziņš Jānis\s+120311-21234\s+8\.b\s+enrolled\s+—\s+—$/);
    expect(out.at(-1)).toBe('2 students (semester 2025/26-1).');

    expect(await run('students', 'list', '--data-dir', dataDir, '--json', '--query', 'ozola')).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({
      semesterId: '2025/26-1',
      rows: [expect.objectContaining({ firstName: 'Anna', lastName: 'Ozola', personalCode: '321234-56789', planStatus: null, riskGroups: [] })],
    });

    expect(await run('students', 'list', '--data-dir', dataDir, '--lang', 'lv', '--query', 'nav tāda')).toBe(0);
    expect(out).toEqual(['Neviens skolēns nav atrasts (semestris 2025/26-1).']);

    const check = await openSchool();
    const exports = check.database.raw.prepare("SELECT actor_id, entity, detail FROM audit_log WHERE action = 'export'").all();
    expect(exports).toEqual([
      { actor_id: 'cli:admin', entity: 'student', detail: '{"count":2,"via":"cli"}' },
      { actor_id: 'cli:admin', entity: 'student', detail: '{"count":1,"via":"cli"}' },
      { actor_id: 'cli:admin', entity: 'student', detail: '{"count":0,"via":"cli"}' },
    ]);
    await check.close();
  });
});

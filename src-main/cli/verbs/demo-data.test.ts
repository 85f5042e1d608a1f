import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src-shared/i18n/index';
import { createApp } from '../../app/create-app';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { fixedClock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import { cliActor } from '../../services/accounts/access';
import { verifyPassword } from '../../services/accounts/password-hash';
import { runCli } from '../cli';
import { CliUsageError, type CliContext } from '../cli-verb';
import { demoDataVerb } from './demo-data';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');
let tmp: TempDir;
let out: string[];

async function context(json = false): Promise<CliContext> {
  const t = (await createI18n('en')).t;
  const paths = pathsFor(join(tmp.dir, 'data'), resourcesDir);
  const openApp = () =>
    createApp({
      paths,
      clock: fixedClock('2025-11-28T10:00:00Z'),
      log: silentLogger,
      secrets: createFileSecretStore(paths.secretsDir),
      dialogs: createScriptedDialogs(),
      appVersion: '0.1.0',
    });
  return {
    t,
    json,
    dataDir: paths.dataDir,
    actor: cliActor('admin'),
    out: (text) => out.push(text),
    err: () => {},
    openApp,
    openExistingApp: openApp,
    readTextFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
    paths,
    secrets: () => createFileSecretStore(paths.secretsDir),
  };
}

beforeEach(async () => {
  tmp = await makeTempDir();
  out = [];
});
afterEach(() => tmp.remove());

describe('pumpurs demo-data', () => {
  it('fills an empty database with a school of N students, and refuses to run twice', async () => {
    const ctx = await context(true);
    expect(await demoDataVerb.run(ctx, { students: '120', seed: '5' })).toBe(0);
    const result = JSON.parse(out[0]!) as { ok: boolean; students: number; semesters: string[] };
    expect(result).toMatchObject({ ok: true, students: 120, semesters: ['2024/25-1', '2024/25-2', '2025/26-1'] });
    const app = await ctx.openApp();
    const count = await app.database.db
      .selectFrom('student')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(120);
    await app.close();
    await expect(demoDataVerb.run(ctx, { students: '10' })).rejects.toMatchObject({ messageKey: 'errors.demoData.notEmpty' });
  });

  it('gives every demo account the password from --password-file, and says so', async () => {
    const file = join(tmp.dir, 'password.txt');
    await writeFile(file, 'demo-parole-2025\n');
    const ctx = await context();
    expect(await demoDataVerb.run(ctx, { students: '20', 'password-file': file, today: '2025-10-01' })).toBe(0);
    expect(out[1]).toBe(ctx.t('cli.demoData.doneSignIn'));
    const app = await ctx.openApp();
    const user = await app.database.db.selectFrom('staff_user').select('password_hash').executeTakeFirstOrThrow();
    expect(await verifyPassword('demo-parole-2025', user.password_hash)).toBe(true);
    await app.close();
  });

  it('says as whom the demo can be signed into: every user name with its roles, in text and in --json', async () => {
    const file = join(tmp.dir, 'password.txt');
    await writeFile(file, 'demo-parole-2025\n');
    const ctx = await context();
    expect(await demoDataVerb.run(ctx, { students: '20', 'password-file': file, today: '2025-10-01' })).toBe(0);
    const app = await ctx.openApp();
    const users = await app.database.db.selectFrom('staff_user').select(['id', 'username', 'display_name']).execute();
    const roles = await app.database.db.selectFrom('staff_role').select(['user_id', 'role']).execute();
    await app.close();
    expect(users.length).toBeGreaterThan(5);
    expect(out[2]).toBe(ctx.t('cli.demoData.accounts'));
    const coordinator = users.find((u) => roles.some((r) => r.user_id === u.id && r.role === 'coordinator'))!;
    expect(out).toContain(`  ${coordinator.username}: ${coordinator.display_name}, coordinator`);
    for (const user of users) expect(out.some((line) => line.startsWith(`  ${user.username}: ${user.display_name}, `))).toBe(true);

    out = [];
    await tmp.remove();
    tmp = await makeTempDir();
    const json = await context(true);
    expect(await demoDataVerb.run(json, { students: '20', today: '2025-10-01' })).toBe(0);
    const result = JSON.parse(out[0]!) as { staff: number; accounts: { username: string; displayName: string; roles: string[] }[] };
    expect(result.accounts).toHaveLength(result.staff);
    expect(result.accounts.filter((a) => a.roles.includes('coordinator'))).toHaveLength(1);
    expect(result.accounts.filter((a) => a.roles.includes('director')).length).toBeGreaterThan(0);
    for (const a of result.accounts) expect(a.username).toMatch(/\S/);
  });

  it('counts in Latvian with the right plural form (71 darbinieks, 21 plāns, 12 plāni)', async () => {
    const t = (await createI18n('lv')).t;
    expect(t('cli.demoData.staff', { count: 71 })).toBe('71 darbinieks');
    expect(t('cli.demoData.staff', { count: 11 })).toBe('11 darbinieki');
    expect(t('cli.demoData.plans', { count: 21 })).toBe('21 plāns');
    expect(t('cli.demoData.plans', { count: 12 })).toBe('12 plāni');
    expect(t('cli.demoData.students', { count: 1 })).toBe('1 izglītojamais');
    const en = (await createI18n('en')).t;
    expect(en('cli.demoData.staff', { count: 71 })).toBe('71 staff members');
  });

  it('refuses a count or day that is not one', async () => {
    const ctx = await context();
    await expect(demoDataVerb.run(ctx, { students: 'many' })).rejects.toBeInstanceOf(CliUsageError);
    await expect(demoDataVerb.run(ctx, { students: '0' })).rejects.toMatchObject({ messageKey: 'cli.error.notANumber' });
    await expect(demoDataVerb.run(ctx, { students: '5', today: '2025-02-30' })).rejects.toMatchObject({ messageKey: 'cli.demoData.badToday' });
  });

  it('runs as `pumpurs demo-data` from the command line', async () => {
    const lines: string[] = [];
    const io = {
      out: (text: string) => lines.push(text),
      err: (text: string) => lines.push(text),
      env: { LANG: 'en_GB.UTF-8' },
      platform: 'linux' as const,
      homeDir: join(tmp.dir, 'home'),
      osUser: 'admin',
      clock: fixedClock('2025-11-28T10:00:00Z'),
      resourcesDir,
      appVersion: '0.1.0',
    };
    const code = await runCli(['demo-data', '--students', '30', '--seed', '2', '--data-dir', join(tmp.dir, 'cli-data'), '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, students: 30 });
    expect(await runCli(['demo-data', '--data-dir', join(tmp.dir, 'cli-data')], io)).toBe(2);
  });
});

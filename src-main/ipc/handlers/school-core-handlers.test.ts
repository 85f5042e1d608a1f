/**
 * The school-core channels end to end through the real router, services and
 * SQLite file: set-up signs in, every other channel needs a session, the
 * session ends when idle, and each window has its own.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/ipc/contract/index';
import { createApp, type AppInstance } from '../../app/create-app';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import type { Clock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import type { CallContext } from '../router';
import { FAST_SCRYPT } from '../../services/testing/fast-scrypt';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');
const profile = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' };
const coordinator = { username: 'ilze', displayName: 'Ilze Koordinatore', password: 'droša parole 1' };

let tmp: TempDir;
let app: AppInstance;
let nowMs: number;
const clock: Clock = { now: () => new Date(nowMs) };
let events: { clientId: string; event: EventName; payload: unknown }[];
const ctx = (clientId: string): CallContext => ({ clientId, emit: (event, payload) => events.push({ clientId, event, payload }) });
const call = (channel: string, input: unknown, clientId = 'w1') => app.router.invoke(channel, input, ctx(clientId));

beforeEach(async () => {
  nowMs = Date.parse('2025-10-15T08:00:00Z');
  events = [];
  tmp = await makeTempDir();
  const paths = pathsFor(tmp.dir, resourcesDir);
  app = await createApp(
    { paths, clock, log: silentLogger, secrets: createFileSecretStore(paths.secretsDir), dialogs: createScriptedDialogs(), appVersion: 'test' },
    { hashParams: FAST_SCRYPT },
  );
});
afterEach(async () => {
  await app.close();
  await tmp.remove();
});

describe('school-core channels', () => {
  it('set up once, signing the setting-up window in', async () => {
    expect(await call('calendar:current', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const setUp = await call('org:setUp', { profile, coordinator });
    expect(setUp).toMatchObject({ ok: true, value: { organisation: { name: profile.name }, actor: { name: 'Ilze Koordinatore', roles: ['coordinator'] } } });
    expect(events).toEqual([{ clientId: 'w1', event: 'session:changed', payload: { signedIn: true } }]);
    expect(await call('auth:current', {})).toMatchObject({ ok: true, value: { actor: { name: 'Ilze Koordinatore' }, idleMinutes: 15 } });
    expect(await call('calendar:current', {})).toMatchObject({ ok: true, value: { today: '2025-10-15', semester: { id: '2025/26-1' } } });
    expect(await call('org:setUp', { profile, coordinator: { ...coordinator, username: 'cits' } }, 'w2')).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SET_UP' },
    });
  });

  it('reject bad input at the door with field errors', async () => {
    const result = await call('org:setUp', { profile: { ...profile, regNo: 'x' }, coordinator: { ...coordinator, password: 'short' } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            { path: 'profile.regNo', messageKey: 'errors.field.regNo' },
            { path: 'coordinator.password', messageKey: 'errors.field.passwordTooShort' },
          ],
        },
      },
    });
  });

  it('keep a session per window, end it when idle, and tell the window', async () => {
    await call('org:setUp', { profile, coordinator });
    expect(await call('staff:list', {}, 'w2')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('auth:signIn', { username: 'ilze', password: 'droša parole 1' }, 'w2')).toMatchObject({ ok: true, value: { roles: ['coordinator'] } });
    expect((await call('staff:list', {}, 'w2')).ok).toBe(true);
    events = [];
    nowMs += 16 * 60_000;
    expect(await call('staff:list', {}, 'w2')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(events).toEqual([{ clientId: 'w2', event: 'session:changed', payload: { signedIn: false } }]);
    expect(await call('auth:signOut', {}, 'w1')).toEqual({ ok: true, value: { signedOut: false } });
  });

  it('sign out, emitting session:changed', async () => {
    await call('org:setUp', { profile, coordinator });
    events = [];
    expect(await call('auth:signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(events).toEqual([{ clientId: 'w1', event: 'session:changed', payload: { signedIn: false } }]);
    expect(await call('auth:current', {})).toEqual({ ok: true, value: { actor: null, idleMinutes: 15 } });
    expect(await call('auth:signIn', { username: 'ilze', password: 'nepareiza parole' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('run the register: create, list, open (audited), update, guardians', async () => {
    await call('org:setUp', { profile, coordinator });
    const created = await call('students:create', {
      firstName: 'Jānis',
      lastName: 'Bērziņš',
      personalCode: '120311 21230',
      gender: 'male',
      educationLevel: 'general',
      grade: 8,
      classLabel: '8.b',
    });
    expect(created).toMatchObject({
      ok: true,
      value: { student: { personalCode: '120311-21230', version: 1 }, warnings: [{ path: 'personalCode', messageKey: 'warnings.personalCode.checkDigit' }] },
    });
    const id = created.ok ? (created.value as { student: { id: string } }).student.id : '';
    expect(
      await call('students:create', { firstName: 'X', lastName: 'Y', personalCode: '12031121230', gender: 'male', educationLevel: 'general', grade: 8 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { fields: [{ path: 'personalCode', messageKey: 'errors.field.personalCodeTaken' }] } },
    });
    expect(await call('students:list', { query: 'berzins' })).toMatchObject({
      ok: true,
      value: { semesterId: '2025/26-1', rows: [{ id, planStatus: null, riskGroups: [] }] },
    });
    expect(await call('students:get', { id })).toMatchObject({ ok: true, value: { id, guardians: [] } });
    const opens = app.database.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'open' AND entity_id = ?").get(id);
    expect(opens).toEqual({ n: 1 });
    expect(await call('students:setGuardians', { studentId: id, version: 1, guardians: [{ name: 'Ilze Bērziņa', relation: 'mother' }] })).toMatchObject({
      ok: true,
      value: { version: 2 },
    });
    expect(
      await call('students:update', {
        id,
        version: 1,
        firstName: 'Jānis',
        lastName: 'Bērziņš',
        personalCode: '12031121230',
        gender: 'male',
        educationLevel: 'general',
        grade: 9,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'errors.students.changedMeanwhile' },
    });
  });

  it('administer staff, calendar and risks as a coordinator, and refuse the same to a plan author', async () => {
    await call('org:setUp', { profile, coordinator });
    expect(await call('staff:create', { username: 'anna', displayName: 'Anna', password: 'annas parole 1', roles: ['planAuthor'] })).toMatchObject({
      ok: true,
    });
    expect((await call('risks:catalogue', {})).ok).toBe(true);
    const added = await call('risks:add', { group: 'school', labelLv: 'Bieža skolu maiņa', labelEn: 'Frequent school changes' });
    expect(added).toMatchObject({ ok: true, value: { source: 'custom' } });
    const years = await call('calendar:list', {});
    expect(years).toMatchObject({ ok: true, value: [{ id: '2024/25' }, { id: '2025/26' }] });

    await call('auth:signIn', { username: 'anna', password: 'annas parole 1' }, 'w2');
    expect(await call('staff:create', { username: 'x2', displayName: 'X', password: 'xxxxxxxxxxxx', roles: ['readOnly'] }, 'w2')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('risks:retire', { id: 'school.absences' }, 'w2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('org:saveSchoolProfile', { ...profile, name: 'Cits' }, 'w2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('org:saveSchoolProfile', { ...profile, name: 'Cits' }, 'w3')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('org:saveSchoolProfile', { ...profile, name: 'Jauns' }, 'w1')).toMatchObject({ ok: true, value: { name: 'Jauns' } });
  });

  it('sign a user out everywhere when a coordinator resets their password', async () => {
    await call('org:setUp', { profile, coordinator });
    const anna = await call('staff:create', { username: 'anna', displayName: 'Anna', password: 'annas parole 1', roles: ['planAuthor'] });
    const annaId = anna.ok ? (anna.value as { id: string }).id : '';
    await call('auth:signIn', { username: 'anna', password: 'annas parole 1' }, 'w2');
    expect(await call('staff:resetPassword', { id: annaId, password: 'jauna parole 22' })).toEqual({ ok: true, value: {} });
    expect(await call('students:list', {}, 'w2')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('auth:signIn', { username: 'anna', password: 'jauna parole 22' }, 'w2')).toMatchObject({ ok: true });
  });

  it('refuse the school profile before set-up and point to org:setUp', async () => {
    expect(await call('org:saveSchoolProfile', profile)).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP', messageKey: 'errors.org.useSetUp' } });
    expect(await call('org:get', {})).toEqual({ ok: true, value: null });
    expect(await call('org:setUp', { profile, coordinator })).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/connection';
import type { Clock } from '../../ports/clock';
import { hashPassword } from './password-hash';
import { SessionService } from './session-service';
import { SettingsService } from '../school/settings-service';
import { insertStaffUser } from './staff-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'pareizā parole';

let database: OpenedDatabase;
let nowMs: number;
const clock: Clock = { now: () => new Date(nowMs) };
const minutes = (n: number) => {
  nowMs += n * 60_000;
};
let sessions: SessionService;
let userId: string;

useTempDatabase('test', async (opened) => {
  nowMs = Date.parse('2025-10-01T10:00:00Z');
  database = opened;
  sessions = new SessionService(database.db, clock, new SettingsService(database.db, clock), FAST);
  userId = await insertStaffUser(
    database.db,
    { username: 'anna', displayName: 'Anna', passwordHash: await hashPassword(PASSWORD, FAST), roles: ['planAuthor'], specialistKind: null },
    clock.now(),
  );
});

const audit = () => database.db.selectFrom('audit_log').select(['action', 'entity_id', 'detail']).orderBy('id').execute();

describe('signing in', () => {
  it('signs in with the right password, per client, and audits it', async () => {
    const actor = await sessions.signIn('window-1', 'ANNA', PASSWORD);
    expect(actor).toEqual({ userId, name: 'Anna', roles: ['planAuthor'] });
    expect((await sessions.current('window-1')).actor).toEqual(actor);
    expect((await sessions.current('window-2')).actor).toBeNull();
    expect(await audit()).toEqual([{ action: 'signIn', entity_id: userId, detail: '{}' }]);
  });

  it('refuses a wrong password and an unknown user alike, without storing what was typed', async () => {
    await expect(sessions.signIn('w', 'anna', 'nepareizā parole')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      messageKey: 'errors.code.INVALID_CREDENTIALS',
    });
    await expect(sessions.signIn('w', 'nav-tāda', PASSWORD)).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      messageKey: 'errors.code.INVALID_CREDENTIALS',
    });
    const rows = await database.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['signInFailed', userId],
      ['signInFailed', 'unknown'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/nav-tāda|parole/);
    expect((await sessions.current('w')).actor).toBeNull();
  });

  it('locks the account after 5 failures in a row, even for the right password: 30 s, doubling per further failure, capped at auth.lockoutMinutes', async () => {
    const seconds = (n: number) => {
      nowMs += n * 1000;
    };
    for (let i = 0; i < 4; i++)
      await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.code.INVALID_CREDENTIALS' });
    await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      messageKey: 'errors.auth.lockedOut',
      details: { params: { minutes: 1 } },
    });
    const lockedFor = async () =>
      Date.parse((await database.db.selectFrom('staff_user').select('locked_until').executeTakeFirstOrThrow()).locked_until ?? '') - nowMs;
    expect(await lockedFor()).toBe(30_000);
    seconds(20);
    await expect(sessions.signIn('w', 'anna', PASSWORD)).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
    // Failures while locked do not lengthen the lock.
    await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
    expect(await lockedFor()).toBe(10_000);
    // Each failure after a lock has run out doubles it, up to 5 minutes.
    for (const expected of [60_000, 120_000, 240_000, 300_000, 300_000]) {
      seconds(301);
      await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
      expect(await lockedFor()).toBe(expected);
    }
    seconds(299);
    await expect(sessions.signIn('w', 'anna', PASSWORD)).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut', details: { params: { minutes: 1 } } });
    seconds(1.01);
    await expect(sessions.signIn('w', 'anna', PASSWORD)).resolves.toMatchObject({ userId });
    // A success resets the count: the next lock is short again.
    for (let i = 0; i < 5; i++) await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toThrow();
    expect(await lockedFor()).toBe(30_000);
  });

  it('never locks longer than 15 minutes, whatever is stored as auth.lockoutMinutes', async () => {
    await database.db.insertInto('setting').values({ key: 'auth.lockoutMinutes', value: '1440', updated_at: 'x' }).execute();
    for (let i = 0; i < 30; i++) {
      minutes(16);
      await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toThrow();
    }
    const row = await database.db.selectFrom('staff_user').select('locked_until').executeTakeFirstOrThrow();
    expect(Date.parse(row.locked_until ?? '') - nowMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it('answers a name that is no account exactly like a real one: locked out after the same failures, for as long', async () => {
    const outcome = async (name: string) => {
      try {
        await sessions.signIn('w', name, 'nepareizi!!');
        return 'signed in';
      } catch (err) {
        const e = err as { code: string; messageKey: string; details?: unknown };
        return { code: e.code, messageKey: e.messageKey, details: e.details };
      }
    };
    for (let i = 0; i < 8; i++) {
      const real = await outcome('anna');
      const unknown = await outcome('nav-tāda');
      expect(unknown, `attempt ${i + 1}`).toEqual(real);
      minutes(i === 5 ? 2 : 0);
    }
    expect(await outcome('nav-tāda')).toMatchObject({ messageKey: 'errors.auth.lockedOut' });
    const rows = await database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/nav-tāda/);
  });

  it('counts failures made at the same time (a hostile window guessing in parallel)', async () => {
    const guesses = Array.from({ length: 8 }, (_, i) => sessions.signIn(`w${i}`, i % 2 ? 'ANNA' : 'anna', `nepareizi ${i}!!`));
    expect((await Promise.allSettled(guesses)).every((r) => r.status === 'rejected')).toBe(true);
    await expect(sessions.signIn('w', 'anna', PASSWORD)).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
  });

  it('counts failures per account whatever the casing of the user name', async () => {
    for (const name of ['anna', 'ANNA', 'Anna', 'aNNa'])
      await expect(sessions.signIn('w', name, 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.code.INVALID_CREDENTIALS' });
    await expect(sessions.signIn('w', ' AnNa ', 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
    await expect(sessions.signIn('w', 'ANNA', PASSWORD)).rejects.toMatchObject({ messageKey: 'errors.auth.lockedOut' });
  });

  it('stores one spelling of a Latvian user name: Ā and ā (or a decomposed ā) are one account', async () => {
    const hash = await hashPassword(PASSWORD, FAST);
    const adams = await insertStaffUser(
      database.db,
      { username: ' ĀDAMS ', displayName: 'Ādams', passwordHash: hash, roles: ['readOnly'], specialistKind: null },
      clock.now(),
    );
    expect(await database.db.selectFrom('staff_user').select('username').where('id', '=', adams).executeTakeFirstOrThrow()).toEqual({ username: 'ādams' });
    const decomposed = 'a\u0304dams';
    for (const name of ['ādams', 'ĀDAMS', 'Ādams', decomposed, decomposed.toUpperCase()]) {
      await expect(
        insertStaffUser(database.db, { username: name, displayName: 'Cits', passwordHash: hash, roles: ['readOnly'], specialistKind: null }, clock.now()),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect((await sessions.signIn(`w-${name}`, name, PASSWORD)).userId).toBe(adams);
    }
  });

  it('still finds an old account whose name could not be normalised, by its exact spelling', async () => {
    await database.db
      .insertInto('staff_user')
      .values({ id: 'old', username: 'ĒRIKA', display_name: 'Ē', password_hash: await hashPassword(PASSWORD, FAST), created_at: 'x', updated_at: 'x' })
      .execute();
    expect((await sessions.signIn('w', 'ĒRIKA', PASSWORD)).userId).toBe('old');
  });

  it('counts only failures in a row: a success resets the count', async () => {
    for (let i = 0; i < 4; i++) await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toThrow();
    await sessions.signIn('w', 'anna', PASSWORD);
    for (let i = 0; i < 4; i++)
      await expect(sessions.signIn('w', 'anna', 'nepareizi!!')).rejects.toMatchObject({ messageKey: 'errors.code.INVALID_CREDENTIALS' });
  });

  it('refuses a deactivated account', async () => {
    await database.db.updateTable('staff_user').set({ active: 0 }).execute();
    await expect(sessions.signIn('w', 'anna', PASSWORD)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('upgrades a hash made with old parameters at sign-in', async () => {
    const stronger = new SessionService(database.db, clock, new SettingsService(database.db, clock), { N: 2 ** 11, r: 8, p: 1 });
    await stronger.signIn('w', 'anna', PASSWORD);
    const row = await database.db.selectFrom('staff_user').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('scrypt$N=2048,')).toBe(true);
    await expect(stronger.signIn('w2', 'anna', PASSWORD)).resolves.toMatchObject({ userId });
  });
});

describe('sessions', () => {
  it('end after the idle timeout, which activity keeps pushing back', async () => {
    await sessions.signIn('w', 'anna', PASSWORD);
    minutes(14);
    await expect(sessions.requireActor('w')).resolves.toMatchObject({ userId });
    minutes(14);
    expect((await sessions.current('w')).actor).not.toBeNull();
    minutes(2);
    expect(await sessions.current('w')).toEqual({ actor: null, idleMinutes: 15, expired: true });
    await expect(sessions.requireActor('w')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await audit()).pop()).toEqual({ action: 'signOut', entity_id: userId, detail: '{"reason":"idle"}' });
  });

  it('read the idle timeout from the session.idleMinutes setting', async () => {
    await database.db.insertInto('setting').values({ key: 'session.idleMinutes', value: '5', updated_at: 'x' }).execute();
    await sessions.signIn('w', 'anna', PASSWORD);
    minutes(6);
    expect(await sessions.current('w')).toMatchObject({ actor: null, idleMinutes: 5, expired: true });
  });

  it('end at sign-out, and at once when the account is deactivated', async () => {
    await sessions.signIn('w', 'anna', PASSWORD);
    expect(await sessions.signOut('w')).toBe(true);
    expect(await sessions.signOut('w')).toBe(false);
    expect((await sessions.current('w')).actor).toBeNull();
    await sessions.signIn('w', 'anna', PASSWORD);
    await database.db.updateTable('staff_user').set({ active: 0 }).execute();
    await expect(sessions.requireActor('w')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('pick up role changes on the next call', async () => {
    await sessions.signIn('w', 'anna', PASSWORD);
    await database.db.insertInto('staff_role').values({ user_id: userId, role: 'director' }).execute();
    expect((await sessions.requireActor('w')).roles).toEqual(['director', 'planAuthor']);
  });
});

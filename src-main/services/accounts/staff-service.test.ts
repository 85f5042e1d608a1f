import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/domain/roles';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { hashPassword, verifyPassword } from './password-hash';
import { StaffService, insertStaffUser } from './staff-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const clock = fixedClock('2025-10-01T10:00:00Z');

let database: OpenedDatabase;
let staff: StaffService;
let coordinator: Actor;
useTempDatabase('test', async (opened) => {
  database = opened;
  staff = new StaffService(database.db, clock, FAST);
  const id = await insertStaffUser(
    database.db,
    { username: 'ilze', displayName: 'Ilze', passwordHash: await hashPassword('pirmā parole', FAST), roles: ['coordinator'], specialistKind: null },
    clock.now(),
  );
  coordinator = { userId: id, name: 'Ilze', roles: ['coordinator'] };
});

const newUser = { username: 'anna', displayName: 'Anna Audzinātāja', password: 'garā parole 1', roles: ['planAuthor' as const] };

describe('StaffService', () => {
  it('creates an account with a hashed password, never returning it, and audits it', async () => {
    const member = await staff.create(coordinator, newUser);
    expect(member).toMatchObject({ username: 'anna', displayName: 'Anna Audzinātāja', roles: ['planAuthor'], active: true, specialistKind: null });
    expect(JSON.stringify(member)).not.toContain('parole');
    const row = await database.db.selectFrom('staff_user').select('password_hash').where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('garā parole 1', row.password_hash)).toBe(true);
    const audit = await database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toMatchObject([{ action: 'create', entity: 'staff_user', entity_id: member.id, detail: '{"roles":["planAuthor"]}' }]);
    expect(audit[0]?.detail).not.toContain('parole');
  });

  it('refuses a short password, a taken user name (in any case) and an account without roles', async () => {
    await expect(staff.create(coordinator, { ...newUser, password: 'īsa' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'password', messageKey: 'errors.field.passwordTooShort' }] },
    });
    await expect(staff.create(coordinator, { ...newUser, username: 'ILZE' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fields: [{ path: 'username', messageKey: 'errors.field.usernameTaken' }] },
    });
    await expect(staff.create(coordinator, { ...newUser, roles: [] })).rejects.toMatchObject({
      details: { fields: [{ path: 'roles', messageKey: 'errors.field.rolesRequired' }] },
    });
  });

  it('lets only a coordinator administer accounts', async () => {
    const anna = await staff.create(coordinator, newUser);
    const author: Actor = { userId: anna.id, name: 'Anna', roles: ['planAuthor'] };
    await expect(staff.create(author, { ...newUser, username: 'other' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(staff.update(author, { id: anna.id, roles: ['coordinator'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(staff.resetPassword(author, coordinator.userId, 'jauna parole 123')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await staff.list(author)).length).toBe(2);
  });

  it('lists people in Latvian order (Elīna before Elza, Čaks after Cēsis), active first', async () => {
    for (const [username, displayName] of [
      ['elza', 'Elza Ozola'],
      ['elina', 'Elīna Kalna'],
      ['caks', 'Čaks Aleksandrs'],
      ['cesis', 'Cēsis Bērziņš'],
    ]) {
      await staff.create(coordinator, { ...newUser, username: username as string, displayName: displayName as string });
    }
    const list = await staff.list(coordinator);
    expect(list.map((m) => m.displayName)).toEqual(['Cēsis Bērziņš', 'Čaks Aleksandrs', 'Elīna Kalna', 'Elza Ozola', 'Ilze']);
  });

  it('changes roles and deactivates, never deletes', async () => {
    const anna = await staff.create(coordinator, newUser);
    const updated = await staff.update(coordinator, { id: anna.id, roles: ['planAuthor', 'specialist'], specialistKind: 'psychologist' });
    expect(updated).toMatchObject({ roles: ['planAuthor', 'specialist'], specialistKind: 'psychologist' });
    const off = await staff.update(coordinator, { id: anna.id, active: false });
    expect(off.active).toBe(false);
    expect((await staff.list(coordinator)).map((m) => [m.username, m.active])).toEqual([
      ['ilze', true],
      ['anna', false],
    ]);
  });

  it('keeps at least one active coordinator: the last cannot be deactivated or lose the role', async () => {
    await expect(staff.update(coordinator, { id: coordinator.userId, active: false })).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.staff.lastCoordinator',
    });
    await expect(staff.update(coordinator, { id: coordinator.userId, roles: ['planAuthor'] })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    expect(await staff.get(coordinator, coordinator.userId)).toMatchObject({ active: true, roles: ['coordinator'] });
    // with a second coordinator, the first may step down
    const anna = await staff.create(coordinator, { ...newUser, roles: ['coordinator'] });
    await staff.update(coordinator, { id: coordinator.userId, roles: ['director'] });
    await expect(staff.update(coordinator, { id: anna.id, active: false })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
  });

  it('resets a password and lifts a lockout', async () => {
    const anna = await staff.create(coordinator, newUser);
    await database.db.updateTable('staff_user').set({ failed_attempts: 3, locked_until: '2025-10-01T10:04:00.000Z' }).where('id', '=', anna.id).execute();
    expect((await staff.get(coordinator, anna.id)).lockedUntil).toBe('2025-10-01T10:04:00.000Z');
    await staff.resetPassword(coordinator, anna.id, 'jauna parole 123');
    const row = await database.db.selectFrom('staff_user').selectAll().where('id', '=', anna.id).executeTakeFirstOrThrow();
    expect(await verifyPassword('jauna parole 123', row.password_hash)).toBe(true);
    expect([row.failed_attempts, row.locked_until]).toEqual([0, null]);
    await expect(staff.resetPassword(coordinator, anna.id, 'short')).rejects.toMatchObject({
      details: { fields: [{ path: 'password', messageKey: 'errors.field.passwordTooShort' }] },
    });
    await expect(staff.resetPassword(coordinator, 'nobody', 'jauna parole 123')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { SettingsService, loadPolicyFile } from './settings-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const clock = fixedClock('2025-10-01T10:00:00Z');
const coordinator = { userId: 'u1', name: 'K', roles: ['coordinator' as const] };
const author = { userId: 'u2', name: 'A', roles: ['planAuthor' as const] };

let folder: string;
let database: OpenedDatabase;
useTempDatabase('test', (opened, dir) => {
  database = opened;
  folder = dir;
});

describe('SettingsService', () => {
  it('gives the default until a value is stored, then the stored value', async () => {
    const settings = new SettingsService(database.db, clock);
    expect(await settings.explain('session.idleMinutes')).toEqual({ value: 15, source: 'default' });
    await settings.set(coordinator, 'session.idleMinutes', 30);
    expect(await settings.explain('session.idleMinutes')).toEqual({ value: 30, source: 'stored' });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).execute();
    expect(audit).toEqual([{ action: 'update', entity: 'setting', entity_id: 'session.idleMinutes' }]);
  });

  it('lets the admin policy win over the stored value, and refuses to change a key the policy fixes', async () => {
    await new SettingsService(database.db, clock).set(coordinator, 'session.idleMinutes', 30);
    const settings = new SettingsService(database.db, clock, { 'session.idleMinutes': 5 });
    expect(await settings.explain('session.idleMinutes')).toEqual({ value: 5, source: 'policy' });
    await expect(settings.set(coordinator, 'session.idleMinutes', 60)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.settings.setByPolicy',
    });
  });

  it('ignores a stored value that no longer parses', async () => {
    await database.db.insertInto('setting').values({ key: 'session.idleMinutes', value: '"soon"', updated_at: 'x' }).execute();
    expect(await new SettingsService(database.db, clock).get('session.idleMinutes')).toBe(15);
  });

  it('lets only a coordinator change settings, and only to valid values', async () => {
    const settings = new SettingsService(database.db, clock);
    await expect(settings.set(author, 'session.idleMinutes', 30)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(settings.set(coordinator, 'session.idleMinutes', 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await settings.get('session.idleMinutes')).toBe(15);
  });

  it('reads a policy file, and treats a missing one as no policy', async () => {
    const file = join(folder, 'policy.json');
    expect(await loadPolicyFile(file)).toEqual({});
    await writeFile(file, '{"session.idleMinutes": 10}');
    expect(await loadPolicyFile(file)).toEqual({ 'session.idleMinutes': 10 });
    await writeFile(file, '[1]');
    await expect(loadPolicyFile(file)).rejects.toThrow(/not a JSON object/);
    await writeFile(file, `{${' '.repeat(300 * 1024)}}`);
    await expect(loadPolicyFile(file)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    await expect(loadPolicyFile('/dev/zero')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});

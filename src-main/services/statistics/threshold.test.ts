import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { SettingsService } from '../school/settings-service';
import { statisticsThreshold } from './threshold';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const clock = fixedClock('2026-10-01T10:00:00Z');
const coordinator = { userId: 'u1', name: 'K', roles: ['coordinator' as const] };

let database: OpenedDatabase;
useTempDatabase('test', (opened) => {
  database = opened;
});

describe('statistics threshold setting', () => {
  it('is 5 until the coordinator sets it; the statistics read what was set, and the change is audited', async () => {
    const settings = new SettingsService(database.db, clock);
    expect(await statisticsThreshold(database.db)).toBe(5);
    await settings.set(coordinator, 'statistics.threshold', 8);
    expect(await statisticsThreshold(database.db)).toBe(8);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).execute();
    expect(audit).toEqual([{ action: 'update', entity: 'setting', entity_id: 'statistics.threshold' }]);
  });

  it('refuses 1, 0, 51 and fractions; a stored value out of range counts as not set', async () => {
    const settings = new SettingsService(database.db, clock);
    for (const bad of [1, 0, 51, 2.5]) {
      await expect(settings.set(coordinator, 'statistics.threshold', bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await statisticsThreshold(database.db)).toBe(5);
    await database.db.insertInto('setting').values({ key: 'statistics.threshold', value: '1', updated_at: 'x' }).execute();
    expect(await statisticsThreshold(database.db)).toBe(5);
    await database.db.updateTable('setting').set({ value: 'not json' }).where('key', '=', 'statistics.threshold').execute();
    expect(await statisticsThreshold(database.db)).toBe(5);
    await database.db.updateTable('setting').set({ value: '2' }).where('key', '=', 'statistics.threshold').execute();
    expect(await statisticsThreshold(database.db)).toBe(2);
  });

  it("IT's policy value wins over the stored one, unless it is out of range", async () => {
    await database.db.insertInto('setting').values({ key: 'statistics.threshold', value: '8', updated_at: 'x' }).execute();
    expect(await statisticsThreshold(database.db, 10)).toBe(10);
    expect(await statisticsThreshold(database.db, 1)).toBe(8);
    expect(await statisticsThreshold(database.db, undefined)).toBe(8);
  });
});

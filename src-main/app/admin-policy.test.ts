import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';
import { fixedClock } from '../ports/clock';
import { createScriptedDialogs } from '../ports/dialogs';
import { silentLogger, type Logger } from '../ports/logger';
import { pathsFor } from '../ports/paths';
import { createFileSecretStore } from '../ports/secret-store';
import { loadAdminPolicy } from './admin-policy';
import { createApp } from './create-app';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

function recording(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { info() {}, warn() {}, error: (event) => errors.push(event), errors };
}

describe('the admin policy for settings', () => {
  it('keeps only setting keys, and a missing file is no policy', async () => {
    const file = join(tmp.dir, 'policy.json');
    expect(await loadAdminPolicy(file, silentLogger)).toEqual({});
    await writeFile(file, JSON.stringify({ 'session.idleMinutes': 10, updates: { enabled: false }, other: 1 }));
    expect(await loadAdminPolicy(file, silentLogger)).toEqual({ 'session.idleMinutes': 10 });
  });

  it('ignores a broken file (logged) so the app still starts', async () => {
    const file = join(tmp.dir, 'policy.json');
    await writeFile(file, '{ not json');
    const log = recording();
    expect(await loadAdminPolicy(file, log)).toEqual({});
    expect(log.errors).toEqual(['policy.unreadable']);
  });

  it('wins over the stored value in the running app, which then refuses to change it', async () => {
    const paths = pathsFor(join(tmp.dir, 'data'), 'resources');
    const app = await createApp({
      paths,
      clock: fixedClock('2025-10-15T10:00:00Z'),
      log: silentLogger,
      secrets: createFileSecretStore(paths.secretsDir),
      dialogs: createScriptedDialogs(),
      appVersion: 'test',
      policy: { 'session.idleMinutes': 7, 'statistics.threshold': 9 },
    });
    try {
      expect(await app.services.settings.explain('session.idleMinutes')).toEqual({ value: 7, source: 'policy' });
      // The statistics read the policy's threshold too (every table and export asks authorityStatistics.threshold()).
      expect(await app.services.settings.explain('statistics.threshold')).toEqual({ value: 9, source: 'policy' });
      expect(await app.services.authorityStatistics.threshold()).toBe(9);
      const coordinator = { userId: 'u', name: 'K', roles: ['coordinator' as const] };
      await expect(app.services.settings.set(coordinator, 'session.idleMinutes', 30)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    } finally {
      await app.close();
    }
  });
});

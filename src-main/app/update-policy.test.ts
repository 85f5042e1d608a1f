import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noopUpdater } from '../ports/updater';
import { adminPolicyFile, decideUpdates, readUpdatePolicy } from './update-policy';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pumpurs-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policy(name: string, text: string) {
  const file = join(dir, name);
  await writeFile(file, text);
  return readUpdatePolicy(file);
}

describe('adminPolicyFile', () => {
  it('is a machine-wide, admin-owned location per platform', () => {
    expect(adminPolicyFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe(join('D:\\ProgramData', 'PuMPuRS', 'policy.json'));
    expect(adminPolicyFile('linux', {})).toBe('/etc/pumpurs/policy.json');
    expect(adminPolicyFile('darwin', {})).toBe('/Library/Application Support/PuMPuRS/policy.json');
  });
});

describe('readUpdatePolicy', () => {
  it('reports a missing file as absent', async () => {
    expect(await readUpdatePolicy(join(dir, 'nope.json'))).toEqual({ kind: 'absent' });
  });

  it('reads updates.enabled and ignores other settings', async () => {
    expect(await policy('off.json', '{"updates":{"enabled":false},"language":"lv"}')).toEqual({ kind: 'read', updatesEnabled: false });
    expect(await policy('on.json', '\uFEFF{"updates":{"enabled":true}}')).toEqual({ kind: 'read', updatesEnabled: true });
    expect(await policy('other.json', '{"language":"lv"}')).toEqual({ kind: 'read', updatesEnabled: undefined });
  });

  it('reports broken files as invalid', async () => {
    expect((await policy('bad.json', '{updates: off}')).kind).toBe('invalid');
    expect((await policy('wrong.json', '{"updates":{"enabled":"no"}}')).kind).toBe('invalid');
    expect(await policy('huge.json', `{"updates":{"enabled":false}${' '.repeat(300 * 1024)}}`)).toEqual({ kind: 'invalid', problem: 'cannot read: FILE_TOO_LARGE' });
    expect(await readUpdatePolicy('/dev/zero')).toEqual({ kind: 'invalid', problem: 'cannot read: FILE_TOO_LARGE' });
  });
});

describe('decideUpdates', () => {
  it('updates by default', () => {
    expect(decideUpdates({}, { kind: 'absent' })).toEqual({ enabled: true });
    expect(decideUpdates({}, { kind: 'read', updatesEnabled: undefined })).toEqual({ enabled: true });
    expect(decideUpdates({}, { kind: 'read', updatesEnabled: true })).toEqual({ enabled: true });
  });

  it('turns updates off by environment variable, whatever the policy says', () => {
    expect(decideUpdates({ PUMPURS_DISABLE_UPDATES: '1' }, { kind: 'read', updatesEnabled: true })).toEqual({ enabled: false, reason: 'env' });
  });

  it('turns updates off by policy, and when the policy file is broken', () => {
    expect(decideUpdates({}, { kind: 'read', updatesEnabled: false })).toEqual({ enabled: false, reason: 'policy' });
    expect(decideUpdates({}, { kind: 'invalid', problem: 'not JSON' })).toEqual({ enabled: false, reason: 'policy-invalid' });
  });

  it('does not let the policy turn updates on against the environment variable', () => {
    expect(decideUpdates({ PUMPURS_DISABLE_UPDATES: '0' }, { kind: 'read', updatesEnabled: false }).enabled).toBe(false);
  });
});

describe('noopUpdater', () => {
  it('does nothing', async () => {
    await expect(noopUpdater.start()).resolves.toBeUndefined();
  });
});

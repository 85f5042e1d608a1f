import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noopUpdater } from '../ports/updater';
import { adminPolicyFile, decideUpdates, readUpdatePolicy, registryUpdatesEnabled } from './update-policy';
import { parseRegQuery, registryPolicy } from './windows-registry-policy';

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
    expect(await policy('huge.json', `{"updates":{"enabled":false}${' '.repeat(300 * 1024)}}`)).toEqual({
      kind: 'invalid',
      problem: 'cannot read: FILE_TOO_LARGE',
    });
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

describe('Group Policy UpdatesEnabled (Windows registry)', () => {
  const here = import.meta.dirname;
  // reg query's output format, as in windows-registry-policy.test.ts (HKLM sets UpdatesEnabled = 0).
  const hklm = readFileSync(join(here, 'testing', 'reg-query-hklm.txt'), 'utf8');
  const hkcu = readFileSync(join(here, 'testing', 'reg-query-hkcu.txt'), 'utf8');

  it('turns updates off from the registry output IT set, even when the policy file allows them', () => {
    const registry = registryPolicy(parseRegQuery(hklm), parseRegQuery(hkcu), {});
    expect(registryUpdatesEnabled(registry.policy)).toBe(false);
    expect(decideUpdates({}, { kind: 'read', updatesEnabled: true }, registryUpdatesEnabled(registry.policy))).toEqual({ enabled: false, reason: 'registry' });
    expect(decideUpdates({}, { kind: 'absent' }, registryUpdatesEnabled(registry.policy))).toEqual({ enabled: false, reason: 'registry' });
  });

  it('UpdatesEnabled = 1 (HKCU when the machine leaves it unset) does not override a policy file that turns updates off', () => {
    const user = parseRegQuery('\r\nHKEY_CURRENT_USER\\SOFTWARE\\Policies\\PuMPuRS\r\n    UpdatesEnabled    REG_DWORD    0x1\r\n\r\n');
    const registry = registryPolicy(new Map(), user, {});
    expect(registryUpdatesEnabled(registry.policy)).toBe(true);
    expect(decideUpdates({}, { kind: 'absent' }, true)).toEqual({ enabled: true });
    expect(decideUpdates({}, { kind: 'read', updatesEnabled: false }, true)).toEqual({ enabled: false, reason: 'policy' });
  });

  it('no registry policy (not Windows, or nothing set) leaves the decision to the file and the environment', () => {
    expect(registryUpdatesEnabled(null)).toBeUndefined();
    expect(registryUpdatesEnabled({ 'session.idleMinutes': 10 })).toBeUndefined();
    expect(decideUpdates({}, { kind: 'absent' }, registryUpdatesEnabled(null))).toEqual({ enabled: true });
  });

  it('the Electron side hands the registry policy to the updater, which decides with it (checked statically: no Electron here)', () => {
    const main = readFileSync(join(here, '..', 'electron', 'main.ts'), 'utf8');
    const updater = readFileSync(join(here, '..', 'electron', 'updater.ts'), 'utf8');
    expect(main).toMatch(/const registry =\s+process\.platform === 'win32' \? readRegistryPolicy\(/);
    expect(main).toMatch(/createElectronUpdater\(\{[^}]*registryPolicy: registry\?\.policy \?\? null[^}]*\}\)/);
    expect(updater).toMatch(/decideUpdates\(options\.env, policy, registryUpdatesEnabled\(options\.registryPolicy\)\)/);
    // And the decision comes before electron-updater is touched.
    expect(updater.indexOf('decideUpdates(')).toBeLessThan(updater.indexOf('electronUpdater;'));
  });
});

describe('noopUpdater', () => {
  it('does nothing', async () => {
    await expect(noopUpdater.start()).resolves.toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSettingKey } from '../../src-shared/domain/settings';
import { parseRegQuery, readRegistryPolicy, registryPolicy } from './windows-registry-policy';

const here = import.meta.dirname;
// reg query's output format (CRLF, four-space columns), written by hand: no Windows machine here to record it on.
const hklm = readFileSync(join(here, 'testing', 'reg-query-hklm.txt'), 'utf8');
const hkcu = readFileSync(join(here, 'testing', 'reg-query-hkcu.txt'), 'utf8');
const env = { ProgramData: 'C:\\ProgramData' };

describe('the Windows registry policy', () => {
  it('parses reg query output', () => {
    const values = parseRegQuery(hklm);
    expect(values.get('session.idleMinutes')).toEqual({ type: 'REG_DWORD', data: '0xa' });
    expect(values.get('DataDir')).toEqual({ type: 'REG_EXPAND_SZ', data: '%ProgramData%\\PuMPuRS' });
    expect(values.size).toBe(4);
  });

  it('takes the machine’s values over the user’s, expands the data folder, and reports what it ignores', () => {
    const result = registryPolicy(parseRegQuery(hklm), parseRegQuery(hkcu), env);
    expect(result.policy).toEqual({ 'session.idleMinutes': 10, updates: { enabled: false }, 'auth.maxFailedAttempts': 3 });
    expect(result.dataDir).toBe('C:\\ProgramData\\PuMPuRS');
    expect(result.ignored).toEqual(['HKLM\\auth.lockoutMinutes: not a DWORD', 'HKCU\\Colour: unknown']);
  });

  it('is empty when the keys do not exist (reg exits 1)', () => {
    const result = readRegistryPolicy(() => {
      throw new Error('ERROR: The system was unable to find the specified registry key or value.');
    }, env);
    expect(result).toEqual({ policy: {}, ignored: [] });
    expect(readRegistryPolicy((args) => (args[1]?.startsWith('HKLM') ? hklm : ''), env).dataDir).toBe('C:\\ProgramData\\PuMPuRS');
  });

  it('refuses a relative data folder', () => {
    const result = registryPolicy(parseRegQuery('    DataDir    REG_SZ    PuMPuRS\r\n'), new Map(), env);
    expect(result.dataDir).toBeUndefined();
    expect(result.ignored).toEqual(['HKLM\\DataDir: not an absolute folder']);
  });

  it('ADMX and both ADML templates name the same values the reader knows, with every string in Latvian and English', () => {
    const dir = join(here, '..', '..', 'resources', 'policy-templates');
    const admx = readFileSync(join(dir, 'pumpurs.admx'), 'utf8');
    const valueNames = [...admx.matchAll(/valueName="([^"]+)"/g)].map((m) => m[1] as string);
    expect(valueNames.sort()).toEqual([
      'DataDir',
      'UpdatesEnabled',
      'auth.lockoutMinutes',
      'auth.maxFailedAttempts',
      'backups.keep',
      'retention.yearsAfterLeaving',
      'session.idleMinutes',
    ]);
    for (const name of valueNames) expect(name === 'DataDir' || name === 'UpdatesEnabled' || isSettingKey(name), name).toBe(true);
    const strings = new Set([...admx.matchAll(/\$\(string\.([^)]+)\)/g)].map((m) => m[1]));
    const presentations = new Set([...admx.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((m) => m[1]));
    for (const lang of ['en-US', 'lv-LV']) {
      const adml = readFileSync(join(dir, lang, 'pumpurs.adml'), 'utf8');
      const defined = new Set([...adml.matchAll(/<string id="([^"]+)">/g)].map((m) => m[1]));
      const shown = new Set([...adml.matchAll(/<presentation id="([^"]+)">/g)].map((m) => m[1]));
      expect(
        [...strings].filter((s) => !defined.has(s)),
        lang,
      ).toEqual([]);
      expect(
        [...presentations].filter((s) => !shown.has(s)),
        lang,
      ).toEqual([]);
    }
  });
});

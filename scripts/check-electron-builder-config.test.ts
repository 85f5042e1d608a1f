import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const script = join(import.meta.dirname, 'check-electron-builder-config.mjs');
const realConfig = join(import.meta.dirname, '..', 'electron-builder.yml');

function check(config?: string) {
  const result = spawnSync(process.execPath, [script, ...(config ? ['--config', config] : [])], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pumpurs-builder-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function variant(name: string, edit: (text: string) => string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, edit(await readFile(realConfig, 'utf8')));
  return file;
}

describe('check-electron-builder-config', () => {
  it('accepts the real electron-builder.yml', () => {
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toContain('valid');
  });

  it('fails on a misspelt key, naming the key and its line', async () => {
    const file = await variant('typo.yml', (t) => t.replace('  perMachine: true\n  allowElevation', '  perMachin: true\n  allowElevation'));
    const { code, err } = check(file);
    expect(code).toBe(1);
    expect(err).toMatch(/typo\.yml:\d+ \/nsis: unknown key "perMachin"/);
  });

  it('fails on an unknown top-level key and on a wrongly typed fuse', async () => {
    const file = await variant('bad.yml', (t) => `${t.replace('runAsNode: false', 'runAsNode: "no"')}\nelectronFusez: {}\n`);
    const { code, err } = check(file);
    expect(code).toBe(1);
    expect(err).toContain('unknown key "electronFusez"');
    expect(err).toContain('/electronFuses/runAsNode: must be boolean');
  });

  it('fails on YAML that does not parse', async () => {
    const file = join(dir, 'broken.yml');
    await writeFile(file, 'appId: [\n');
    expect(check(file).code).toBe(1);
  });
});

describe('electron-builder.yml', () => {
  it('packages what the shell needs, with the production fuses', async () => {
    const config = parse(await readFile(realConfig, 'utf8')) as Record<string, unknown>;
    expect(config.appId).toBe('lv.pumpurs.desktop');
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*', '!installer/**'] }]);
    expect(config.files).toContain('!dist/main/bridge-server.mjs');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, allowElevation: true, deleteAppDataOnUninstall: false });
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://updates.example.invalid/pumpurs' });
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';
import { startBridgeServer, type BridgeServer } from './bridge-server';

let tmp: TempDir;
let server: BridgeServer;

beforeEach(async () => {
  tmp = await makeTempDir();
  const rendererDir = join(tmp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<html><head><!-- bridge --></head><body>app</body></html>');
  await writeFile(join(tmp.dir, 'secret.txt'), 'outside the renderer folder');
  server = await startBridgeServer({
    dataDir: join(tmp.dir, 'data'),
    rendererDir,
    resourcesDir: resolve('resources'),
    quiet: true,
  });
});
afterEach(async () => {
  await server.close();
  await tmp.remove();
});

const invoke = (channel: unknown, input: unknown) =>
  fetch(`${server.url}/__ipc/invoke`, { method: 'POST', body: JSON.stringify({ channel, input }) }).then((r) => r.json());

describe('the browser test bridge', () => {
  it('serves index.html with the bridge script and the CSP header', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script src="/__bridge.js"></script>');
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(`${server.url}${path}`);
      expect(await res.text()).not.toContain('outside the renderer folder');
    }
  });

  it('runs the real router against a real SQLite file', async () => {
    expect(await invoke('org:get', {})).toEqual({ ok: true, value: null });
    const profile = { name: 'Skola', regNo: '4313900456', municipality: 'Rīga', schoolType: 'general' };
    const coordinator = { username: 'koordinators', displayName: 'Koordinators', password: 'ļoti drošs 123' };
    expect(await invoke('org:setUp', { profile, coordinator })).toMatchObject({ ok: true });
    expect(await invoke('org:get', {})).toMatchObject({ ok: true, value: { name: 'Skola', mode: 'school' } });
    const row = server.app.database.raw.prepare('SELECT name, reg_no FROM organisation').get();
    expect(row).toEqual({ name: 'Skola', reg_no: '4313900456' });
    expect(await invoke('shell:exec', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});

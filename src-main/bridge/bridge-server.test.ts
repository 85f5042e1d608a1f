import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
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

const ownHeaders = () => ({ 'content-type': 'application/json', 'x-pumpurs-bridge-token': server.token });
const invoke = (channel: unknown, input: unknown) =>
  fetch(`${server.url}/__ipc/invoke`, { method: 'POST', headers: ownHeaders(), body: JSON.stringify({ channel, input }) }).then((r) => r.json());
/** A raw HTTP request, so the test controls every header (fetch would not send Host or Origin as told). */
function raw(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolveRequest, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'POST', path: options.path ?? '/__ipc/invoke', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const done = () => resolveRequest({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        res.on('end', done);
        res.on('close', done);
        // an event stream never ends: what came first is enough
        if (res.headers['content-type'] === 'text/event-stream') setTimeout(() => res.destroy(), 100);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
const organisationRows = () => server.app.database.raw.prepare('SELECT count(*) AS n FROM organisation').get();

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
    // Without hashParams the bridge hashes as the app does (DEFAULT_SCRYPT).
    expect(server.app.database.raw.prepare('SELECT password_hash AS hash FROM staff_user').get()).toEqual({
      hash: expect.stringMatching(/^scrypt\$N=131072,r=8,p=1\$/),
    });
  });

  it('calls the same router and session in-process (invoke) as over HTTP: what one does, the other sees', async () => {
    expect(await server.invoke('org:get', {})).toEqual({ ok: true, value: null });
    const profile = { name: 'Skola', regNo: '4313900456', municipality: 'Rīga', schoolType: 'general' };
    const coordinator = { username: 'koordinators', displayName: 'Koordinators', password: 'ļoti drošs 123' };
    expect(await server.invoke('org:setUp', { profile, coordinator })).toMatchObject({ ok: true });
    // Signed in by the in-process call: the HTTP door (the page) has the same session.
    expect(await invoke('org:get', {})).toMatchObject({ ok: true, value: { name: 'Skola', mode: 'school' } });
    expect(await invoke('auth:signOut', {})).toMatchObject({ ok: true });
    expect(await server.invoke('staff:list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    // The same checks as over HTTP: unknown channels and bad input are refused.
    expect(await server.invoke('shell:exec', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await server.invoke('auth:signIn', { username: 5, password: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('hashes passwords with the cheaper scrypt parameters it is given (the e2e suite), and signs in with them', async () => {
    const cheap = await startBridgeServer({
      dataDir: join(tmp.dir, 'cheap'),
      rendererDir: join(tmp.dir, 'renderer'),
      resourcesDir: resolve('resources'),
      quiet: true,
      hashParams: { N: 2 ** 10, r: 8, p: 1 },
    });
    try {
      const call = (channel: string, input: unknown) =>
        fetch(`${cheap.url}/__ipc/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pumpurs-bridge-token': cheap.token },
          body: JSON.stringify({ channel, input }),
        }).then((r) => r.json());
      const coordinator = { username: 'koordinators', displayName: 'Koordinators', password: 'ļoti drošs 123' };
      expect(
        await call('org:setUp', { profile: { name: 'Skola', regNo: '4313900456', municipality: 'Rīga', schoolType: 'general' }, coordinator }),
      ).toMatchObject({ ok: true });
      expect(cheap.app.database.raw.prepare('SELECT password_hash AS hash FROM staff_user').get()).toEqual({
        hash: expect.stringMatching(/^scrypt\$N=1024,r=8,p=1\$/),
      });
      expect(await call('auth:signIn', { username: coordinator.username, password: coordinator.password })).toMatchObject({ ok: true });
      expect(await call('auth:signIn', { username: coordinator.username, password: 'nepareizā parole' })).toMatchObject({ ok: false });
    } finally {
      await cheap.close();
    }
  });
});

describe('the bridge answers only its own page (issue 14.7)', () => {
  const setUp = JSON.stringify({
    channel: 'org:setUp',
    input: {
      profile: { name: 'Pārņemta', regNo: '4313900456', municipality: 'Rīga', schoolType: 'general' },
      coordinator: { username: 'mallory', displayName: 'M', password: 'ļoti drošs 123' },
    },
  });

  it('gives its page the per-run token, in the served index.html', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain(`<meta name="pumpurs-bridge-token" content="${server.token}">`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses another origin, even with the token, and changes nothing', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null']) {
      const res = await raw({ headers: { ...ownHeaders(), origin, host: new URL(server.url).host }, body: setUp });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('own page') } });
    }
    expect(organisationRows()).toEqual({ n: 0 });
  });

  it('refuses a rebound host name (DNS rebinding), also for the page that holds the token', async () => {
    const rebound = `evil.example:${new URL(server.url).port}`;
    expect((await raw({ method: 'GET', path: '/', headers: { host: rebound } })).status).toBe(403);
    expect((await raw({ headers: { ...ownHeaders(), host: rebound, origin: `http://${rebound}` }, body: setUp })).status).toBe(403);
    expect(organisationRows()).toEqual({ n: 0 });
  });

  it('requires the token on every call: invoke, dialogs, events', async () => {
    const host = new URL(server.url).host;
    for (const token of [undefined, '', 'x'.repeat(64), server.token.slice(0, -1)]) {
      const headers = { 'content-type': 'application/json', host, ...(token === undefined ? {} : { 'x-pumpurs-bridge-token': token }) };
      const res = await raw({ headers, body: setUp });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: { message: expect.stringContaining('token') } });
      expect((await raw({ path: '/__test/dialogs', headers, body: '{}' })).status).toBe(403);
    }
    expect((await raw({ method: 'GET', path: '/__ipc/events', headers: { host } })).status).toBe(403);
    expect((await raw({ method: 'GET', path: `/__ipc/events?token=${server.token}`, headers: { host } })).status).toBe(200);
    expect(organisationRows()).toEqual({ n: 0 });
  });

  it('refuses text/plain and form bodies (no CORS preflight for those)', async () => {
    const host = new URL(server.url).host;
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw({ headers: { host, 'content-type': type, 'x-pumpurs-bridge-token': server.token }, body: setUp });
      expect(res.status, type).toBe(415);
    }
    expect((await raw({ headers: { host, 'x-pumpurs-bridge-token': server.token }, body: setUp })).status).toBe(415);
    expect(organisationRows()).toEqual({ n: 0 });
  });

  it('answers bad JSON with a 400 that says so, not an empty 500', async () => {
    for (const body of ['{not json', '', '[1,2]', 'null']) {
      const res = await fetch(`${server.url}/__ipc/invoke`, { method: 'POST', headers: ownHeaders(), body });
      expect(res.status, body).toBe(400);
      const answer = (await res.json()) as { ok: boolean; error: { message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.message).toMatch(/not JSON|JSON object/);
    }
    const dialogs = await fetch(`${server.url}/__test/dialogs`, { method: 'POST', headers: ownHeaders(), body: '{oops' });
    expect(dialogs.status).toBe(400);
  });

  it('its own page, with the token and JSON, works (the same origin may send Origin)', async () => {
    const res = await raw({
      headers: { ...ownHeaders(), host: new URL(server.url).host, origin: server.url },
      body: JSON.stringify({ channel: 'org:get', input: {} }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: null });
  });
});

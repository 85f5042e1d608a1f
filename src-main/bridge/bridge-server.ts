/**
 * The browser test bridge: runs the same app (router, services, a real SQLite
 * file) under plain Node, serves the built renderer, and gives the page the
 * same `window.pumpurs` API that the preload gives it in Electron, over HTTP
 * on 127.0.0.1. For development and end-to-end tests only; never shipped.
 *
 * Any web page open in the developer's browser can send requests to
 * 127.0.0.1, so the API (/__ipc/*, /__test/*) answers only its own page:
 * the Host must be this server (no DNS rebinding), an Origin, when the
 * browser sends one, must be this server's own; every call carries the
 * per-run token (header `x-pumpurs-bridge-token`, or `?token=` for the event
 * stream, which cannot set headers), which the bridge puts into index.html
 * when it serves it (a page of another origin cannot read that); and bodies
 * must be `application/json` (a form or `text/plain` POST, which needs no
 * CORS preflight, is refused). A body that is not JSON gets a 400 that says so.
 *
 *   node dist/main/bridge-server.mjs --data-dir DIR [--port 5178] [--today 2025-10-01]
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApp, type AppInstance } from '../app/create-app';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { contentTypeFor, resolveStaticFile } from '../app/static-files';
import { fixedClock, systemClock } from '../ports/clock';
import { createScriptedDialogs } from '../ports/dialogs';
import { stderrLogger, silentLogger } from '../ports/logger';
import { pathsFor } from '../ports/paths';
import { createFileSecretStore } from '../ports/secret-store';
import type { CallContext } from '../ipc/router';
import { FILE_CAPS, readFileCapped } from '../ports/capped-read';
import type { ScryptParams } from '../services/accounts/password-hash';

export interface BridgeOptions {
  dataDir: string;
  rendererDir: string;
  resourcesDir: string;
  port?: number;
  today?: string;
  appVersion?: string;
  quiet?: boolean;
  /**
   * Cheaper scrypt parameters for password hashes (the e2e suite: each
   * set-up and sign-in would otherwise cost ~0.4 s of a core and 128 MiB).
   * Never from the command line: `npm run dev:bridge` hashes as the app does.
   */
  hashParams?: ScryptParams;
}

export interface BridgeServer {
  url: string;
  /** The per-run token every API call must carry (header TOKEN_HEADER). */
  token: string;
  app: AppInstance;
  /**
   * What `POST /__ipc/invoke` does, without HTTP: the same router and call
   * context (so the page sees the same session and events). For code in the
   * bridge's own process, e.g. e2e specs seeding data: about half the CPU of
   * the HTTP call (docs/performance.md, fifth pass). Not reachable from outside.
   */
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-pumpurs-bridge-token';
const TOKEN_META = 'pumpurs-bridge-token';

/** What the page runs before the app: the same API as the preload's. */
export const BRIDGE_SCRIPT = `(() => {
  const token = document.querySelector('meta[name="${TOKEN_META}"]')?.getAttribute('content') ?? '';
  const listeners = new Map();
  let source = null;
  const listen = () => {
    if (source) return;
    source = new EventSource('/__ipc/events?token=' + encodeURIComponent(token));
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  };
  // Electron's IPC delivers a message once sent, even if the page reloads or
  // closes right after (the lock's sign-out, then a reload). A plain fetch is
  // cancelled with its page; a keepalive fetch is not. Chromium allows 64 KiB
  // of keepalive bodies in flight per page, so only calls that fit (counted
  // at 3 bytes a UTF-16 unit, the most UTF-8 takes) are sent that way.
  const KEEPALIVE_BYTES = 48 * 1024;
  let keptAlive = 0;
  window.pumpurs = Object.freeze({
    invoke: async (channel, input) => {
      const body = JSON.stringify({ channel, input: input === undefined ? null : input });
      const bytes = body.length * 3;
      const keepalive = keptAlive + bytes <= KEEPALIVE_BYTES;
      if (keepalive) keptAlive += bytes;
      try {
        const response = await fetch('/__ipc/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', '${TOKEN_HEADER}': token },
          body,
          keepalive,
        });
        return await response.json();
      } finally {
        if (keepalive) keptAlive -= bytes;
      }
    },
    on: (event, listener) => {
      listen();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
})();
`;

const MAX_BODY = 50 * 1024 * 1024;

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const dialogs = createScriptedDialogs();
  const log = options.quiet ? silentLogger : stderrLogger;
  const paths = pathsFor(options.dataDir, options.resourcesDir);
  const app = await createApp(
    {
      paths,
      clock: options.today ? fixedClock(`${options.today}T10:00:00Z`) : systemClock,
      log,
      secrets: createFileSecretStore(paths.secretsDir),
      dialogs,
      appVersion: options.appVersion ?? '0.0.0-bridge',
    },
    options.hashParams ? { hashParams: options.hashParams } : {},
  );
  const sseClients = new Set<ServerResponse>();
  const token = randomBytes(32).toString('hex');
  /** Set once listening: http://127.0.0.1:PORT and 127.0.0.1:PORT. */
  let ownOrigin = '';
  let ownHost = '';
  const ctx: CallContext = {
    clientId: 'bridge',
    emit(event, payload) {
      const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const client of sseClients) client.write(data);
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BadRequest) return void answer(res, err.status, err.message);
      log.error('bridge.failed', { error: String(err) });
      if (!res.headersSent) answer(res, 500, `the bridge failed: ${err instanceof Error ? err.message : String(err)}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Served to this server's own name only (a rebound DNS name must not reach even the page, which holds the token).
    if (req.headers.host !== ownHost) throw new BadRequest(403, `the bridge answers only requests for ${ownHost}`);
    if (url.pathname.startsWith('/__ipc/') || url.pathname.startsWith('/__test/')) checkApiCall(req, url);
    if (req.method === 'POST' && url.pathname === '/__ipc/invoke') {
      const body = await readJsonBody(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest(400, 'the body must be a JSON object {channel, input}');
      const { channel, input } = body as { channel?: unknown; input?: unknown };
      const result = await app.router.invoke(channel, input, ctx);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/__ipc/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/__test/dialogs') {
      const body = (await readJsonBody(req)) as { save?: (string | null)[]; open?: string[][] };
      dialogs.answers.save.push(...(body.save ?? []));
      dialogs.answers.open.push(...(body.open ?? []));
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/__bridge.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(BRIDGE_SCRIPT);
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405);
      res.end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    let content: Buffer;
    try {
      content = await readFileCapped(file, FILE_CAPS.rendererAsset);
    } catch {
      res.writeHead(404);
      res.end();
      return;
    }
    if (file.endsWith('index.html')) {
      content = Buffer.from(
        content.toString('utf8').replace('<!-- bridge -->', `<meta name="${TOKEN_META}" content="${token}"><script src="/__bridge.js"></script>`),
        'utf8',
      );
    }
    res.writeHead(200, { 'content-type': contentTypeFor(file), 'cache-control': 'no-store' });
    res.end(content);
  }

  /** Own origin (when the browser names one), the run's token, and JSON bodies; BadRequest otherwise. */
  function checkApiCall(req: IncomingMessage, url: URL): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) throw new BadRequest(403, `the bridge answers only its own page (${ownOrigin}), not ${origin}`);
    const given = req.headers[TOKEN_HEADER] ?? url.searchParams.get('token') ?? '';
    if (typeof given !== 'string' || !sameToken(given, token))
      throw new BadRequest(403, `missing or wrong bridge token (header ${TOKEN_HEADER}; the bridge page has it)`);
    if (req.method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') throw new BadRequest(415, 'the body must be application/json');
    }
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  ownHost = `127.0.0.1:${port}`;
  ownOrigin = `http://${ownHost}`;
  return {
    url: ownOrigin,
    token,
    app,
    invoke: (channel, input) => app.router.invoke(channel, input, ctx),
    async close() {
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await app.close();
    },
  };
}

/** A request the bridge refuses: answered with `status` and the message as JSON. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error: { status, message } }));
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BadRequest(400, `the body is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new BadRequest(413, `the body is larger than ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/** The project root, from dist/main/ when bundled or src-main/bridge/ from source. */
function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '5178' },
      today: { type: 'string' },
    },
  });
  if (!values['data-dir']) {
    process.stderr.write('usage: bridge-server --data-dir DIR [--port N] [--today YYYY-MM-DD]\n');
    process.exit(2);
  }
  const root = projectRoot();
  const bridge = await startBridgeServer({
    dataDir: resolve(values['data-dir']),
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
    port: Number(values.port),
    ...(values.today ? { today: values.today } : {}),
  });
  process.stdout.write(`PuMPuRS test bridge on ${bridge.url}\n`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}

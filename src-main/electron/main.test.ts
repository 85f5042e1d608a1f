/**
 * The Electron shell's wiring, exercised under plain Node with a fake
 * 'electron' module (Electron itself cannot run on the build machine). This
 * proves what main.ts does with Electron's API — in what order, with which
 * options, and that the IPC bridge reaches the real router and database — but
 * not how Electron behaves: that needs a run of the real binary.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { en, lv } from '../../src-shared/i18n/catalogue/index';

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    private readonly handlers = new Map<string, Fn[]>();
    on(event: string, fn: Fn) {
      const list = this.handlers.get(event) ?? [];
      list.push(fn);
      this.handlers.set(event, list);
      return this;
    }
    once(event: string, fn: Fn) {
      const wrapper = ((...args: never[]) => {
        this.off(event, wrapper);
        return fn(...args);
      }) as Fn;
      return this.on(event, wrapper);
    }
    off(event: string, fn: Fn) {
      const list = this.handlers.get(event) ?? [];
      const at = list.indexOf(fn);
      if (at >= 0) list.splice(at, 1);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of [...(this.handlers.get(event) ?? [])]) (fn as (...a: unknown[]) => unknown)(...args);
    }
    count(event: string) {
      return this.handlers.get(event)?.length ?? 0;
    }
  }

  const state = {
    calls: [] as string[],
    nextId: 1,
    backend: 'gnome_libsecret',
    readyResolve: (() => undefined) as () => void,
    ready: Promise.resolve(),
  };

  class FakeFrame {
    detached = false;
    constructor(
      public url: string,
      public parent: FakeFrame | null,
      public processId: number,
      public routingId: number,
    ) {}
    isDestroyed() {
      return false;
    }
  }

  class FakeSession extends Emitter {
    permissionRequest: Fn | null = null;
    permissionCheck: Fn | null = null;
    devicePermission: Fn | null = null;
    setPermissionRequestHandler(fn: Fn) {
      this.permissionRequest = fn;
    }
    setPermissionCheckHandler(fn: Fn) {
      this.permissionCheck = fn;
    }
    setDevicePermissionHandler(fn: Fn) {
      this.devicePermission = fn;
    }
  }
  const defaultSession = new FakeSession();

  class FakeWebContents extends Emitter {
    id = state.nextId++;
    destroyed = false;
    session = defaultSession;
    mainFrame = new FakeFrame('', null, 1000 + this.id, 1);
    windowOpenHandler: Fn | null = null;
    sent: [string, unknown][] = [];
    isDestroyed() {
      return this.destroyed;
    }
    setWindowOpenHandler(fn: Fn) {
      this.windowOpenHandler = fn;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }

  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.all.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static fromWebContents(contents: unknown) {
      return FakeBrowserWindow.all.find((w) => w.webContents === contents) ?? null;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {}
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    paths: new Map<string, string>(),
    setPath(name: string, path: string) {
      state.calls.push(`setPath:${name}`);
      app.paths.set(name, path);
    },
    getPath(name: string) {
      return app.paths.get(name) ?? `/fake/${name}`;
    },
    enableSandbox() {
      state.calls.push('enableSandbox');
    },
    getAppPath() {
      return process.cwd();
    },
    requestSingleInstanceLock() {
      state.calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady() {
      state.calls.push('whenReady');
      return state.ready;
    },
    getVersion() {
      return '0.1.0-test';
    },
    quit: vi.fn(),
    exit: vi.fn(),
  });

  const protocolHandlers = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string, fn: Fn) => protocolHandlers.set(scheme, fn)),
    },
    ipcMain: {
      handle: vi.fn((channel: string, fn: Fn) => ipcHandlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBoxSync: vi.fn() },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => state.backend,
      encryptStringAsync: async (plain: string) => Buffer.from(`sealed:${plain}`),
      decryptStringAsync: async (sealed: Buffer) => ({ result: sealed.toString().slice(7), shouldReEncrypt: false }),
    },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
  };

  /** A fresh start: new data folder, nothing registered, `ready` not yet fired. */
  function reset(dataHome: string) {
    process.env.XDG_DATA_HOME = dataHome;
    process.env.LOCALAPPDATA = dataHome;
    state.calls.length = 0;
    state.backend = 'gnome_libsecret';
    state.ready = new Promise<void>((done) => (state.readyResolve = done));
    FakeBrowserWindow.all.length = 0;
    protocolHandlers.clear();
    ipcHandlers.clear();
    app.paths.clear();
    app.quit.mockClear();
    app.exit.mockClear();
    electron.dialog.showErrorBox.mockClear();
  }

  return { electron, state, reset, protocolHandlers, ipcHandlers, FakeFrame, FakeWebContents, FakeBrowserWindow, defaultSession };
});

vi.mock('electron', () => fake.electron);
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater(): never {
      throw new Error('electron-updater must not be touched when the app is not packaged');
    },
  },
}));

const roots: string[] = [];
function freshDataHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pumpurs-shell-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

const { app, dialog, protocol } = fake.electron;
// The file logger echoes to stderr in development; keep test output readable.
vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

describe('main.ts with a fake electron', () => {
  let dataHome: string;
  beforeAll(async () => {
    dataHome = freshDataHome();
    fake.reset(dataHome);
    await import('./main');
  });

  it('before ready: local data folder, sandbox for all renderers, app:// privileges, then the single-instance lock', () => {
    expect(fake.state.calls).toEqual([
      'setPath:userData',
      'setPath:sessionData',
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
      'whenReady',
    ]);
    expect(app.paths.get('userData')).toBe(join(dataHome, 'pumpurs'));
    expect(app.paths.get('sessionData')).toBe(join(dataHome, 'pumpurs', 'chromium'));
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
  });

  it('on ready: opens one hardened window on app://pumpurs/', async () => {
    fake.state.readyResolve();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 10_000 });
    const [win] = fake.FakeBrowserWindow.all;
    expect(win?.loadedUrl).toBe('app://pumpurs/');
    expect(win?.options.webPreferences).toEqual({
      preload: resolve(process.cwd(), 'dist', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: true,
    });
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('asks before a window with unsaved changes closes: Leave lets it go, Stay keeps it', async () => {
    const contents = fake.FakeBrowserWindow.all[0]!.webContents;
    for (const [choice, prevented] of [
      [1, true],
      [0, false],
    ] as const) {
      dialog.showMessageBoxSync.mockReturnValueOnce(choice);
      const event = { preventDefault: vi.fn() };
      contents.emit('will-prevent-unload', event);
      expect(event.preventDefault).toHaveBeenCalledTimes(prevented ? 1 : 0);
    }
    const [, options] = dialog.showMessageBoxSync.mock.calls[0] as unknown as [unknown, { buttons: string[]; message: string }];
    expect(options.buttons).toEqual([lv['ui.unsaved.stay'], lv['ui.unsaved.leave']]);
    expect(options.message).toBe(lv['ui.unsaved.body']);
  });

  it('serves app:// with the CSP on every response, and nothing from other hosts', async () => {
    const handler = fake.protocolHandlers.get('app') as (r: { url: string; method: string }) => Promise<Response>;
    const page = await handler({ url: 'app://pumpurs/', method: 'GET' });
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const foreign = await handler({ url: 'app://elsewhere/index.html', method: 'GET' });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('keeps the window on app://: navigation, redirects, new windows and webviews are refused', () => {
    const contents = fake.FakeBrowserWindow.all[0]!.webContents;
    // Hardened once, even though both the factory and web-contents-created ask for it.
    expect(contents.count('will-navigate')).toBe(1);
    const navigate = (url: string) => {
      const event = { url, isMainFrame: true, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      contents.emit('will-frame-navigate', event);
      contents.emit('will-redirect', event);
      return event.preventDefault.mock.calls.length;
    };
    expect(navigate('https://example.org/')).toBe(3);
    expect(navigate('file:///etc/passwd')).toBe(3);
    expect(navigate('app://pumpurs/students')).toBe(0);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' } as never)).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission and download in the session', () => {
    const session = fake.defaultSession;
    const callback = vi.fn();
    session.permissionRequest?.(...([{}, 'media', callback, {}] as never[]));
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheck?.(...([{}, 'clipboard-read', 'app://pumpurs', {}] as never[]))).toBe(false);
    expect(session.devicePermission?.(...([{}] as never[]))).toBe(false);
    const download = { preventDefault: vi.fn() };
    session.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('answers our top frame through the router and the real database', async () => {
    const contents = fake.FakeBrowserWindow.all[0]!.webContents;
    const invoke = fake.ipcHandlers.get('pumpurs:invoke') as (event: unknown, channel: unknown, input: unknown) => Promise<unknown>;
    const result = (await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'app:info', {})) as { ok: boolean; value: { appVersion: string } };
    expect(result.ok).toBe(true);
    expect(result.value.appVersion).toBe('0.1.0-test');
    expect(await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'nope:nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('refuses sub-frames, other webContents, gone frames and pages that are not app://', async () => {
    const contents = fake.FakeBrowserWindow.all[0]!.webContents;
    const invoke = fake.ipcHandlers.get('pumpurs:invoke') as (event: unknown, channel: unknown, input: unknown) => Promise<unknown>;
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    const subFrame = new fake.FakeFrame('app://pumpurs/', contents.mainFrame, contents.mainFrame.processId, 2);
    expect(await invoke({ sender: contents, senderFrame: subFrame }, 'app:info', {})).toMatchObject(forbidden);
    expect(await invoke({ sender: contents, senderFrame: null }, 'app:info', {})).toMatchObject(forbidden);
    const stranger = new fake.FakeWebContents();
    stranger.mainFrame.url = 'app://pumpurs/';
    expect(await invoke({ sender: stranger, senderFrame: stranger.mainFrame }, 'app:info', {})).toMatchObject(forbidden);
    contents.mainFrame.url = 'https://example.org/';
    try {
      expect(await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'app:info', {})).toMatchObject(forbidden);
    } finally {
      contents.mainFrame.url = 'app://pumpurs/';
    }
  });

  it('closes the database before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const second = { preventDefault: vi.fn() };
    app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe('main.ts refusing to start', () => {
  it('shows the translated message and leaves a database from a newer app untouched', async () => {
    const dataHome = freshDataHome();
    const dataDir = join(dataHome, 'pumpurs');
    mkdirSync(dataDir, { recursive: true });
    const dbFile = join(dataDir, 'pumpurs.sqlite');
    const db = new Database(dbFile);
    db.exec(
      "CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL); INSERT INTO kysely_migration VALUES ('9999-from-the-future', '2030-01-01');",
    );
    db.close();
    const before = readFileSync(dbFile);

    vi.resetModules();
    fake.reset(dataHome);
    await import('./main');
    fake.state.readyResolve();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), { timeout: 10_000 });

    expect(dialog.showErrorBox).toHaveBeenCalledWith(lv['shell.startFailed.title'], lv['errors.code.DB_FROM_NEWER_APP']);
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
    expect(readFileSync(dbFile).equals(before)).toBe(true);
    expect(en['errors.code.DB_FROM_NEWER_APP']).toBeTruthy();
  });

  it.runIf(process.platform === 'linux')('refuses a Linux session without a keyring (safeStorage basic_text), before opening any database', async () => {
    const dataHome = freshDataHome();
    vi.resetModules();
    fake.reset(dataHome);
    fake.state.backend = 'basic_text';
    await import('./main');
    fake.state.readyResolve();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), { timeout: 10_000 });

    const [title, body] = dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe(lv['shell.startFailed.title']);
    expect(body).toContain(join(dataHome, 'pumpurs', 'logs', 'main.log'));
    expect(body.startsWith(lv['shell.secretStoreUnavailable.body']!.split('{{')[0]!)).toBe(true);
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
    expect(() => readFileSync(join(dataHome, 'pumpurs', 'pumpurs.sqlite'))).toThrow();
  });
});

describe('main.ts --cli (the CLI inside the installed app)', () => {
  async function runInApp(dataHome: string, args: string[]): Promise<{ code: unknown; out: string }> {
    const argv = process.argv;
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      process.argv = [argv[0] ?? 'electron', '.', '--cli', ...args];
      vi.resetModules();
      fake.reset(dataHome);
      await import('./main');
      fake.state.readyResolve();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 20_000 });
      return { code: app.exit.mock.calls[0]?.[0], out: written.join('') };
    } finally {
      process.argv = argv;
      stdout.mockRestore();
    }
  }

  it('runs verbs before any window or lock, with the app’s own key store (safeStorage), so keys are never forked', async () => {
    const dataHome = freshDataHome();
    const init = await runInApp(dataHome, [
      'init',
      '--name',
      'Madonas pilsētas vidusskola',
      '--code',
      '4313900456',
      '--municipality',
      'Madonas novads',
      '--lang',
      'en',
    ]);
    expect(init.code).toBe(0);
    expect(init.out).toContain('Madonas pilsētas vidusskola');
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
    expect(fake.state.calls).not.toContain('requestSingleInstanceLock');
    const secrets = readdirSync(join(dataHome, 'pumpurs', 'secrets'));
    expect(secrets.length).toBeGreaterThan(0);
    expect(
      secrets.every((f) => f.endsWith('.sealed')),
      secrets.join(', '),
    ).toBe(true);

    const show = await runInApp(dataHome, ['keys', 'show', '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.out.trim()).fingerprint.digits).toMatch(/^[\d ]+$/);
    expect(readdirSync(join(dataHome, 'pumpurs', 'secrets')).sort()).toEqual([...secrets].sort());

    expect((await runInApp(dataHome, ['audit', 'verify'])).code).toBe(0);
    expect((await runInApp(dataHome, ['frobnicate'])).code).toBe(2);
  });

  it.runIf(process.platform === 'linux')('refuses without a keyring, making nothing', async () => {
    const dataHome = freshDataHome();
    const argv = process.argv;
    try {
      process.argv = [argv[0] ?? 'electron', '.', '--cli', 'keys', 'show'];
      vi.resetModules();
      fake.reset(dataHome);
      fake.state.backend = 'basic_text';
      await import('./main');
      fake.state.readyResolve();
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), { timeout: 10_000 });
    } finally {
      process.argv = argv;
    }
    expect(() => readdirSync(join(dataHome, 'pumpurs', 'secrets'))).toThrow();
  });
});

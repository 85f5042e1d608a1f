/**
 * Everything under src-main except electron/ and preload/ must run under
 * plain Node: services, db, ipc, exchange, cli, the test bridge. This test
 *  1. walks each module's static import graph (TypeScript's own pre-parser,
 *     following relative imports into src-main and src-shared) and fails if
 *     'electron' — or a package that loads it, like electron-updater — is
 *     reachable, printing the chain;
 *  2. imports every module for real with import(), under Node, with
 *     'electron' booby-trapped (vi.mock for source imports, Module._load for
 *     CommonJS requires from packages), so anything that still reaches it at
 *     run time fails — and the Electron binary download that `require('electron')`
 *     would start is never triggered;
 *  3. checks that importing them started nothing (no server, socket, child
 *     process or timer left behind): entry files must wait to be called.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const trap = vi.hoisted(() => {
  // Safety net: even if a trap below failed, electron's index.js would then
  // return this path instead of downloading the Electron binary.
  process.env.ELECTRON_OVERRIDE_DIST_PATH = '/nonexistent/electron-free-test';
  return { hits: [] as string[] };
});

vi.mock('electron', () => {
  trap.hits.push('electron (source import)');
  throw new Error("'electron' imported outside src-main/electron and src-main/preload");
});

// CommonJS requires made by packages (vitest leaves node_modules to Node).
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };
const originalLoad = moduleWithLoad._load;
const electronEntry = `${sep}node_modules${sep}electron${sep}index.js`;
moduleWithLoad._load = function load(request, parent, isMain) {
  if (request === 'electron' || request.startsWith('electron/') || request.endsWith(electronEntry)) {
    trap.hits.push(`electron (require '${request}')`);
    throw new Error("'electron' required outside src-main/electron and src-main/preload");
  }
  return originalLoad.call(this, request, parent, isMain);
};
afterAll(() => {
  moduleWithLoad._load = originalLoad;
});

const root = resolve(import.meta.dirname, '..', '..');
const srcMain = join(root, 'src-main');
const ELECTRON_ONLY = [join(srcMain, 'electron'), join(srcMain, 'preload')];
/** Packages that load 'electron' when imported. */
const ELECTRON_PACKAGES = [/^electron(\/.*)?$/, /^electron-updater(\/.*)?$/, /^@electron\/remote(\/.*)?$/];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return ELECTRON_ONLY.includes(full) ? [] : walk(full);
    return full.endsWith('.ts') && !full.endsWith('.d.ts') && !/\.test\.ts$/.test(full) ? [full] : [];
  });
}

const modules = walk(srcMain).sort();

function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.(m?js)$/, '.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const importsCache = new Map<string, string[]>();
function importsOf(file: string): string[] {
  let specifiers = importsCache.get(file);
  if (!specifiers) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    specifiers = info.importedFiles.map((f) => f.fileName);
    importsCache.set(file, specifiers);
  }
  return specifiers;
}

/** The first chain from `start` to an Electron package, or null. */
function chainToElectron(start: string): string[] | null {
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: start, chain: [relative(root, start)] }];
  while (stack.length > 0) {
    const { file, chain } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (ELECTRON_PACKAGES.some((p) => p.test(specifier))) return [...chain, specifier];
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target === null) continue;
      if (ELECTRON_ONLY.some((dir) => target.startsWith(dir + sep))) return [...chain, relative(root, target)];
      stack.push({ file: target, chain: [...chain, relative(root, target)] });
    }
  }
  return null;
}

/** Handles that mean "something was started": servers, sockets, child processes, timers. */
const STARTED = /^(TCPServerWrap|TCPSocketWrap|PipeServerWrap|PipeWrap|UDPWrap|ProcessWrap|Timeout|Immediate|FSWatcher|StatWatcher|SignalWrap)$/;
/** Lets anything an import kicked off (listen, timers) get as far as holding a handle. */
async function settle(): Promise<void> {
  await new Promise((done) => setTimeout(done, 50));
  await new Promise((done) => setImmediate(done));
}

function startedResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) if (STARTED.test(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

describe('modules outside src-main/electron and src-main/preload', () => {
  it('are found (the walk is not empty and skips the Electron folders)', () => {
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.some((m) => m.includes(`${sep}electron${sep}`) && m.startsWith(join(srcMain, 'electron')))).toBe(false);
    expect(modules).toContain(join(srcMain, 'app', 'create-app.ts'));
  });

  it('cannot reach electron through their static imports', () => {
    const offenders = modules.map(chainToElectron).filter((chain): chain is string[] => chain !== null);
    expect(offenders.map((chain) => chain.join(' -> '))).toEqual([]);
  });

  it('the static check would notice an electron import', () => {
    expect(chainToElectron(join(srcMain, 'electron', 'main.ts'))).not.toBeNull();
  });

  it('all load under plain Node without touching electron, and start nothing on import', async () => {
    const before = startedResources();
    const failures: string[] = [];
    for (const file of modules) {
      try {
        await import(file);
      } catch (err) {
        failures.push(`${relative(root, file)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    }
    await settle();
    expect(failures).toEqual([]);
    expect(trap.hits).toEqual([]);
    const after = startedResources();
    const started = [...after].filter(([name, count]) => count > (before.get(name) ?? 0)).map(([name, count]) => `${name} x${count - (before.get(name) ?? 0)}`);
    expect(started).toEqual([]);
  });
});

describe('the run-time trap', () => {
  it('catches a source module that imports electron', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pumpurs-electron-free-'));
    try {
      const probe = join(dir, 'probe.ts');
      writeFileSync(probe, "import { app } from 'electron';\nexport const name = String(app);\n");
      const hits = trap.hits.length;
      // vitest wraps the factory's error in its own message; the hit below is what matters.
      await expect((async () => import(probe))()).rejects.toThrow();
      expect(trap.hits.slice(hits)).toEqual(['electron (source import)']);
      trap.hits.length = hits;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('catches a package that requires electron (electron-updater loads it when autoUpdater is first read)', async () => {
    const hits = trap.hits.length;
    const readAutoUpdater = async () => {
      const updater = (await import('electron-updater')).default as { autoUpdater: unknown };
      return typeof updater.autoUpdater;
    };
    await expect(readAutoUpdater()).rejects.toThrow(/electron' required/);
    expect(trap.hits.slice(hits)).toContain("electron (require 'electron')");
    trap.hits.length = hits;
  });

  it('notices a module that starts a server when imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pumpurs-electron-free-'));
    try {
      const probe = join(dir, 'starts-server.ts');
      writeFileSync(probe, "import { createServer } from 'node:http';\nexport const server = createServer().listen(0, '127.0.0.1');\n");
      const before = startedResources();
      const { server } = (await import(probe)) as { server: import('node:http').Server };
      await settle();
      expect((startedResources().get('TCPServerWrap') ?? 0) - (before.get('TCPServerWrap') ?? 0)).toBe(1);
      await new Promise((done) => server.close(done));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'check-electronegativity.mjs');
const repo = join(import.meta.dirname, '..');

/** Runs the script; async so the cases (each waits on electronegativity's network time-outs) run side by side. */
function check(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { timeout: 90_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

let dir: string;
/** main and preload bundled as scripts/build.mjs bundles them (node20 / chrome130 syntax), into the test's folder. */
let bundles: { main: string; preload: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pumpurs-eneg-test-'));
  const { build } = await import('esbuild');
  const { buildPreload } = (await import(join(repo, 'scripts', 'build-preload.mjs'))) as { buildPreload(o: { outdir: string }): Promise<unknown> };
  bundles = { main: join(dir, 'dist', 'main', 'main.mjs'), preload: join(dir, 'dist', 'preload', 'preload.cjs') };
  await build({
    entryPoints: [join(repo, 'src-main', 'electron', 'main.ts')],
    outfile: bundles.main,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['electron', 'better-sqlite3', 'electron-updater'],
    logLevel: 'silent',
  });
  await buildPreload({ outdir: join(dir, 'dist', 'preload') });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('check-electronegativity', { timeout: 120_000 }, () => {
  it('passes on the real shell and preload, sources and bundles, listing what was reviewed', async () => {
    const { code, out, err } = await check(
      '--input',
      join(repo, 'src-main', 'electron'),
      '--input',
      join(repo, 'src-main', 'preload'),
      '--bundle',
      bundles.main,
      '--bundle',
      bundles.preload,
    );
    expect(out).toContain('(bundles as es2020)');
    expect(err).not.toContain('NOT SCANNED');
    expect(err).not.toContain('finding(s)');
    expect(code).toBe(0);
    expect(out).toContain('electronegativity: 0 findings');
    expect(out).toContain('reviewed PRELOAD_JS_CHECK at src-main/electron/window-factory.ts');
    // The one check not run says so, with its reason, on every run.
    expect(out).toMatch(/not run AvailableSecurityFixesGlobalCheck: downloads Electron's release list/);
  });

  it('fails on a window with Node integration and without isolation', async () => {
    const bad = join(dir, 'bad-window');
    await mkdir(bad, { recursive: true });
    await writeFile(
      join(bad, 'main.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "void win.loadURL('http://example.org/');",
        '',
      ].join('\n'),
    );
    const { code, err } = await check('--input', bad);
    expect(code).toBe(1);
    expect(err).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(err).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(err).toContain('HTTP_RESOURCES_JS_CHECK');
    expect(err).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
  });

  it('fails when the real window factory loses its sandbox', async () => {
    const copy = join(dir, 'electron');
    await cp(join(repo, 'src-main', 'electron'), copy, { recursive: true });
    const factory = join(copy, 'window-factory.ts');
    await writeFile(factory, (await readFile(factory, 'utf8')).replace('sandbox: true', 'sandbox: false'));
    const { code, err } = await check('--input', copy, '--input', join(repo, 'src-main', 'preload'));
    expect(code).toBe(1);
    expect(err).toContain('SANDBOX_JS_CHECK');
  });

  it('fails on a file it cannot parse, instead of skipping it', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken, { recursive: true });
    await cp(join(repo, 'src-main', 'electron'), broken, { recursive: true });
    await writeFile(join(broken, 'oops.ts'), 'export const = ;\n');
    const { code, err } = await check('--input', broken, '--input', join(repo, 'src-main', 'preload'));
    expect(code).toBe(1);
    expect(err).toMatch(/NOT SCANNED \(parse error\) .*oops\.ts/);
  });

  it('scans a bundle esbuild left in syntax the scanner cannot parse (class private fields), and fails on what is in it (issue 14.8)', async () => {
    const bad = join(dir, 'bad-bundle.mjs');
    await writeFile(
      bad,
      [
        "import { BrowserWindow } from 'electron';",
        'class Holder { #win = null; open() { this.#win = new BrowserWindow({ webPreferences: { nodeIntegration: true } }); return this.#win; } }',
        'new Holder().open();',
        '',
      ].join('\n'),
    );
    const { code, err } = await check('--input', join(repo, 'src-main', 'preload'), '--bundle', bad);
    expect(code).toBe(1);
    expect(err).not.toContain('NOT SCANNED');
    expect(err).toMatch(/NODE_INTEGRATION_JS_CHECK .*bad-bundle\.mjs \(as es2020\)/);
  });

  it('fails when a bundle to scan is missing (not built is not checked)', async () => {
    const { code, err } = await check('--input', join(repo, 'src-main', 'preload'), '--bundle', join(dir, 'nope', 'main.mjs'));
    expect(code).toBe(1);
    expect(err).toMatch(/NOT SCANNED \(parse error\) .*main\.mjs: bundle not found/);
  });

  it('fails when the app CSP is weak', async () => {
    const weak = join(dir, 'weak-csp.ts');
    await writeFile(weak, "export const CONTENT_SECURITY_POLICY = \"default-src 'self'; script-src 'self' 'unsafe-inline' https:\";\n");
    // The real sources, which pass on their own (first case), so the weak policy is the only finding.
    // Not the default inputs: those include dist/'s bundles when built (as in `npm test`), a second
    // scan of the 5 MB main bundle (~12 s of CPU) that the first case already makes.
    const { code, err } = await check('--input', join(repo, 'src-main', 'electron'), '--input', join(repo, 'src-main', 'preload'), '--csp', weak);
    expect(code).toBe(1);
    expect(err).toMatch(/CSP script-src 'unsafe-inline' \[HIGH\]/);
    const failures = err.split('\n').filter((line) => line.startsWith('  '));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((line) => line.startsWith('  CSP '))).toBe(true);
  });
});

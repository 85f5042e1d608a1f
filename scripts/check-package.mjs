// The packaging check (issue 13, item 9): builds the Linux app folder with
// electron-builder (`--linux dir`) against a stub Electron (no download is
// possible in CI: `electronDist` points at a folder holding a fake binary
// that carries Electron's fuse sentinel, so the fuse step runs for real),
// then checks what the package holds:
//  - app.asar has the built code (main, CLI, preload, renderer) and
//    production dependencies only: no sources, no tests, no source maps, no
//    test bridge, no dev dependency (unless a production package needs it);
//  - the SQLCipher addon (better-sqlite3-multiple-ciphers' .node) is
//    unpacked next to the archive, as a native module must be;
//  - resources/ holds the catalogues, the policy sample and the ADMX/ADML templates;
//  - the fuses were flipped as electron-builder.yml says (runAsNode off).
// Needs `npm run build` first. Exit 1 with the list of problems.
import asar from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'pumpurs-package-'));
const problems = [];
try {
  if (!existsSync('dist/main/main.mjs')) throw new Error('dist/ is missing: run npm run build first');
  // A stub Electron: a "binary" with a fuse wire of 9 fuses, all enabled ('1').
  const stub = join(work, 'electron-stub');
  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(
    join(stub, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111')]),
    { mode: 0o755 },
  );
  writeFileSync(join(stub, 'LICENSE'), 'stub');
  writeFileSync(join(stub, 'LICENSES.chromium.html'), 'stub');
  const out = join(work, 'out');
  execFileSync(
    process.execPath,
    [
      'node_modules/electron-builder/cli.js',
      '--linux',
      'dir',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${stub}`,
      '-c.electronVersion=45.5.0',
      // Rebuilding the addon for Electron needs Electron's headers (a download); the check is about what is packed.
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
      '--publish',
      'never',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const app = join(out, 'linux-unpacked');
  const archive = join(app, 'resources', 'app.asar');
  const files = asar.listPackage(archive);
  const own = files.filter((f) => !f.startsWith('/node_modules/'));
  for (const needed of ['/dist/main/main.mjs', '/dist/main/cli.mjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html', '/package.json']) {
    if (!files.includes(needed)) problems.push(`app.asar lacks ${needed}`);
  }
  for (const f of own) {
    if (/^\/(src-main|src-renderer|src-shared|tests|bench|scripts|docs|resources)(\/|$)/.test(f))
      problems.push(`app.asar holds a source or project file: ${f}`);
    if (/\.(test|spec)\.[cm]?[jt]sx?$|\.map$|\.tsx?$/.test(f)) problems.push(`app.asar holds a test, source map or source: ${f}`);
    if (f === '/dist/main/bridge-server.mjs') problems.push('app.asar holds the test bridge (serves the app without sign-in)');
  }
  // Dev dependencies: only where a packed production package depends on them.
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const packedManifests = files.filter((f) => /^\/node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/.test(f));
  const neededBy = new Set();
  for (const manifest of packedManifests) {
    try {
      const m = JSON.parse(asar.extractFile(archive, manifest.slice(1)).toString('utf8'));
      for (const name of Object.keys({ ...m.dependencies, ...m.optionalDependencies })) neededBy.add(name);
    } catch {
      // not JSON (a fixture): ignore
    }
  }
  for (const name of Object.keys(pkg.devDependencies ?? {})) {
    if (files.some((f) => f.startsWith(`/node_modules/${name}/`)) && !neededBy.has(name)) problems.push(`app.asar holds the dev dependency ${name}`);
  }
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (!files.includes(`/node_modules/${name}/package.json`)) problems.push(`app.asar lacks the production dependency ${name}`);
  }
  const addon = join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(addon)) problems.push(`the SQLCipher addon is not unpacked: ${addon}`);
  for (const needed of [
    'catalogues/municipalities-lv.txt',
    'catalogues/risk-factors.json',
    'policy-samples/policy.json',
    'policy-templates/pumpurs.admx',
    'policy-templates/en-US/pumpurs.adml',
    'policy-templates/lv-LV/pumpurs.adml',
    'icons/icon.png',
  ]) {
    if (!existsSync(join(app, 'resources', 'resources', needed))) problems.push(`resources/ lacks ${needed}`);
  }
  if (existsSync(join(app, 'resources', 'resources', 'installer'))) problems.push('resources/ holds the installer build files');
  // runAsNode is the first fuse: electron-builder.yml turns it off.
  const binary = readFileSync(join(app, 'pumpurs'));
  const wire = binary.subarray(binary.indexOf(SENTINEL) + SENTINEL.length);
  if (wire[2] !== 0x30) problems.push('the runAsNode fuse was not turned off');
  console.log(`check-package: ${files.length} entries in app.asar, ${Math.round((Date.now() - started) / 1000)} s`);
} catch (err) {
  problems.push(err instanceof Error ? err.message : String(err));
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-package: ${p}`);
  process.exit(1);
}
console.log('check-package: ok');

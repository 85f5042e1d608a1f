/**
 * The installed command: `node bin/pumpurs.mjs` runs the bundled CLI. Builds
 * first (under the shared build lock) when dist is missing or older than the
 * CLI's sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'main', 'cli.mjs');

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const full = join(dir, e.name);
      if (e.isDirectory()) return newestSource(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? statSync(full).mtimeMs : 0;
    }),
  );
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir();
  const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src-main', 'cli'));
  if (stale) execFileSync('flock', ['/tmp/pumpurs-build.lock', 'node', 'scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
}, 600_000);
afterAll(async () => {
  await tmp.remove();
});

describe('bin/pumpurs.mjs', () => {
  it('prints the help of the built CLI and exits 0', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'pumpurs.mjs'), '--help'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: pumpurs <command> [options]');
    expect(result.stdout).toMatch(/students list\s+List the students/);
  });

  it('exits 2 on a usage error', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'pumpurs.mjs'), 'frobnicate'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate".');
  });

  it('asks for a build, exit 2, when dist is missing', () => {
    mkdirSync(join(tmp.dir, 'bin'));
    copyFileSync(join(root, 'bin', 'pumpurs.mjs'), join(tmp.dir, 'bin', 'pumpurs.mjs'));
    const result = spawnSync(process.execPath, [join(tmp.dir, 'bin', 'pumpurs.mjs'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('run npm run build first');
  });
});

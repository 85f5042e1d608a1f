import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { parseJobs, runJobs } from './run-parallel.mjs';

type Job = { chain: string[]; after: string | null };
type Result = { chain: string[]; ok: boolean; skipped: boolean };
const parse = parseJobs as (args: string[]) => Job[];
const run = runJobs as (
  jobs: Job[],
  slots: number,
  script: (name: string) => Promise<{ code: number; output: string }>,
  write: (t: string) => void,
) => Promise<Result[]>;

/** A fake script runner: each script takes `ms` and exits with `codes[name] ?? 0`; records start and end order. */
function fakeScripts(times: Record<string, number>, codes: Record<string, number> = {}) {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const script = async (name: string) => {
    log.push(`start ${name}`);
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, times[name] ?? 1));
    running--;
    log.push(`end ${name}`);
    return { code: codes[name] ?? 0, output: `${name} said hi` };
  };
  return { log, script, most: () => most };
}

describe('run-parallel', () => {
  it('parses chains and the script a chain waits for, and refuses malformed jobs', () => {
    expect(parse(['build,test:e2e', 'lint', 'test:static,test:package^build'])).toEqual([
      { chain: ['build', 'test:e2e'], after: null },
      { chain: ['lint'], after: null },
      { chain: ['test:static', 'test:package'], after: 'build' },
    ]);
    expect(() => parse([])).toThrow('no jobs');
    expect(() => parse(['a^'])).toThrow('malformed');
    expect(() => parse(['a^b^c', 'b', 'c'])).toThrow('malformed');
    expect(() => parse(['a^nobody'])).toThrow('no script of another job');
    expect(() => parse(['a,b^a'])).toThrow('its own script');
  });

  it('starts a waiting chain only after its script passed, letting ready jobs pass it, never more than the slots at once', async () => {
    const fake = fakeScripts({ build: 30, e2e: 80, lint: 10, tsc: 10, static: 5 });
    const out: string[] = [];
    const results = await run(parse(['build,e2e', 'static^build', 'lint', 'tsc']), 2, fake.script, (t) => out.push(t));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.most()).toBe(2);
    // lint and tsc ran while static waited for the build; static started after the build ended.
    expect(fake.log.indexOf('start lint')).toBeLessThan(fake.log.indexOf('end build'));
    expect(fake.log.indexOf('start static')).toBeGreaterThan(fake.log.indexOf('end build'));
    expect(out.join('')).toContain('── static: ok in');
    expect(out.join('')).toContain('static said hi');
  });

  it('stops a chain at its first failure and skips the jobs waiting for a script that failed, reporting each', async () => {
    const fake = fakeScripts({}, { build: 2 });
    const out: string[] = [];
    const results = await run(parse(['build,e2e', 'static,package^build', 'lint']), 2, fake.script, (t) => out.push(t));
    expect(fake.log).not.toContain('start e2e');
    expect(fake.log).not.toContain('start static');
    expect(results.find((r) => r.chain[0] === 'build')).toEqual({ chain: ['build', 'e2e'], ok: false, skipped: false });
    expect(results.find((r) => r.chain[0] === 'static')).toEqual({ chain: ['static', 'package'], ok: false, skipped: true });
    expect(results.find((r) => r.chain[0] === 'lint')?.ok).toBe(true);
    expect(out.join('')).toContain('── build: FAILED (exit 2)');
    expect(out.join('')).toContain('── static, package: SKIPPED (build failed)');
  });

  it('skips a job waiting for a script of a chain that stopped before it', async () => {
    const fake = fakeScripts({}, { build: 1 });
    const out: string[] = [];
    const results = await run(parse(['build,bundle', 'check^bundle']), 2, fake.script, (t) => out.push(t));
    expect(fake.log).toEqual(['start build', 'end build']);
    expect(results.map((r) => [r.chain.join(','), r.ok])).toEqual([
      ['build,bundle', false],
      ['check', false],
    ]);
  });
});

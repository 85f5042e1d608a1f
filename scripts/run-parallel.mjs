// Runs npm scripts side by side, one more at once than the machine has
// cores (at least 3). `npm test` runs its checks with it (issue 12, item 5):
// the three typechecks, ESLint, Prettier, and the build followed by the static and
// packaging checks; tsc and eslint each use one core. Running the unit and
// browser suites beside them too was tried (chain^script below) and dropped:
// on the 2-core development machine it took 15 minutes and timed out unit tests.
//
//   node scripts/run-parallel.mjs build,test:e2e typecheck:root test:static,test:package^build
//
// Each argument is one job; a comma-separated argument is a chain run in
// order (a later script needs the earlier one), stopped at its first
// failure. `chain^name` starts the chain only once the script `name` of
// another job has passed (the static and packaging checks read what the
// build made), and skips it, as failed, when that script failed or never
// ran. Jobs start in the order given, as slots free up, a waiting job
// letting later ready ones pass. Each job's output is printed whole when it
// ends, with its time; the exit code is 1 when any job failed (all run to
// the end, so every problem is shown at once).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';

/** Parses `a,b^dep` arguments into { chain, after }; throws on a malformed one. */
export function parseJobs(args) {
  if (args.length === 0) throw new Error('no jobs');
  const jobs = args.map((arg) => {
    const [list = '', after, extra] = arg.split('^');
    const chain = list.split(',').filter(Boolean);
    if (chain.length === 0 || extra !== undefined || after === '') throw new Error(`malformed job "${arg}"`);
    return { chain, after: after ?? null };
  });
  const names = new Set(jobs.flatMap((job) => job.chain));
  for (const job of jobs) {
    if (job.after !== null && !names.has(job.after)) throw new Error(`"${job.after}" (after ^) is no script of another job`);
    if (job.after !== null && job.chain.includes(job.after)) throw new Error(`a job cannot wait for its own script "${job.after}"`);
  }
  return jobs;
}

/**
 * Runs the jobs, `slots` at once; `runScript(name)` resolves with
 * { code, output }. Returns one { chain, ok, skipped } per job, in order of ending.
 */
export async function runJobs(jobs, slots, runScript, write = (text) => process.stdout.write(text)) {
  const passed = new Set();
  const failedOrSkipped = new Set();
  const waiting = [...jobs];
  const results = [];
  let wake = () => {};

  async function runChain(job) {
    for (const name of job.chain) {
      const t0 = Date.now();
      const { code, output } = await runScript(name);
      const mark = code === 0 ? 'ok' : `FAILED (exit ${code})`;
      write(`\n── ${name}: ${mark} in ${seconds(Date.now() - t0)}\n${output.trimEnd() ? `${output.trimEnd()}\n` : ''}`);
      if (code !== 0) {
        job.chain.slice(job.chain.indexOf(name)).forEach((n) => failedOrSkipped.add(n));
        return false;
      }
      passed.add(name);
    }
    return true;
  }

  /** The next job that may start now (its script to wait for has passed), or a skipped one, or null. */
  function next() {
    for (let i = 0; i < waiting.length; i++) {
      const job = waiting[i];
      if (job.after === null || passed.has(job.after) || failedOrSkipped.has(job.after)) return waiting.splice(i, 1)[0];
    }
    return null;
  }

  let running = 0;
  await new Promise((allDone) => {
    const pump = () => {
      while (running < slots) {
        const job = next();
        if (job === null) break;
        if (job.after !== null && failedOrSkipped.has(job.after)) {
          job.chain.forEach((n) => failedOrSkipped.add(n));
          write(`\n── ${job.chain.join(', ')}: SKIPPED (${job.after} failed)\n`);
          results.push({ chain: job.chain, ok: false, skipped: true });
          continue;
        }
        running++;
        void runChain(job).then((ok) => {
          running--;
          results.push({ chain: job.chain, ok, skipped: false });
          wake();
        });
      }
      if (running === 0 && waiting.length === 0) allDone();
      else if (running === 0) {
        // Nothing runs and nothing may start: a job waits for a script no job will run.
        for (const job of waiting.splice(0)) {
          write(`\n── ${job.chain.join(', ')}: SKIPPED (${job.after} never ran)\n`);
          results.push({ chain: job.chain, ok: false, skipped: true });
        }
        allDone();
      }
    };
    wake = pump;
    pump();
  });
  return results;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One npm script; its output collected, resolved with its exit code. */
function runNpmScript(name) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolveRun) => {
    const chunks = [];
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => {
      chunks.push(Buffer.from(`${err.message}\n`));
      resolveRun({ code: 1, output: Buffer.concat(chunks).toString('utf8') });
    });
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString('utf8') }));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let jobs;
  try {
    jobs = parseJobs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`run-parallel: ${err.message}\nusage: node scripts/run-parallel.mjs SCRIPT[,SCRIPT…][^SCRIPT] …\n`);
    process.exit(2);
  }
  // One more than the cores (at least 3): the browser tests' job mostly waits on Chromium.
  const slots = Math.max(3, availableParallelism() + 1);
  const started = Date.now();
  const results = await runJobs(jobs, slots, runNpmScript);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`\nrun-parallel: ${jobs.length - failed} of ${jobs.length} jobs passed in ${seconds(Date.now() - started)} (${slots} at once)\n`);
  process.exit(failed === 0 ? 0 : 1);
}

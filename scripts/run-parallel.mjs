// Runs npm scripts side by side, as many at once as the machine has cores
// (at least 2): `npm test`'s checks before the unit suite (four typechecks,
// lint, build → static → package) took ~160 s one after another on the
// 2-core CI machine; tsc and eslint each use one core (issue 12, item 5).
//
//   node scripts/run-parallel.mjs typecheck:root lint build,test:static,test:package
//
// Each argument is one job; a comma-separated argument is a chain run in
// order (a later script needs the earlier one: the static and package
// checks read what the build made), stopped at its first failure. Longest
// jobs first: they start at once. Each job's output is printed whole when it
// ends, with its time; the exit code is 1 when any job failed (all run to
// the end, so every problem is shown at once).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const jobs = process.argv.slice(2).map((arg) => arg.split(',').filter(Boolean));
if (jobs.length === 0 || jobs.some((chain) => chain.length === 0)) {
  process.stderr.write('usage: node scripts/run-parallel.mjs SCRIPT[,SCRIPT…] …\n');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const slots = Math.max(2, availableParallelism());
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** One npm script; its output collected, resolved with its exit code. */
function runScript(name) {
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

async function runChain(chain) {
  for (const name of chain) {
    const t0 = Date.now();
    const { code, output } = await runScript(name);
    const mark = code === 0 ? 'ok' : `FAILED (exit ${code})`;
    process.stdout.write(`\n── ${name}: ${mark} in ${seconds(Date.now() - t0)}\n${output.trimEnd() ? `${output.trimEnd()}\n` : ''}`);
    if (code !== 0) return false;
  }
  return true;
}

const queue = [...jobs];
const results = [];
async function worker() {
  for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) results.push(await runChain(chain));
}
await Promise.all(Array.from({ length: Math.min(slots, jobs.length) }, worker));
const failed = results.filter((ok) => !ok).length;
process.stdout.write(`\nrun-parallel: ${jobs.length - failed} of ${jobs.length} jobs passed in ${seconds(Date.now() - started)} (${slots} at once)\n`);
process.exit(failed === 0 ? 0 : 1);

/**
 * A child process of benchImport (exchange.bench.ts): the measured import,
 * in a process that holds what the app's main process holds when it imports
 * (the main-side code as one bundle, the open installation) and nothing the
 * bench itself made. The parent bundles this file with esbuild as
 * scripts/build.mjs bundles main, runs it with plain Node, and reads one
 * JSON line: the timing, the memory samples and what was refused.
 *
 * Before, the import ran in the bench's own process, under tsx (which keeps
 * every transformed module and its source map) and after the bench had
 * enrolled the senders and read the ledger of made packages: about 150 MiB
 * of a 226 MiB start that the app never holds (docs/performance.md, fifth pass).
 *
 *   node --expose-gc <bundle> <input JSON>
 *   input: { dataDir, resourcesDir, now, paths }
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../src-main/app/create-app';
import { createScriptedDialogs } from '../src-main/ports/dialogs';
import { fixedClock } from '../src-main/ports/clock';
import { silentLogger } from '../src-main/ports/logger';
import { pathsFor } from '../src-main/ports/paths';
import { createFileSecretStore } from '../src-main/ports/secret-store';
import { cliActor } from '../src-main/services/accounts/access';
import { FAST_SCRYPT } from '../src-main/services/testing/fast-scrypt';
import { profiled, time } from './measure';

interface Input {
  dataDir: string;
  resourcesDir: string;
  now: string;
  paths: string[];
}

/** What the parent reads: the import's timing and this process's memory while it ran. */
export interface ImportChildResult {
  medianMs: number;
  medianCpuMs: number;
  atStart: { rss: number; heap: number };
  peak: { rss: number; heap: number };
  /** The kernel's high-water mark of this process's RSS (VmHWM): every moment, start-up included, not only the 25 ms samples. */
  highWaterRss: number;
  refused: Array<{ code: string | null; detail: string | null }>;
  imported: number;
}

/** The kernel's peak resident set of this process, in bytes (Linux; 0 where /proc is missing). */
function highWaterMark(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kib === undefined ? 0 : Number(kib) * 1024;
  } catch {
    return 0;
  }
}

const input = JSON.parse(process.argv[2] ?? '') as Input;
const paths = pathsFor(input.dataDir, input.resourcesDir);
const app = await createApp(
  {
    paths,
    clock: fixedClock(input.now),
    log: silentLogger,
    secrets: createFileSecretStore(paths.secretsDir),
    dialogs: createScriptedDialogs(),
    appVersion: '0.1.0',
  },
  { hashParams: FAST_SCRYPT },
);
try {
  global.gc?.();
  // V8 gives the pages a collection freed back to the system from a background thread: let it, or the RSS read
  // here can exceed the first samples of the import.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heap: start.heapUsed };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const timer = setInterval(sample, 25);
  let files: Awaited<ReturnType<typeof app.services.exchange.importer.commit>>['files'] = [];
  const timing = await time(1, async () => {
    files = (await profiled('import', () => app.services.exchange.importer.commit(cliActor('bench'), input.paths))).files;
  });
  clearInterval(timer);
  sample();
  const result: ImportChildResult = {
    medianMs: timing.medianMs,
    medianCpuMs: timing.medianCpuMs,
    atStart: { rss: start.rss, heap: start.heapUsed },
    peak,
    highWaterRss: highWaterMark(),
    refused: files.filter((f) => f.status !== 'imported').map((f) => ({ code: f.code, detail: f.detail })),
    imported: files.filter((f) => f.status === 'imported').length,
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
} finally {
  await app.close();
}

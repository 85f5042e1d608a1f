/**
 * Small timing helpers for `npm run bench`. Every benchmark compares the
 * thing we ship against a baseline measured in the same run on the same
 * machine, and prints the ratio: absolute times on a shared 2-core machine
 * mean little, ratios mean more.
 */
export interface Timing {
  /** Median of the runs, in milliseconds. */
  medianMs: number;
  runs: number[];
}

export async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, runs: samples };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ratio = (ours: number, baseline: number) => `${(ours / baseline).toFixed(2)}x`;

export interface BenchResult {
  name: string;
  lines: string[];
}

/**
 * Runs fn under the CPU profiler when PUMPURS_BENCH_PROFILE names a folder,
 * writing <folder>/<label>.cpuprofile (open it in Chrome DevTools, or
 * summarise it with `node scripts/cpuprofile-summary.mjs`). Only the
 * measured phase is profiled, not the making of the test data.
 */
export async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.PUMPURS_BENCH_PROFILE;
  if (!dir) return fn();
  const { Session } = await import('node:inspector/promises');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/${label}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

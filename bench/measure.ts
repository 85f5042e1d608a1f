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
  /**
   * Median CPU time of the runs (user + system, every thread of the
   * process), in milliseconds: on a machine shared with other work it moves
   * far less than the wall clock, which counts the time other processes hold
   * the cores. It does not count waiting for the disk.
   */
  medianCpuMs: number;
  cpuRuns: number[];
}

export async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(startCpu);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((used.user + used.system) / 1e3);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { medianMs: median(samples), runs: samples, medianCpuMs: median(cpu), cpuRuns: cpu };
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

/**
 * Runs `ours` and `baseline` alternately, `runs` times each, and times both
 * as time() does. On a machine shared with other work the load swings from
 * one second to the next; alternating puts both sides under the same swings,
 * where timing one side's runs and then the other's could measure them in
 * different minutes.
 */
/**
 * Each function once in turn, `runs` rounds: on a shared machine whose load
 * swings within seconds, every function sees the same swings. Keys keep their
 * order within a round.
 */
export async function timeRoundRobin<K extends string>(runs: number, fns: Record<K, () => unknown | Promise<unknown>>): Promise<Record<K, Timing>> {
  const keys = Object.keys(fns) as K[];
  const taken = new Map<K, Timing[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const k of keys) taken.get(k)!.push(await time(1, fns[k]));
  const merge = (timings: Timing[]): Timing => {
    const runs = timings.flatMap((t) => t.runs);
    const cpuRuns = timings.flatMap((t) => t.cpuRuns);
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
    return { medianMs: median(runs), runs, medianCpuMs: median(cpuRuns), cpuRuns };
  };
  return Object.fromEntries(keys.map((k) => [k, merge(taken.get(k)!)])) as Record<K, Timing>;
}

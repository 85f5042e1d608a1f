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

/**
 * The bridges this Playwright worker started (fixtures.ts), by URL: seed.ts
 * calls their router in-process, as the HTTP door would, without the HTTP.
 * A URL not in here (a bridge of another process) still goes over HTTP.
 */
export const inProcess = new Map<string, (channel: unknown, input: unknown) => Promise<unknown>>();

/**
 * `import(file)` of a built bundle (dist/main/*.mjs), with stacks left
 * unmapped while it loads: bluebird (in exceljs) reads a stack at load, and
 * Playwright's source-map support then parsed the bundle's 5 MB source map,
 * ~2.5 s of CPU per worker for a stack nobody reads (docs/performance.md,
 * fifth pass). Stacks read later are mapped as before.
 */
let loading = 0;
let saved: unknown;

export async function importBundle<T>(file: string): Promise<T> {
  const holder = Error as { prepareStackTrace?: unknown };
  if (loading++ === 0) saved = holder.prepareStackTrace;
  holder.prepareStackTrace = undefined;
  try {
    return (await import(file)) as T;
  } finally {
    if (--loading === 0) holder.prepareStackTrace = saved;
  }
}

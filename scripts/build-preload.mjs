// Builds the preload: sandboxed, CommonJS, tiny. The contract's channel and
// event names are read from src-shared/ipc/contract at build time and
// written into the bundle as plain lists, so the preload checks every call
// against the contract without shipping zod and every schema (~800 KB) into
// each window.
import { build } from 'esbuild';

/** The contract's channel and event names, from the TypeScript source. */
export async function contractNames() {
  const bundle = await build({
    entryPoints: ['src-shared/ipc/contract/index.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  const source = bundle.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  return { channels: [...mod.CHANNELS].sort(), events: [...mod.EVENT_NAMES].sort() };
}

export async function buildPreload({ outdir = 'dist/preload', write = true } = {}) {
  const names = await contractNames();
  return build({
    entryPoints: { preload: 'src-main/preload/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    sourcemap: write,
    write,
    logLevel: 'warning',
    legalComments: 'none',
    define: {
      __CONTRACT_CHANNELS__: JSON.stringify(names.channels),
      __CONTRACT_EVENTS__: JSON.stringify(names.events),
    },
  });
}

// Builds everything the app runs: main (ESM), preload (CommonJS, so it loads
// in a sandboxed window), the CLI, the browser test bridge, and the renderer.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import { buildPreload } from './build-preload.mjs';

await rm('dist', { recursive: true, force: true });

// ESM bundles that still contain CommonJS dependencies need a `require`.
const esmRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
const nodeExternal = ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'electron-updater'];

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'src-main/electron/main.ts', cli: 'src-main/cli/cli.ts', 'bridge-server': 'src-main/bridge/bridge-server.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    external: nodeExternal,
    banner: { js: esmRequire },
  }),
  buildPreload(),
]);

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('build: dist/main, dist/preload, dist/renderer');

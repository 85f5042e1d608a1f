import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that share their worker's loaded modules (`isolate: false`):
 * most of these import most of main (createApp, the services, kysely, zod,
 * exceljs …), and evaluating that graph again in a fresh process cost
 * ~2 CPU-seconds per file (issue 12, item 5; docs/performance.md, "Fourth
 * pass"). None of them mocks a module, stubs a global or changes process
 * state; each makes its own temp folders and databases and closes them.
 * Files that mock (electron/main.test.ts, tests/node/electron-free.test.ts,
 * which must import every module fresh), spawn the CLI's entry
 * (cli/bin.test.ts), and the renderer's and scripts' tests stay isolated.
 */
const SHARED_MODULES = [
  'src-main/services/**/*.test.ts',
  'src-main/ipc/**/*.test.ts',
  'src-main/package-format/**/*.test.ts',
  'src-main/cli/cli.test.ts',
  'src-main/cli/verbs/**/*.test.ts',
  'src-main/db/**/*.test.ts',
  'src-main/bridge/**/*.test.ts',
  'src-main/app/**/*.test.ts',
  'src-main/ports/**/*.test.ts',
  'src-shared/**/*.test.ts',
];

/** Unit and integration tests under plain Node: everything but the browser e2e. */
const ALL_TESTS = ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'tests/node/**/*.test.ts', 'scripts/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker less than the cores: a single worker on
    // the 2-core CI machine, where much of a file's time is spent waiting on
    // fsync, child processes (the CLI) and the libuv pool. Two there (issue 12).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No `include` above: a project that extends the root concatenates its arrays with the root's.
    projects: [
      { extends: true, test: { name: 'isolated', include: ALL_TESTS, exclude: [...configDefaults.exclude, ...SHARED_MODULES] } },
      { extends: true, test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false } },
    ],
  },
});

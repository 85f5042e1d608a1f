// Lint rules that keep each runtime in its lane: the folder says where code
// runs, and these rules enforce who may import whom.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

const electronImport = {
  group: ['electron', 'electron/*'],
  message: "Only src-main/electron/ and src-main/preload/ may import 'electron': everything else must run under plain Node.",
};
const nodeImport = { group: ['node:*'], message: 'This code must run anywhere: no Node built-ins.' };
const mainImport = { group: ['**/src-main/**', '../src-main/*'], message: 'The renderer talks to main only through the IPC client (src-renderer/api).' };
// Screens call main through the hooks of src-renderer/ui/use-api.ts (useLoad,
// useSubmit, callChecked), so every failure takes one path: field errors, the
// session lock, or a message in the user's language (issue 8). Only the hooks,
// the app frame (sign-out, session events) and the progress events read the
// client itself.
const clientImport = {
  group: ['**/api/client', '**/api/client.ts'],
  message: 'Call main through useLoad / useSubmit / callChecked (src-renderer/ui/use-api.ts): they share one error path and the session lock.',
};
const clientReaders = ['src-renderer/api/**', 'src-renderer/app.tsx', 'src-renderer/ui/use-api.ts', 'src-renderer/ui/progress.tsx'];
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads', 'module'].map(
  (name) => ({ name, message: 'Use node: imports, and only where Node runs (src-main).' }),
);

// The layers inside src-main, top to bottom (docs/architecture.md, "Layers"):
// the entry points (electron, cli, bridge) → app (wiring) → ipc (router and
// handlers) → services → db | package-format (the exchange package library) | ports.
// Each folder may import only the folders listed for it (and src-shared);
// nothing imports upward. Checked by scripts/eslint-layers.mjs for static
// imports, re-exports and dynamic import() alike.
const mainLayers = {
  electron: ['cli', 'app', 'ipc', 'services', 'db', 'package-format', 'ports'], // the packaged app runs the CLI when given a verb
  cli: ['app', 'ipc', 'services', 'db', 'package-format', 'ports'],
  bridge: ['app', 'ipc', 'services', 'db', 'package-format', 'ports'],
  app: ['ipc', 'services', 'db', 'package-format', 'ports'],
  ipc: ['services', 'db', 'package-format', 'ports'],
  services: ['db', 'package-format', 'ports'],
  db: ['ports'],
  'package-format': ['ports'],
  ports: [],
  preload: [],
};
const mainArea = (name) => `src-main/${name}`;
const layerMap = (mainMay) => ({
  ...Object.fromEntries(Object.entries(mainLayers).map(([name, below]) => [mainArea(name), [...mainMay(name, below).map(mainArea), 'src-shared']])),
  'src-renderer': ['src-shared'],
  'src-shared': [],
});
// Tests and their helpers assemble the whole app to test a layer from above
// (createApp, the CLI), so they may import any src-main layer; they still may
// not cross into another runtime.
const testFiles = ['src-main/**/*.test.ts', 'src-main/**/testing/**/*.ts', 'src-main/**/test-support/**/*.ts'];
const layerRule = (mainMay) => ['error', { may: layerMap(mainMay), roots: ['src-main'] }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [electronImport] }],
    },
  },
  {
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}', 'src-shared/**/*.{ts,tsx}'],
    plugins: { local: layers },
    rules: { 'local/layer-imports': layerRule((_name, below) => below) },
  },
  {
    files: testFiles,
    rules: { 'local/layer-imports': layerRule(() => Object.keys(mainLayers)) },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            electronImport,
            nodeImport,
            mainImport,
            { group: ['**/src-renderer/**'], message: 'src-shared is imported by the others, never the other way round.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [electronImport, nodeImport, mainImport, clientImport] }],
    },
  },
  {
    files: clientReaders,
    rules: { 'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [electronImport, nodeImport, mainImport] }] },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeImport,
            { regex: '^(?!electron$|(\\.\\./)+src-shared/)', message: 'The preload is sandboxed: it may import only electron and src-shared.' },
          ],
        },
      ],
    },
  },
);

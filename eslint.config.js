// Lint rules that keep each runtime in its lane: the folder says where code
// runs, and these rules enforce who may import whom.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronImport = {
  group: ['electron', 'electron/*'],
  message: "Only src-main/electron/ and src-main/preload/ may import 'electron': everything else must run under plain Node.",
};
const nodeImport = { group: ['node:*'], message: 'This code must run anywhere: no Node built-ins.' };
const mainImport = { group: ['**/src-main/**', '../src-main/*'], message: 'The renderer talks to main only through the IPC client (src-renderer/api).' };
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads', 'module'].map(
  (name) => ({ name, message: 'Use node: imports, and only where Node runs (src-main).' }),
);

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
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [electronImport, nodeImport, mainImport, { group: ['**/src-renderer/**'], message: 'src-shared is imported by the others, never the other way round.' }] }],
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
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [electronImport, nodeImport, mainImport] }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeImport, { regex: '^(?!electron$|(\\.\\./)+src-shared/)', message: 'The preload is sandboxed: it may import only electron and src-shared.' }] }],
    },
  },
);

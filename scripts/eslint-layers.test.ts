/**
 * The layer rule, run through ESLint's Node API with the project's own
 * eslint.config.js: each snippet is linted as if it sat at the path given, so
 * removing the rule (or a layer's restriction) from the config fails here.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('', { filePath: resolve(ROOT, 'src-main/db/warm-up.ts') }); // loads the config and parser once
});

/** The layer rule's messages for `code` linted at `file` (relative to the repository root). */
async function layerErrors(file: string, code: string): Promise<{ messageId: string | undefined; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet must parse').toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'local/layer-imports').map((m) => ({ messageId: m.messageId, message: m.message }));
}

const staticImport = (spec: string) => `import { thing } from '${spec}';\nexport const used = thing;\n`;
const dynamicImport = (spec: string) => `export async function load(): Promise<unknown> {\n  return import('${spec}');\n}\n`;

// [the importing file, the forbidden module, the layers named in the message]
const FORBIDDEN: [string, string, string, string][] = [
  ['src-main/db/fixture.ts', '../services/audit', 'src-main/db', 'src-main/services'],
  ['src-main/db/fixture.ts', '../package-format/reader', 'src-main/db', 'src-main/package-format'],
  ['src-main/package-format/fixture.ts', '../db/schema', 'src-main/package-format', 'src-main/db'],
  ['src-main/ports/fixture.ts', '../db/connection', 'src-main/ports', 'src-main/db'],
  ['src-main/services/fixture.ts', '../ipc/router', 'src-main/services', 'src-main/ipc'],
  ['src-main/services/exchange/fixture.ts', '../../app/create-app', 'src-main/services', 'src-main/app'],
  ['src-main/ipc/handlers/fixture.ts', '../../app/create-app', 'src-main/ipc', 'src-main/app'],
  ['src-main/ipc/fixture.ts', '../cli/cli', 'src-main/ipc', 'src-main/cli'],
  ['src-main/app/fixture.ts', '../cli/cli', 'src-main/app', 'src-main/cli'],
  ['src-main/app/fixture.ts', '../bridge/bridge-server', 'src-main/app', 'src-main/bridge'],
  ['src-main/cli/verbs/fixture.ts', '../../electron/main', 'src-main/cli', 'src-main/electron'],
  ['src-main/bridge/fixture.ts', '../cli/cli', 'src-main/bridge', 'src-main/cli'],
  ['src-main/preload/fixture.ts', '../ipc/router', 'src-main/preload', 'src-main/ipc'],
  ['src-main/services/fixture.ts', '../../src-renderer/paths', 'src-main/services', 'src-renderer'],
  ['src-main/app/fixture.ts', '../../src-renderer/ui/app-shell', 'src-main/app', 'src-renderer'],
  ['src-renderer/features/fixture.ts', '../../src-main/services/audit', 'src-renderer', 'src-main/services'],
  ['src-shared/domain/fixture.ts', '../../src-main/db/schema', 'src-shared', 'src-main/db'],
  ['src-shared/domain/fixture.ts', '../../src-renderer/paths', 'src-shared', 'src-renderer'],
];

describe('layer rule: nothing imports upward or across runtimes', () => {
  it.each(FORBIDDEN)('%s ↛ %s (static import)', async (file, spec, from, to) => {
    const errors = await layerErrors(file, staticImport(spec));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.messageId).toBe('upward');
    expect(errors[0]!.message).toContain(`'${from}' may not import '${to}'`);
  });

  it.each(FORBIDDEN)('%s ↛ %s (dynamic import())', async (file, spec, from, to) => {
    const errors = await layerErrors(file, dynamicImport(spec));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.messageId).toBe('upward');
    expect(errors[0]!.message).toContain(`'${from}' may not import '${to}'`);
  });

  it('checks every other way of naming a module: type imports, re-exports, import types, template literals, require', async () => {
    const file = 'src-main/db/fixture.ts';
    const code = [
      "import type { AuditEntry } from '../services/audit';",
      "export * from '../services/plan-service';",
      "export { thing } from '../ipc/router';",
      "export type Router = typeof import('../ipc/router');",
      'export const later = () => import(`../app/create-app`);',
      "export const old = require('../cli/cli');",
      'export type Used = AuditEntry;',
    ].join('\n');
    const errors = await layerErrors(file, code);
    expect(errors.map((e) => e.messageId)).toEqual(['upward', 'upward', 'upward', 'upward', 'upward', 'upward']);
  });

  it('refuses an import() whose module is computed at run time', async () => {
    const errors = await layerErrors('src-main/services/fixture.ts', 'export const load = (name: string) => import(`../ipc/${name}`);\n');
    expect(errors.map((e) => e.messageId)).toEqual(['computed']);
  });

  it('refuses a folder of src-main that has no layer yet', async () => {
    expect((await layerErrors('src-main/newthing/fixture.ts', staticImport('../db/schema'))).map((e) => e.messageId)).toEqual(['noArea']);
    expect((await layerErrors('src-main/services/fixture.ts', staticImport('../newthing/x'))).map((e) => e.messageId)).toEqual(['noArea']);
  });

  it('lets tests assemble the app from any src-main layer, but not cross into the renderer', async () => {
    expect(await layerErrors('src-main/db/fixture.test.ts', staticImport('../app/create-app'))).toEqual([]);
    expect(await layerErrors('src-main/services/exchange/testing/fixture.ts', dynamicImport('../../../cli/cli'))).toEqual([]);
    const errors = await layerErrors('src-main/db/fixture.test.ts', dynamicImport('../../src-renderer/paths'));
    expect(errors.map((e) => e.messageId)).toEqual(['upward']);
  });
});

describe('layer rule: downward imports pass', () => {
  const ALLOWED: [string, string][] = [
    ['src-main/electron/fixture.ts', '../cli/cli'],
    ['src-main/cli/verbs/fixture.ts', '../../app/create-app'],
    ['src-main/bridge/fixture.ts', '../app/create-app'],
    ['src-main/app/fixture.ts', '../ipc/router'],
    ['src-main/ipc/handlers/fixture.ts', '../../services/audit'],
    ['src-main/ipc/fixture.ts', '../db/schema'],
    ['src-main/services/exchange/fixture.ts', '../../package-format/reader'],
    ['src-main/services/fixture.ts', '../db/schema'],
    ['src-main/services/fixture.ts', '../ports/clock'],
    ['src-main/db/fixture.ts', '../ports/logger'],
    ['src-main/package-format/fixture.ts', '../ports/capped-read'],
    ['src-main/db/fixture.ts', '../../src-shared/ipc/result'],
    ['src-main/db/fixture.ts', './schema'],
    ['src-renderer/features/fixture.ts', '../../src-shared/ipc/result'],
    ['src-main/services/fixture.ts', 'kysely'],
  ];
  it.each(ALLOWED)('%s → %s', async (file, spec) => {
    expect(await layerErrors(file, staticImport(spec))).toEqual([]);
    expect(await layerErrors(file, dynamicImport(spec))).toEqual([]);
  });
});

#!/usr/bin/env node
// Validates electron-builder.yml against the JSON schema that ships with the
// installed electron-builder (node_modules/app-builder-lib/scheme.json), so a
// misspelt or unsupported key fails here, on any machine, instead of at
// packaging time on a machine with internet access.
//
//   node scripts/check-electron-builder-config.mjs [--config FILE] [--schema FILE]
//
// Exit 0 when valid, 1 with one readable line per problem otherwise.
//
// Ajv settings, for this schema (draft-07, the Ajv 8 default):
//  - strict mode stays on; the one non-standard keyword the schema uses,
//    `typeof` (from ajv-keywords, for JavaScript hooks), is defined below. A
//    YAML value is never a function, so those branches never match.
//  - allowUnionTypes: the schema uses `"type": ["null", "string"]`.
//  - allErrors: report every problem at once. `additionalProperties: false`
//    in the schema makes unknown keys errors, and errors fail the check.
import Ajv from 'ajv';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CONFIG = join(root, 'electron-builder.yml');
export const DEFAULT_SCHEMA = join(root, 'node_modules', 'app-builder-lib', 'scheme.json');

function createValidator(schema) {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type, data) => typeof data === type, errors: false });
  return ajv.compile(schema);
}

/** JSON pointer -> path segments (numbers for array indexes). */
function segments(pointer) {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(error) {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties':
      return { where, path: segments(error.instancePath), key: error.params.additionalProperty, text: `unknown key "${error.params.additionalProperty}"` };
    case 'enum':
      return { where, path: segments(error.instancePath), text: `${error.message}: ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { where, path: segments(error.instancePath), text: error.message ?? error.keyword };
  }
}

/**
 * Validates one YAML file. Returns { ok, errors } where errors are readable
 * lines like `electron-builder.yml:12 /nsis: unknown key "perMachin"`.
 */
export async function validateElectronBuilderConfig(configFile = DEFAULT_CONFIG, schemaFile = DEFAULT_SCHEMA) {
  const [text, schemaText] = await Promise.all([readFile(configFile, 'utf8'), readFile(schemaFile, 'utf8')]);
  const name = relative(process.cwd(), configFile) || configFile;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => `${name}: YAML: ${e.message.split('\n')[0]}`) };
  }
  const config = doc.toJS();
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return { ok: false, errors: [`${name}: the configuration must be a YAML mapping`] };
  }
  const validate = createValidator(JSON.parse(schemaText));
  if (validate(config)) return { ok: true, errors: [] };

  const lineOf = (path, key) => {
    const node = doc.getIn(key === undefined ? path : [...path, key], true) ?? doc.getIn(path, true);
    const offset = key !== undefined ? keyOffset(doc, path, key) : node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const lines = new Set();
  for (const error of withoutBranchNoise(validate.errors ?? [])) {
    const d = describe(error);
    const line = lineOf(d.path, d.key);
    lines.add(`${name}${line === undefined ? '' : `:${line}`} ${d.where}: ${d.text}`);
  }
  return { ok: false, errors: [...lines] };
}

/**
 * Where the schema says "one of these shapes" (anyOf), Ajv also reports that
 * the value fails the other shapes ("must be null") and the anyOf itself.
 * Those lines are dropped when a more precise error at or below the same
 * place explains the problem.
 */
function withoutBranchNoise(errors) {
  const isNoise = (e) => e.keyword === 'anyOf' || (e.keyword === 'type' && /\/anyOf\/\d+\/type$/.test(e.schemaPath));
  const precise = errors.filter((e) => !isNoise(e));
  return errors.filter((e) => !isNoise(e) || !precise.some((p) => p.instancePath === e.instancePath || p.instancePath.startsWith(`${e.instancePath}/`)));
}

/** Where a key itself (not its value) starts, for "unknown key" errors. */
function keyOffset(doc, path, key) {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const pair = map?.items?.find((item) => (item.key?.value ?? item.key) === key);
  return pair?.key?.range?.[0];
}

async function main() {
  const { values } = parseArgs({ options: { config: { type: 'string' }, schema: { type: 'string' } } });
  const configFile = values.config ? resolve(values.config) : DEFAULT_CONFIG;
  const schemaFile = values.schema ? resolve(values.schema) : DEFAULT_SCHEMA;
  let result;
  try {
    result = await validateElectronBuilderConfig(configFile, schemaFile);
  } catch (err) {
    process.stderr.write(`check-electron-builder-config: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  if (!result.ok) {
    process.stderr.write(`electron-builder configuration is not valid against ${relative(process.cwd(), schemaFile)}:\n`);
    for (const line of result.errors) process.stderr.write(`  ${line}\n`);
    process.exit(1);
  }
  process.stdout.write(`${relative(process.cwd(), configFile)}: valid for electron-builder (${relative(process.cwd(), schemaFile)})\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

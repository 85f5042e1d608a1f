// A small local ESLint rule that keeps the layers apart (the way VS Code's
// code-layering check does): each file belongs to the area named by its
// folder, and may import only from its own area and from the areas its
// options list. Static imports, re-exports, `import()` (dynamic imports),
// `import('…')` types and `require('…')` are all checked the same way.
// The layers themselves are listed in eslint.config.js and docs/architecture.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in scripts/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const toPosix = (p) => p.split(path.sep).join('/');

/** The longest area that holds `relPath` (areas are folders relative to the root), or null. */
function areaOf(relPath, areas) {
  let found = null;
  for (const area of areas) {
    if ((relPath === area || relPath.startsWith(`${area}/`)) && (found === null || area.length > found.length)) found = area;
  }
  return found;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers below it (see docs/architecture.md, "Layers").' },
    schema: [
      {
        type: 'object',
        properties: {
          // area -> the other areas it may import (its own area is always allowed)
          may: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          // folders whose every file must sit in one of the areas (a new folder must be given a layer first)
          roots: { type: 'array', items: { type: 'string' } },
        },
        required: ['may'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "'{{from}}' may not import '{{to}}' ({{spec}}): {{from}} may import only {{allowed}}. See docs/architecture.md, \"Layers\".",
      noArea: "'{{path}}' is in no layer: give its folder a layer in eslint.config.js and docs/architecture.md before importing it ({{spec}}).",
      computed: 'This import() names its module at run time, so its layer cannot be checked: use a string literal.',
    },
  },
  create(context) {
    const { may, roots = [] } = context.options[0];
    const areas = Object.keys(may);
    const file = toPosix(path.relative(ROOT, context.filename));
    const from = areaOf(file, areas);
    const inRoot = (rel) => roots.some((r) => rel === r || rel.startsWith(`${r}/`));
    if (from === null && !inRoot(file)) return {};

    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return; // packages are the other rules' business
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = areaOf(target, areas);
      if (from === null) {
        context.report({ node, messageId: 'noArea', data: { path: file, spec } });
        return;
      }
      if (to === null) {
        if (inRoot(target)) context.report({ node, messageId: 'noArea', data: { path: target, spec } });
        return;
      }
      if (to === from || may[from].includes(to)) return;
      context.report({ node, messageId: 'upward', data: { from, to, spec, allowed: may[from].length ? may[from].join(', ') : 'nothing outside itself' } });
    }

    function checkSource(node, source) {
      if (!source) return;
      if (source.type === 'Literal') check(node, source.value);
      else if (source.type === 'TemplateLiteral' && source.expressions.length === 0) check(node, source.quasis[0].value.cooked);
      else context.report({ node, messageId: 'computed' });
    }

    return {
      ImportDeclaration: (node) => checkSource(node, node.source),
      ExportNamedDeclaration: (node) => checkSource(node, node.source),
      ExportAllDeclaration: (node) => checkSource(node, node.source),
      ImportExpression: (node) => checkSource(node, node.source),
      TSImportType: (node) => {
        // typescript-eslint 8 names the string `source`; older versions held it in `argument` (a TSLiteralType)
        if (node.source) checkSource(node, node.source);
        else if (node.argument?.type === 'TSLiteralType') checkSource(node, node.argument.literal);
      },
      TSExternalModuleReference: (node) => checkSource(node, node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) checkSource(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };

/**
 * The renderer is untrusted: every input schema must bound what main will
 * parse, allocate and store. Each string has a maximum length (or a pattern
 * that cannot match more than a bounded length, or a closed set of values),
 * each array a maximum size, each number a minimum and a maximum, and each
 * record is refused (none is needed in an input).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract } from './index';

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
}
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  catchall?: z.ZodType;
  getter?: () => z.ZodType;
}
const internals = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

/** An anchored pattern whose every quantifier is bounded ({n} or {n,m}, ?), so it cannot match an unbounded string. */
function boundedPattern(re: RegExp): boolean {
  const src = re.source;
  if (!src.startsWith('^') || !src.endsWith('$')) return false;
  return !/(?<!\\)[*+]|\{\d+,\}/.test(src);
}

function problems(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const { def } = internals(schema);
  const checks = checksOf(def);
  const has = (kind: string) => checks.some((c) => c.check === kind);
  const inner = (s: z.ZodType | undefined, p = path) => (s ? problems(s, p, seen) : []);
  switch (def.type) {
    case 'string': {
      const bounded = has('max_length') || has('length_equals') || checks.some((c) => c.pattern !== undefined && boundedPattern(c.pattern));
      return bounded ? [] : [`${path}: string without a maximum length`];
    }
    case 'number':
    case 'bigint':
      return has('less_than') && has('greater_than') ? [] : [`${path}: number without both bounds`];
    case 'array':
      return [...(has('max_length') || has('length_equals') ? [] : [`${path}: array without a maximum size`]), ...inner(def.element, `${path}[]`)];
    case 'tuple':
      return [
        ...((def as { items?: z.ZodType[] }).items ?? []).flatMap((item, i) => problems(item, `${path}[${i}]`, seen)),
        ...inner((def as { rest?: z.ZodType }).rest ?? undefined, `${path}[]`),
      ];
    case 'object':
      return [
        ...Object.entries(def.shape ?? {}).flatMap(([key, s]) => problems(s, path ? `${path}.${key}` : key, seen)),
        ...(def.catchall && internals(def.catchall).def.type !== 'never' ? [`${path}: object with a catch-all`] : []),
      ];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'union':
      return (def.options ?? []).flatMap((o) => problems(o, path, seen));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'lazy':
      return inner(def.getter?.());
    case 'enum':
    case 'literal':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'transform':
    case 'never':
      return [];
    default:
      return [`${path}: ${def.type} is not checked for bounds`];
  }
}

describe('channel inputs', () => {
  it.each(CHANNELS)('%s bounds every string, array and number', (channel) => {
    expect(problems(contract[channel].input, '')).toEqual([]);
  });
});

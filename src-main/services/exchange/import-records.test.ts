/** The importer's fast canonical JSON is RFC 8785 for every value a record can hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../package-format/canonical-json';
import { recordJson, typedRecordJson } from './import-records';

/** Well-formed strings only: the record schemas refuse lone surrogates. */
const text = fc.string({ unit: 'binary' }).filter((s) => !/\p{Cs}/u.test(s));
const leaf = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(text, tie('value'), { maxKeys: 6 })),
})).value;

describe('recordJson', () => {
  it('equals canonicalJson (RFC 8785) for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(recordJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers the JCS way', () => {
    const value = { é: 1, z: 1e21, a: [0.1, -0, 1e-7], B: '\u2028"' };
    expect(recordJson(value)).toBe(canonicalJson(value));
    expect(recordJson(value)).toBe('{"B":"\u2028\\"","a":[0.1,0,1e-7],"z":1e+21,"é":1}');
  });

  it('keeps every key at every depth, integer-like keys in code-unit order, and "__proto__" only where it is own', () => {
    const nested = JSON.parse('{"b":[{"z":1,"10":2,"9":3}],"a":{"__proto__":{"x":1}},"c":{"y":null}}') as unknown;
    expect(recordJson(nested)).toBe(canonicalJson(nested));
    expect(recordJson(nested)).toBe('{"a":{"__proto__":{"x":1}},"b":[{"10":2,"9":3,"z":1}],"c":{"y":null}}');
    const plain = { b: { d: 1 }, a: [{ c: 2 }, {}], e: 'x' };
    expect(recordJson(plain)).toBe('{"a":[{"c":2},{}],"b":{"d":1},"e":"x"}');
  });
});

describe('typedRecordJson', () => {
  it('equals canonicalJson for any JSON object, whatever shapes came before under the same type', () => {
    // Few type names, so each list is reused by objects of other shapes: members it lacks must be noticed and added.
    fc.assert(
      fc.property(fc.constantFrom('a', 'b', 'c'), fc.dictionary(text, json, { maxKeys: 6 }), (type, value) => {
        expect(typedRecordJson(type, value)).toBe(canonicalJson(value));
      }),
      { numRuns: 1_000 },
    );
  });

  it('adds a member missing from the list instead of leaving it out, at any depth', () => {
    expect(typedRecordJson('t-depth', { b: 1, a: [{ y: 1 }] })).toBe('{"a":[{"y":1}],"b":1}');
    expect(typedRecordJson('t-depth', { b: 1, a: [{ y: 1, x: 2 }] })).toBe('{"a":[{"x":2,"y":1}],"b":1}');
    expect(typedRecordJson('t-depth', { c: { z: null }, b: 1 })).toBe('{"b":1,"c":{"z":null}}');
  });

  it('never writes an inherited "__proto__" for an object that has none of its own', () => {
    const own = JSON.parse('{"__proto__":{"x":1},"a":1}') as object;
    expect(typedRecordJson('t-proto', own)).toBe(canonicalJson(own));
    expect(typedRecordJson('t-proto', { a: 1, b: { c: 2 } })).toBe('{"a":1,"b":{"c":2}}');
  });
});

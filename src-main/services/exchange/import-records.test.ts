/** The importer's fast canonical JSON is RFC 8785 for every value a record can hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../package-format/canonical-json';
import { recordJson } from './import-records';

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

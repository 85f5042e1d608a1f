/** The importer's fast canonical JSON is RFC 8785 for every value a record can hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../exchange/canonical-json';
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
});

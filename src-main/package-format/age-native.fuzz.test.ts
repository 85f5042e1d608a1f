/**
 * Fuzz: any change to a valid age file (truncation anywhere, including at a
 * chunk boundary; bit flips; inserted, deleted, overwritten or appended
 * bytes; header or payload) is refused with AgeFormatError, never with
 * another exception and never with any plaintext. The reference library is
 * asked about a sample of the same mutants: it must refuse them too.
 */
import { randomBytes } from 'node:crypto';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgeFormatError, ageDecrypt, ageEncrypt } from './age-native';

const CHUNK = 64 * 1024;
let identity: string;
let original: Buffer;
let plaintext: Buffer;
let headerEnd: number;

beforeAll(async () => {
  identity = await generateX25519Identity();
  const other = await identityToRecipient(await generateX25519Identity());
  plaintext = randomBytes(2 * CHUNK + 300);
  original = ageEncrypt(plaintext, [other, await identityToRecipient(identity)]);
  headerEnd = original.indexOf('\n---') + 1;
  headerEnd = original.indexOf(0x0a, headerEnd) + 1;
});

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'append'; bytes: Uint8Array };

function apply(bytes: Buffer, m: Mutation): Buffer {
  const at = 'at' in m ? m.at % (bytes.length + (m.kind === 'insert' ? 1 : 0)) : 0;
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'flip': {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 1 << m.bit;
      return copy;
    }
    case 'overwrite': {
      const copy = Buffer.from(bytes);
      Buffer.from(m.bytes).copy(copy, at);
      return copy;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.count)]);
    case 'append':
      return Buffer.concat([bytes, m.bytes]);
  }
}

/** Positions weighted towards the header and the chunk boundaries, where the parsing decisions are. */
const position = () =>
  fc.oneof(
    fc.nat({ max: headerEnd + 20 }),
    fc.nat({ max: 40 }).map((d) => headerEnd + 16 + CHUNK + 16 - 20 + d),
    fc.nat({ max: 40 }).map((d) => headerEnd + 16 + 2 * (CHUNK + 16) - 20 + d),
    fc.nat({ max: original.length - 1 }),
    fc.nat({ max: 40 }).map((d) => original.length - 1 - d),
  );

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    position().map((at) => ({ kind: 'truncate' as const, at })),
    fc.record({ kind: fc.constant('flip' as const), at: position(), bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant('overwrite' as const), at: position(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: position(), bytes: fc.uint8Array({ minLength: 1, maxLength: 20 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: position(), count: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 20 }) }),
  );

function refusal(bytes: Buffer): unknown {
  try {
    const out = ageDecrypt(bytes, identity);
    return out;
  } catch (err) {
    return err;
  }
}

describe('age-native refuses every damaged file', () => {
  it('the unchanged file decrypts (so the property below can fail)', () => {
    expect(ageDecrypt(original, identity)).toEqual(plaintext);
  });

  it('truncated at every chunk boundary and at every header line', () => {
    const payload = headerEnd + 16;
    const cuts = [0, headerEnd - 1, headerEnd, payload, payload + CHUNK + 16, payload + 2 * (CHUNK + 16), original.length - 1];
    for (let i = 0; i < headerEnd; i++) if (original[i] === 0x0a) cuts.push(i, i + 1);
    for (const cut of cuts) expect(refusal(original.subarray(0, cut)), `cut at ${cut}`).toBeInstanceOf(AgeFormatError);
  });

  it('any mutation that changes the bytes is refused with AgeFormatError and no plaintext', () => {
    fc.assert(
      fc.property(mutation(), (m) => {
        const mutated = apply(original, m);
        fc.pre(!mutated.equals(original));
        expect(refusal(mutated)).toBeInstanceOf(AgeFormatError);
      }),
      { numRuns: 400 },
    );
  });

  it('the reference library refuses the same mutants', async () => {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    await fc.assert(
      fc.asyncProperty(mutation(), async (m) => {
        const mutated = apply(original, m);
        fc.pre(!mutated.equals(original));
        await expect(decrypter.decrypt(mutated)).rejects.toThrow();
      }),
      { numRuns: 15 },
    );
  });
});

/**
 * Random damage to a valid package: bit flips, truncation, inserted, deleted
 * and overwritten bytes, anywhere, with extra weight on the ZIP structures.
 *
 * Properties:
 * 1. the reader never throws (it always resolves to a result);
 * 2. every refusal carries one of the stable codes;
 * 3. it never accepts a changed package whose meaning changed: if a mutated
 *    package is accepted, the mutation only touched bytes that carry no
 *    meaning (e.g. an entry's DOS timestamp or "version made by"), and the
 *    result (manifest, every record, sums hash, signer) is identical to the
 *    original's.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/ipc/result';
import { readPackage, type VerifiedPackage } from './reader';
import { makeParty, packageInput, readerOptions, sampleRecords, type Party } from './test-support/fixtures';
import { zipLayout } from './test-support/zip-layout';
import { writePackage } from './writer';

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

function mutate(original: Buffer, m: Mutation): Buffer {
  switch (m.kind) {
    case 'flip': {
      const copy = Buffer.from(original);
      copy[m.at] = (copy[m.at] ?? 0) ^ m.mask;
      return copy;
    }
    case 'truncate':
      return Buffer.from(original.subarray(0, m.length));
    case 'insert':
      return Buffer.concat([original.subarray(0, m.at), m.bytes, original.subarray(m.at)]);
    case 'delete':
      return Buffer.concat([original.subarray(0, m.at), original.subarray(m.at + m.count)]);
    case 'overwrite': {
      const copy = Buffer.from(original);
      copy.set(m.bytes.subarray(0, Math.max(0, copy.length - m.at)), m.at);
      return copy;
    }
  }
}

let sender: Party;
let recipient: Party;
let original: Buffer;
let expected: VerifiedPackage;

beforeAll(async () => {
  sender = await makeParty('4312900123', 'school');
  recipient = await makeParty('RIGA', 'municipality');
  original = await writePackage(
    packageInput(sender, [recipient], {
      files: [
        { name: 'measures', records: sampleRecords(2, 'm') },
        { name: 'records', records: sampleRecords(6) },
      ],
    }),
  );
  const result = await readPackage({ bytes: original }, readerOptions(recipient, [sender]));
  if (!result.ok) throw new Error('fixture package refused');
  expected = result.value;
});

/** Positions anywhere, or (more often) inside the headers and directories where parsers get confused. */
function position(length: number): fc.Arbitrary<number> {
  const layout = zipLayout(original);
  const headerSpots = layout.entries.flatMap((e) => [e.headerStart, e.nameStart, e.dataStart]);
  const near = (start: number, span: number) => fc.integer({ min: start, max: Math.min(length - 1, start + span) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: length - 1 }) },
    { weight: 3, arbitrary: fc.integer({ min: layout.centralStart, max: length - 1 }) },
    { weight: 3, arbitrary: fc.constantFrom(...headerSpots).chain((spot) => near(spot, 40)) },
  );
}

function mutation(length: number): fc.Arbitrary<Mutation> {
  const at = position(length);
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 8 });
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), length: fc.integer({ min: 0, max: length - 1 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, bytes }),
    fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 16 }) }),
    fc.record({ kind: fc.constant('overwrite' as const), at, bytes }),
  );
}

describe('reader under random damage', () => {
  it('never throws, always uses a stable code, never accepts a change of meaning', async () => {
    const accepted: Mutation[] = [];
    await fc.assert(
      fc.asyncProperty(mutation(original.length), async (m) => {
        const damaged = mutate(original, m);
        fc.pre(!damaged.equals(original));
        const result = await readPackage({ bytes: damaged }, readerOptions(recipient, [sender]));
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.refusal.code);
          expect(result.refusal.detail).toMatch(/^[a-z0-9-]+$/);
          return;
        }
        accepted.push(m);
        expect(result.value).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    // Accepted mutations must be rare: only meaningless metadata bytes qualify.
    expect(accepted.length).toBeLessThan(40);
  });
});

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
import { mutate, mutationOf, type Mutation } from './test-support/mutations';
import { writePackage } from './writer';

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

describe('reader under random damage', () => {
  it('never throws, always uses a stable code, never accepts a change of meaning', async () => {
    const accepted: Mutation[] = [];
    await fc.assert(
      fc.asyncProperty(mutationOf(original, 16), async (m) => {
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

/**
 * Random damage to a package for property tests: bit flips, truncation,
 * inserted, deleted and overwritten bytes, anywhere, with extra weight on the
 * ZIP structures. Shared by the reader's and the importer's property tests.
 */
import fc from 'fast-check';
import { zipLayout } from './zip-layout';

export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

/** Applies one mutation; positions past the end (after an earlier truncation) change nothing. */
export function mutate(original: Buffer, m: Mutation): Buffer {
  if ('at' in m && m.at >= original.length) return original;
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

/** Positions anywhere, or (more often) inside the headers and directories where parsers get confused. */
function position(original: Buffer): fc.Arbitrary<number> {
  const length = original.length;
  const layout = zipLayout(original);
  const headerSpots = layout.entries.flatMap((e) => [e.headerStart, e.nameStart, e.dataStart]);
  const near = (start: number, span: number) => fc.integer({ min: start, max: Math.min(length - 1, start + span) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: length - 1 }) },
    { weight: 3, arbitrary: fc.integer({ min: layout.centralStart, max: length - 1 }) },
    { weight: 3, arbitrary: fc.constantFrom(...headerSpots).chain((spot) => near(spot, 40)) },
  );
}

/** One random mutation of `original`; deletions remove at most `maxDelete` bytes. */
export function mutationOf(original: Buffer, maxDelete: number): fc.Arbitrary<Mutation> {
  const at = position(original);
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 8 });
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), length: fc.integer({ min: 0, max: original.length - 1 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, bytes }),
    fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: maxDelete }) }),
    fc.record({ kind: fc.constant('overwrite' as const), at, bytes }),
  );
}

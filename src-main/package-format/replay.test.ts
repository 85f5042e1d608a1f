import { describe, expect, it } from 'vitest';
import { replayDecision, type LedgerImport, type LedgerView } from './replay';

const SUMS_A = 'a'.repeat(64);
const SUMS_B = 'b'.repeat(64);
const SUMS_C = 'c'.repeat(64);
const ID = '0b7c4f9e-3d2a-4c1b-9e8f-7a6b5c4d3e2f';
const OTHER_ID = '1c8d5a0f-4e3b-4d2c-8f9a-8b7c6d5e4f3a';

const row = (seq: number, sumsHash: string, packageId = OTHER_ID): LedgerImport => ({ packageId, seq, sumsHash });
const manifest = (seq: number, prevSums: string | null) => ({ packageId: ID, seq, prevSums });
const ledger = (samePackageId: LedgerImport | null, newestFromSender: LedgerImport | null): LedgerView => ({ samePackageId, newestFromSender });

describe('replayDecision', () => {
  it('the same package again is a harmless no-op', () => {
    expect(replayDecision(manifest(5, SUMS_B), SUMS_A, ledger(row(5, SUMS_A, ID), row(5, SUMS_A, ID)))).toEqual({
      action: 'skip',
      code: 'ALREADY_IMPORTED',
      detail: 'same-package',
    });
  });

  it('a package id reused with other bytes is refused, whatever its seq', () => {
    for (const seq of [4, 5, 6]) {
      expect(replayDecision(manifest(seq, null), SUMS_B, ledger(row(5, SUMS_A, ID), row(5, SUMS_A, ID)))).toMatchObject({
        action: 'refuse',
        code: 'PACKAGE_ID_CONFLICT',
      });
    }
  });

  it('an older or equal seq never overwrites a newer one', () => {
    expect(replayDecision(manifest(4, SUMS_C), SUMS_B, ledger(null, row(5, SUMS_A)))).toMatchObject({ action: 'refuse', code: 'STALE_REPLAY' });
    expect(replayDecision(manifest(5, SUMS_C), SUMS_B, ledger(null, row(5, SUMS_A)))).toMatchObject({ action: 'refuse', code: 'STALE_REPLAY' });
  });

  it('the next package in the chain imports without warnings', () => {
    expect(replayDecision(manifest(6, SUMS_A), SUMS_B, ledger(null, row(5, SUMS_A)))).toEqual({ action: 'import', warnings: [] });
    expect(replayDecision(manifest(1, null), SUMS_B, ledger(null, null))).toEqual({ action: 'import', warnings: [] });
  });

  it('gaps import with a SEQUENCE_GAP warning', () => {
    const gap = (m: ReturnType<typeof manifest>, newest: LedgerImport | null) => replayDecision(m, SUMS_B, ledger(null, newest));
    expect(gap(manifest(8, SUMS_C), row(5, SUMS_A))).toEqual({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }] });
    expect(gap(manifest(6, SUMS_C), row(5, SUMS_A))).toEqual({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }] });
    expect(gap(manifest(6, null), row(5, SUMS_A))).toEqual({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }] });
    expect(gap(manifest(3, SUMS_C), null)).toEqual({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'earlier-packages-missing' }] });
    expect(gap(manifest(1, SUMS_C), null)).toEqual({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'earlier-packages-missing' }] });
  });

  it('packages of different periods arrive in any order: only the same period can be stale', () => {
    // A school's seq 3 for semester 2 arrived first; its seq 2 for semester 1 is no replay (no same-period row).
    const stream = { previous: row(1, SUMS_A), anyFromSender: true };
    expect(replayDecision(manifest(2, SUMS_A), SUMS_B, { samePackageId: null, newestFromSender: null, stream })).toEqual({ action: 'import', warnings: [] });
    // The same period's newer package is held: stale, whatever the stream says.
    expect(replayDecision(manifest(2, SUMS_A), SUMS_B, { samePackageId: null, newestFromSender: row(3, SUMS_C), stream })).toMatchObject({
      action: 'refuse',
      code: 'STALE_REPLAY',
    });
  });

  it('gaps along the stream are judged by the package just before, not by the newest', () => {
    const view = (previous: LedgerImport | null, anyFromSender: boolean): LedgerView => ({
      samePackageId: null,
      newestFromSender: null,
      stream: { previous, anyFromSender },
    });
    expect(replayDecision(manifest(1, null), SUMS_B, view(null, true))).toEqual({ action: 'import', warnings: [] });
    expect(replayDecision(manifest(1, SUMS_A), SUMS_B, view(null, true))).toEqual({
      action: 'import',
      warnings: [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }],
    });
    expect(replayDecision(manifest(4, SUMS_A), SUMS_B, view(null, true))).toEqual({
      action: 'import',
      warnings: [{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }],
    });
    expect(replayDecision(manifest(4, SUMS_A), SUMS_B, view(null, false))).toEqual({
      action: 'import',
      warnings: [{ code: 'SEQUENCE_GAP', detail: 'earlier-packages-missing' }],
    });
    expect(replayDecision(manifest(4, SUMS_C), SUMS_B, view(row(3, SUMS_A), true))).toEqual({
      action: 'import',
      warnings: [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }],
    });
    expect(replayDecision(manifest(4, SUMS_A), SUMS_B, view(row(3, SUMS_A), true))).toEqual({ action: 'import', warnings: [] });
  });

  it('a stream that started again is STREAM_RESTARTED: a seq reused, or a lower seq made after a higher one', () => {
    const made = { ...manifest(3, SUMS_B), createdAt: '2026-02-14T10:00:00.000Z' };
    const base: LedgerView = { samePackageId: null, newestFromSender: null, stream: { previous: row(2, SUMS_B), anyFromSender: true } };
    expect(replayDecision(made, SUMS_A, { ...base, fork: { sameSeq: row(3, SUMS_C), higherSeqMadeEarlier: null } })).toEqual({
      action: 'refuse',
      code: 'STREAM_RESTARTED',
      detail: 'seq-reused',
    });
    expect(replayDecision(made, SUMS_A, { ...base, fork: { sameSeq: null, higherSeqMadeEarlier: row(4, SUMS_C) } })).toEqual({
      action: 'refuse',
      code: 'STREAM_RESTARTED',
      detail: 'seq-went-back',
    });
    // Without signs of a fork (a late package of another period), it imports.
    expect(replayDecision(made, SUMS_A, { ...base, fork: { sameSeq: null, higherSeqMadeEarlier: null } })).toEqual({ action: 'import', warnings: [] });
  });

  it('after an accepted new stream, packages numbered or made before its start are STALE_REPLAY; its first package has no gap warning', () => {
    const start = { seq: 2, createdAt: '2026-02-14T10:00:00.000Z' };
    const empty: LedgerView = { samePackageId: null, newestFromSender: null, stream: { previous: null, anyFromSender: false }, streamStart: start };
    expect(replayDecision({ ...manifest(4, SUMS_C), createdAt: '2026-02-13T10:00:00.000Z' }, SUMS_A, empty)).toEqual({
      action: 'refuse',
      code: 'STALE_REPLAY',
      detail: 'before-stream-reset',
    });
    expect(replayDecision({ ...manifest(1, null), createdAt: '2026-02-15T10:00:00.000Z' }, SUMS_A, empty)).toEqual({
      action: 'refuse',
      code: 'STALE_REPLAY',
      detail: 'before-stream-reset',
    });
    expect(replayDecision({ ...manifest(2, SUMS_C), createdAt: '2026-02-14T10:00:00.000Z' }, SUMS_A, empty)).toEqual({ action: 'import', warnings: [] });
    // A later package that skips numbers still warns.
    expect(
      replayDecision({ ...manifest(4, SUMS_C), createdAt: '2026-02-15T10:00:00.000Z' }, SUMS_A, { ...empty, stream: { previous: null, anyFromSender: true } }),
    ).toMatchObject({ action: 'import', warnings: [{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }] });
  });
});

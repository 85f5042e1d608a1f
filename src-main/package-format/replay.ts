/**
 * Replay rules, as a pure function over what the import ledger knows. The DB
 * layer queries the ledger (by package id, and the newest import from the
 * same sender) and calls replayDecision before decrypting anything; the same
 * function can be handed to readPackage as its replay check.
 *
 * - same package id, same sums hash        -> skip, ALREADY_IMPORTED (a harmless no-op)
 * - same package id, other sums hash       -> refuse, PACKAGE_ID_CONFLICT
 * - seq not above the newest imported seq
 *   for the same period                    -> refuse, STALE_REPLAY (older never overwrites newer)
 * - seq skips numbers, or prevSums does not
 *   name the package before it             -> import, with a SEQUENCE_GAP warning
 * - otherwise                              -> import
 *
 * A package is a snapshot of one period, so only a package of the same period
 * can be stale: packages of different periods arrive by e-mail or USB stick
 * in any order, and each is imported (a school's seq 2 for semester 1 after
 * its seq 3 for semester 2 is not a replay).
 *
 * Sequence numbers and prevSums are per (sender, recipient) stream: the
 * sender numbers the packages it sends to each recipient 1, 2, 3... and links
 * each to the previous one by the hash of its SHA256SUMS.
 *
 * A stream that starts again (the sender restored an older backup or was set
 * up again, so its counter went back) shows as a fork: another package with
 * a seq the ledger already holds, or numbered below one it holds, but made
 * after it. That is STREAM_RESTARTED, never imported silently; a
 * coordinator accepts the new stream (an audited reset), after which the
 * ledger view holds only the new stream's rows, and `streamStart` refuses
 * what belongs to the old one (numbered before the new start, or made
 * before it) as STALE_REPLAY.
 */
import type { Manifest } from './manifest';
import type { PackageWarning } from './refusal';

export interface LedgerImport {
  packageId: string;
  seq: number;
  /** hex SHA-256 of that package's SHA256SUMS. */
  sumsHash: string;
}

export interface LedgerView {
  /** The ledger row with the manifest's package id (from any sender), if any. */
  samePackageId: LedgerImport | null;
  /** The imported package with the highest seq from the manifest's sender for the manifest's period, if any. */
  newestFromSender: LedgerImport | null;
  /**
   * The stream as the ledger holds it, for the gap warnings of packages that
   * arrive out of order: the sender's package with seq - 1 (any period), and
   * whether anything at all was imported from this sender. Without it the
   * warnings are judged against newestFromSender alone.
   */
  stream?: { previous: LedgerImport | null; anyFromSender: boolean };
  /**
   * Signs of a stream that started again, from the current stream's rows:
   * another package with the manifest's seq, or one with a higher seq, made
   * (createdAt) before the manifest's (for the same seq: or at the same
   * time). A package with the same seq made before the one held is not a
   * restart (a restarted sender makes its packages later): it is judged as stale.
   */
  fork?: { sameSeq: LedgerImport | null; higherSeqMadeEarlier: LedgerImport | null };
  /** Where the current stream starts, when a coordinator accepted a new one. */
  streamStart?: { seq: number; createdAt: string } | null;
}

export type ReplayDecision =
  | { action: 'import'; warnings: PackageWarning[] }
  | { action: 'skip'; code: 'ALREADY_IMPORTED'; detail: string }
  | { action: 'refuse'; code: 'PACKAGE_ID_CONFLICT' | 'STALE_REPLAY' | 'STREAM_RESTARTED'; detail: string };

export function replayDecision(
  manifest: Pick<Manifest, 'packageId' | 'seq' | 'prevSums'> & Partial<Pick<Manifest, 'createdAt'>>,
  sumsHash: string,
  ledger: LedgerView,
): ReplayDecision {
  const same = ledger.samePackageId;
  if (same !== null) {
    return same.sumsHash === sumsHash
      ? { action: 'skip', code: 'ALREADY_IMPORTED', detail: 'same-package' }
      : { action: 'refuse', code: 'PACKAGE_ID_CONFLICT', detail: 'package-id-reused' };
  }
  const start = ledger.streamStart ?? null;
  if (start && (manifest.seq < start.seq || (manifest.createdAt !== undefined && manifest.createdAt < start.createdAt))) {
    return { action: 'refuse', code: 'STALE_REPLAY', detail: 'before-stream-reset' };
  }
  if (ledger.fork?.sameSeq) return { action: 'refuse', code: 'STREAM_RESTARTED', detail: 'seq-reused' };
  if (ledger.fork?.higherSeqMadeEarlier) return { action: 'refuse', code: 'STREAM_RESTARTED', detail: 'seq-went-back' };
  const newest = ledger.newestFromSender;
  if (newest !== null && manifest.seq <= newest.seq) {
    return { action: 'refuse', code: 'STALE_REPLAY', detail: 'seq-not-newer' };
  }
  // The first package of an accepted new stream: nothing before it is expected.
  if (start && manifest.seq === start.seq && ledger.stream && !ledger.stream.anyFromSender) return { action: 'import', warnings: [] };
  if (ledger.stream) return { action: 'import', warnings: streamGapWarnings(manifest, ledger.stream) };
  return { action: 'import', warnings: gapWarnings(manifest, newest) };
}

function streamGapWarnings(manifest: Pick<Manifest, 'seq' | 'prevSums'>, stream: NonNullable<LedgerView['stream']>): PackageWarning[] {
  if (manifest.seq === 1) return manifest.prevSums === null ? [] : [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }];
  if (stream.previous === null) return [{ code: 'SEQUENCE_GAP', detail: stream.anyFromSender ? 'seq-skipped' : 'earlier-packages-missing' }];
  if (manifest.prevSums !== stream.previous.sumsHash) return [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }];
  return [];
}

function gapWarnings(manifest: Pick<Manifest, 'seq' | 'prevSums'>, newest: LedgerImport | null): PackageWarning[] {
  if (newest === null) {
    // The first package we see from this sender: anything but the start of the stream means some went missing.
    return manifest.seq === 1 && manifest.prevSums === null ? [] : [{ code: 'SEQUENCE_GAP', detail: 'earlier-packages-missing' }];
  }
  if (manifest.seq !== newest.seq + 1) return [{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }];
  if (manifest.prevSums !== newest.sumsHash) return [{ code: 'SEQUENCE_GAP', detail: 'prev-sums-differs' }];
  return [];
}

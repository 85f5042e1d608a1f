/**
 * The shell every package importer shares (the authority's importer of
 * school and state reports, import-service.ts; a school's importer of
 * decisions, decisions/decisions-import-service.ts): reading a file with the
 * strict reader against this installation's keys and ledger, the dry run
 * (every file applied inside one transaction that is rolled back, each in its
 * own savepoint) and the commit (each file in its own transaction), the
 * replay rules again inside the transaction, the ledger row, and the result
 * a screen or the CLI shows. What differs (whose signature counts, which
 * kinds and records are taken, where the records go) stays with each
 * importer.
 */
import { constants as fsConstants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportFileResult, ImportSummary, OrgRef, StreamAccepted } from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError, defaultMessageKey, type ErrorCode } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';
import {
  DEFAULT_LIMITS,
  readPackage,
  replayDecision,
  type InstallationKeys,
  type LedgerView,
  type Manifest,
  type PackageWarning,
  type ReadPackageOptions,
} from '../../package-format/index';
import { ENTRY } from '../../package-format/format';
import { openStrictZip } from '../../package-format/strict-zip';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { recordAudit } from '../audit';
import { readSmallFile } from './files';

/** What reading and checking (before any write) found out about one file. */
export interface CheckedPackage<R> {
  path: string;
  manifest: Manifest | null;
  sumsHash: string | null;
  signerKeyId: string | null;
  sender: OrgRef | null;
  refusal: { code: ErrorCode; detail: string } | null;
  warnings: PackageWarning[];
  records: R | null;
}

type ReadResult = Awaited<ReturnType<typeof readPackage>>;

/**
 * Step 1: the strict reader, with the signer looked up by the importer and
 * the replay rules against this installation's ledger. Returns what was read
 * and the file's checked shell (no refusal, no records yet); `senderOf` names
 * the sender once the signer lookup has run (given the key id it saw).
 */
export async function readForImport(
  db: Db,
  path: string,
  options: {
    /** The file's bytes when read ahead (FileReadAhead); null: the reader reads the file itself. */
    bytes?: Buffer | null;
    self: { id: string; keys: InstallationKeys };
    schemaVersion: number;
    clock: Clock;
    lookupSigner: ReadPackageOptions['lookupSigner'];
    senderOf: (seenKeyId: string | null) => OrgRef | null;
  },
): Promise<{ read: ReadResult; base: CheckedPackage<never> }> {
  let seen: { manifest: Manifest; sumsHash: string } | null = null;
  let seenKeyId: string | null = null;
  const read = await readPackage(options.bytes ? { bytes: options.bytes } : { path }, {
    lookupSigner: async (keyId) => {
      seenKeyId = keyId;
      return options.lookupSigner(keyId);
    },
    self: { id: options.self.id, ageIdentity: options.self.keys.age.identity, keyId: options.self.keys.age.keyId },
    supported: { schemaVersion: options.schemaVersion },
    clock: options.clock,
    replayCheck: async (manifest, sumsHash) => {
      seen = { manifest, sumsHash };
      return replayDecision(manifest, sumsHash, await ledgerView(db, manifest));
    },
  });
  const early = seen as { manifest: Manifest; sumsHash: string } | null;
  return {
    read,
    base: {
      path,
      manifest: read.ok ? read.value.manifest : (early?.manifest ?? null),
      sumsHash: read.ok ? read.value.sumsHash : (early?.sumsHash ?? null),
      signerKeyId: seenKeyId,
      sender: options.senderOf(seenKeyId),
      refusal: null,
      warnings: [],
      records: null,
    },
  };
}

/** How an importer checks one file (steps 1-3, no writes) and applies it (step 4, inside the transaction it is given). */
export interface ImportSteps<C extends CheckedPackage<unknown>> {
  check(db: Db, path: string): Promise<C>;
  apply(trx: Transaction<DB>, checked: C, success: 'ready' | 'imported'): Promise<ImportFileResult>;
  /** An error while applying: the file is refused, the error logged when it was not an AppError. */
  unexpected(checked: C, err: unknown): ImportFileResult;
}

/** The dry run: every file checked and applied in order inside one transaction that is rolled back, each in its own savepoint. */
export async function previewFiles<C extends CheckedPackage<unknown>>(
  db: Kysely<DB>,
  ordered: readonly string[],
  steps: ImportSteps<C>,
  onFile?: (index: number, total: number) => void,
): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  const trx = await db.startTransaction().execute();
  try {
    for (const [index, path] of ordered.entries()) {
      onFile?.(index, ordered.length);
      const checked = await steps.check(trx, path);
      if (checked.refusal !== null || checked.records === null) {
        results.push(notImported(checked));
        continue;
      }
      const savepoint = await trx.savepoint('import_file').execute();
      try {
        results.push(await steps.apply(savepoint, checked, 'ready'));
        await savepoint.releaseSavepoint('import_file').execute();
      } catch (err) {
        await savepoint.rollbackToSavepoint('import_file').execute();
        results.push(steps.unexpected(checked, err));
      }
    }
  } finally {
    await trx.rollback().execute();
  }
  return results;
}

/** One file for real: checked, then applied in its own transaction (all of it or nothing). */
export async function commitFile<C extends CheckedPackage<unknown>>(db: Kysely<DB>, path: string, steps: ImportSteps<C>): Promise<ImportFileResult> {
  const checked = await steps.check(db, path);
  if (checked.refusal !== null || checked.records === null) return notImported(checked);
  try {
    return await db.transaction().execute((trx) => steps.apply(trx, checked, 'imported'));
  } catch (err) {
    return steps.unexpected(checked, err);
  }
}

/**
 * Step 4's first move: the replay rules again, against the ledger as it is
 * inside the transaction (it may have moved since step 1). Either the file
 * stops here (its result, and the refusal for an alert), or it goes on with
 * the warnings that hold now.
 */
export async function replayInTransaction<R>(
  trx: Transaction<DB>,
  checked: CheckedPackage<R> & { manifest: Manifest; sumsHash: string },
): Promise<{ go: false; result: ImportFileResult; refusal: { code: ErrorCode; detail: string } } | { go: true; warnings: PackageWarning[] }> {
  const decision = replayDecision(checked.manifest, checked.sumsHash, await ledgerView(trx, checked.manifest));
  if (decision.action === 'skip' || decision.action === 'refuse') {
    const refusal = { code: decision.code, detail: decision.detail };
    return { go: false, refusal, result: resultOf({ ...checked, refusal }, decision.action === 'skip' ? 'alreadyImported' : 'refused', null) };
  }
  // The reader's sequence warnings were against the ledger as it was then; these are against it now.
  return { go: true, warnings: [...checked.warnings.filter((w) => w.code !== 'SEQUENCE_GAP'), ...decision.warnings] };
}

/** The ledger row of an imported package (exchange_import): what the replay rules read next time. */
export async function insertLedgerRow(
  trx: Transaction<DB>,
  row: {
    manifest: Manifest;
    sumsHash: string;
    signerKeyId: string;
    actor: Actor;
    at: Date;
    summary: ImportSummary | null;
    warnings: readonly PackageWarning[];
    stream?: number;
  },
): Promise<void> {
  const { manifest } = row;
  await trx
    .insertInto('exchange_import')
    .values({
      package_id: manifest.packageId,
      sender_id: manifest.sender.id,
      stream: row.stream ?? 0,
      seq: manifest.seq,
      prev_sums: manifest.prevSums,
      sums_hash: row.sumsHash,
      signer_key_id: row.signerKeyId,
      kind: manifest.kind,
      period: semesterIdOf(manifest.period),
      created_at: manifest.createdAt,
      imported_at: row.at.toISOString(),
      operator_id: row.actor.userId,
      operator_name: row.actor.name,
      summary: row.summary === null ? '{}' : JSON.stringify(row.summary),
      warnings: JSON.stringify(row.warnings),
    })
    .execute();
}

/** An error while applying a file: refused with its code (an AppError), or INTERNAL and logged under `event`. */
export function unexpectedResult(checked: CheckedPackage<unknown>, err: unknown, log: Logger, event: string): ImportFileResult {
  if (err instanceof AppError) return resultOf({ ...checked, refusal: { code: err.code, detail: 'apply' } }, 'refused', null);
  log.error(event, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return resultOf({ ...checked, refusal: { code: 'INTERNAL', detail: 'apply' } }, 'refused', null);
}

/** A file steps 1-3 stopped: refused, or (the reader's replay check) already imported. */
export function notImported(checked: CheckedPackage<unknown>): ImportFileResult {
  return resultOf(checked, checked.refusal?.code === 'ALREADY_IMPORTED' ? 'alreadyImported' : 'refused', null);
}

export function resultOf(checked: CheckedPackage<unknown>, status: ImportFileResult['status'], summary: ImportSummary | null): ImportFileResult {
  const m = checked.manifest;
  const code = checked.refusal?.code ?? null;
  return {
    path: checked.path,
    file: basename(checked.path),
    status,
    code,
    detail: checked.refusal?.detail ?? null,
    messageKey: code === null ? null : defaultMessageKey(code),
    sender: checked.sender ?? null,
    packageId: m?.packageId ?? null,
    seq: m?.seq ?? null,
    semesterId: m ? semesterIdOf(m.period) : null,
    createdAt: m?.createdAt ?? null,
    warnings: checked.warnings,
    summary,
  };
}

export const semesterIdOf = (period: Manifest['period']) => `${period.schoolYear}-${period.semester}`;

/**
 * What the replay rules need from the ledger (any package kind: a school's
 * reports at its municipality, a municipality's decisions at a school).
 * Staleness is judged within the manifest's period; gaps along the stream.
 */
export async function ledgerView(
  db: Db,
  manifest: Pick<Manifest, 'packageId' | 'sender' | 'seq' | 'period'> & Partial<Pick<Manifest, 'createdAt'>>,
): Promise<LedgerView> {
  // Everything but the same-id row is judged within the sender's current stream (0 until a coordinator accepts a new one).
  const reset = await currentStreamReset(db, manifest.sender.id);
  const stream = reset?.stream ?? 0;
  // The ledger rows in one statement instead of five (each importer asks twice per package: in the reader and again
  // in the transaction); every row it names comes back as [package_id, seq, sums_hash].
  // A fork: a package held with this seq or a higher one, but made before this one (a sender's clock moves on, its counter went back);
  // two packages with one seq made at the same moment are a fork too. A package with this seq made before the one held is judged as stale.
  const row = (
    await sql<{
      same: string | null;
      newest: string | null;
      previous: string | null;
      any_from_sender: number;
      made_earlier: string | null;
    }>`SELECT
        (SELECT json_array(package_id, seq, sums_hash) FROM exchange_import WHERE package_id = ${manifest.packageId}) AS same,
        (SELECT json_array(package_id, seq, sums_hash) FROM exchange_import
          WHERE sender_id = ${manifest.sender.id} AND stream = ${stream} AND period = ${semesterIdOf(manifest.period)} ORDER BY seq DESC LIMIT 1) AS newest,
        (SELECT json_array(package_id, seq, sums_hash) FROM exchange_import
          WHERE sender_id = ${manifest.sender.id} AND stream = ${stream} AND seq = ${manifest.seq - 1}) AS previous,
        EXISTS (SELECT 1 FROM exchange_import WHERE sender_id = ${manifest.sender.id} AND stream = ${stream}) AS any_from_sender,
        (SELECT json_array(package_id, seq, sums_hash) FROM exchange_import
          WHERE ${manifest.createdAt === undefined ? 0 : 1} AND sender_id = ${manifest.sender.id} AND stream = ${stream} AND seq >= ${manifest.seq}
            AND package_id <> ${manifest.packageId}
            AND (created_at < ${manifest.createdAt ?? null} OR (seq = ${manifest.seq} AND created_at = ${manifest.createdAt ?? null}))
          ORDER BY seq LIMIT 1) AS made_earlier`.execute(db)
  ).rows[0];
  if (row === undefined) throw new AppError('INTERNAL');
  const view = (json: string | null) => {
    if (json === null) return null;
    const [packageId, seq, sumsHash] = JSON.parse(json) as [string, number, string];
    return { packageId, seq, sumsHash };
  };
  const madeEarlier = view(row.made_earlier);
  return {
    samePackageId: view(row.same),
    newestFromSender: view(row.newest),
    stream: { previous: view(row.previous), anyFromSender: row.any_from_sender === 1 },
    fork: {
      sameSeq: madeEarlier?.seq === manifest.seq ? madeEarlier : null,
      higherSeqMadeEarlier: madeEarlier && madeEarlier.seq > manifest.seq ? madeEarlier : null,
    },
    streamStart: reset ? { seq: reset.from_seq, createdAt: reset.from_created_at } : null,
  };
}

/** The sender's newest accepted stream reset, or null (stream 0). */
export async function currentStreamReset(db: Db, senderId: string) {
  return (
    (await db.selectFrom('exchange_stream_reset').selectAll().where('sender_id', '=', senderId).orderBy('stream', 'desc').limit(1).executeTakeFirst()) ?? null
  );
}

/** The coordinator's reason for accepting a new stream: trimmed, 1-500 characters. */
export function streamResetReason(given: string): string {
  const reason = given.trim();
  if (reason.length === 0 || reason.length > 500)
    throw AppError.validation([{ path: 'reason', messageKey: reason.length === 0 ? 'errors.field.required' : 'errors.field.tooLong' }]);
  return reason;
}

/** Only a package refused as STREAM_RESTARTED starts a new stream; anything else is this refusal (naming what the check said). */
export function notRestarted(code: ErrorCode | null): AppError {
  return new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.streamNotRestarted', details: { params: { code: code ?? '—' } } });
}

/**
 * Accepting a sender's new stream, for every importer (an authority taking a
 * school's or a municipality's reports, a school taking its authority's
 * decisions): one transaction writes the reset row (exchange_stream_reset)
 * and its audit row; nothing held is deleted. `checked` is a package the
 * importer checked up to the replay rules; unless it was refused as
 * STREAM_RESTARTED (with its manifest, sums, signer and sender known), nothing
 * is written and the answer is notRestarted.
 */
export async function writeStreamReset(
  db: Kysely<DB>,
  actor: Actor,
  at: Date,
  checked: Pick<CheckedPackage<unknown>, 'manifest' | 'sumsHash' | 'signerKeyId' | 'sender' | 'refusal'>,
  reason: string,
): Promise<StreamAccepted> {
  const { manifest, sumsHash, signerKeyId, sender } = checked;
  if (checked.refusal?.code !== 'STREAM_RESTARTED' || manifest === null || sumsHash === null || signerKeyId === null || sender === null) {
    throw notRestarted(checked.refusal?.code ?? null);
  }
  return db.transaction().execute(async (trx) => {
    const previous = await currentStreamReset(trx, sender.id);
    const stream = (previous?.stream ?? 0) + 1;
    const held = await trx
      .selectFrom('exchange_import')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('newest')])
      .where('sender_id', '=', sender.id)
      .where('stream', '=', stream - 1)
      .executeTakeFirstOrThrow();
    const accepted: StreamAccepted = {
      sender,
      stream,
      fromSeq: manifest.seq,
      fromCreatedAt: manifest.createdAt,
      heldNewestSeq: Number(held.newest ?? 0),
      heldPackages: Number(held.n),
    };
    await trx
      .insertInto('exchange_stream_reset')
      .values({
        sender_id: sender.id,
        stream,
        from_seq: manifest.seq,
        from_created_at: manifest.createdAt,
        from_package_id: manifest.packageId,
        from_sums_hash: sumsHash,
        signer_key_id: signerKeyId,
        held_newest_seq: accepted.heldNewestSeq,
        held_packages: accepted.heldPackages,
        reason,
        at: at.toISOString(),
        operator_id: actor.userId,
        operator_name: actor.name,
      })
      .execute();
    await recordAudit(trx, actor, at, {
      action: 'update',
      entity: 'exchange_stream',
      entityId: sender.id,
      detail: {
        action: 'acceptStream',
        stream,
        fromSeq: manifest.seq,
        packageId: manifest.packageId,
        heldNewestSeq: accepted.heldNewestSeq,
        heldPackages: accepted.heldPackages,
        reason,
      },
    });
    return accepted;
  });
}

/**
 * Whether the sender's signing key may sign this package, given an accepted
 * new stream: without a reset (or for a key enrolled after it) the usual
 * rotation rule (`seq` above the key's valid-after mark); a key already
 * replaced when the coordinator accepted the new stream signs nothing in it;
 * the key current then is valid from the new stream's first seq. Null when
 * it may, or the refusal detail (SIGNER_REVOKED).
 */
export function keyRefusalInStream(
  key: { valid_after_seq: number; added_at: string; state: string; replaced_at: string | null },
  reset: { at: string } | null,
  seq: number,
): string | null {
  if (reset === null || key.added_at > reset.at) return seq <= key.valid_after_seq ? 'seq-before-key-valid' : null;
  if (key.state !== 'current' && (key.replaced_at === null || key.replaced_at <= reset.at)) return 'key-replaced-before-stream-reset';
  return null;
}

/** Files larger than this are not read ahead: the reader reads them when their turn comes. */
const READ_AHEAD_MAX_BYTES = 16 * 1024 * 1024;

/**
 * A folder's next file, read from disk while the current one is checked and
 * written, so the import does not wait on the disk between packages (the
 * waits were ~3% of a national import: docs/performance.md, "Seventh
 * pass"). The reader still takes one snapshot of each file and checks it
 * whole; only the moment of reading moves. A file that cannot be read
 * ahead (missing, not a regular file, over READ_AHEAD_MAX_BYTES) is left to
 * the reader, which reads it itself and says why it cannot. Holds one file
 * at a time besides the one being imported.
 */
export class FileReadAhead {
  private readonly after = new Map<string, string>();
  private next: { path: string; bytes: Promise<Buffer | null> } | null = null;

  /** `ordered`: the folder's files in the order they are imported. */
  constructor(ordered: readonly string[]) {
    for (let i = 0; i + 1 < ordered.length; i++) this.after.set(ordered[i]!, ordered[i + 1]!);
  }

  /**
   * The bytes read ahead for `path` (null when there are none: the reader
   * then reads the file), and starts reading the file after it.
   */
  take(path: string): Promise<Buffer | null> {
    const next = this.next;
    const bytes = next?.path === path ? next.bytes : Promise.resolve(null);
    const following = this.after.get(path);
    this.next = following === undefined ? null : { path: following, bytes: readSmallFile(following, READ_AHEAD_MAX_BYTES).catch(() => null) };
    return bytes;
  }
}

/**
 * Files in the order to import them: by sender, then seq, read from each
 * manifest without trusting it (ordering only; every file is then fully
 * verified). Files whose manifest cannot be read keep their place at the end.
 */
/** How many packages the ordering pass holds in memory at once: a folder of any size peeks in flat memory. */
const PEEK_CONCURRENCY = 4;

export async function orderForImport(paths: readonly string[]): Promise<string[]> {
  const unique = [...new Set(paths)];
  const keyed: Array<{ path: string; index: number; key: { sender: string; seq: number } | null }> = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < unique.length; index = next++) {
      const path = unique[index]!;
      keyed[index] = { path, index, key: await peekStream(path) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PEEK_CONCURRENCY, unique.length) }, worker));
  return keyed
    .sort((a, b) => {
      if (a.key && b.key) return a.key.sender < b.key.sender ? -1 : a.key.sender > b.key.sender ? 1 : a.key.seq - b.key.seq || a.index - b.index;
      if (a.key) return -1;
      if (b.key) return 1;
      return a.index - b.index;
    })
    .map((k) => k.path);
}

async function peekStream(path: string): Promise<{ sender: string; seq: number } | null> {
  const head = await peekHead(path);
  return head !== undefined ? head : peekWhole(path);
}

/** Bytes read from the start of a file to find its manifest: `mimetype` and a manifest of a few hundred bytes. */
const HEAD_BYTES = 16 * 1024;
const LOCAL_HEADER = 0x04034b50;

/**
 * The manifest's sender and seq from the first HEAD_BYTES of the file: a
 * package has `mimetype` at byte 0 and the manifest right after it, both
 * stored, with their sizes in the local headers (docs/package-format.md,
 * section 1). Reading the whole file and opening it as a ZIP was ~3% of a
 * national import ("Seventh pass"). undefined: the head is not laid out so
 * (or unreadable), and peekWhole decides. Only the order of the folder
 * rests on this; the strict reader checks every byte later.
 */
async function peekHead(path: string): Promise<{ sender: string; seq: number } | null | undefined> {
  try {
    const handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    let head: Buffer;
    try {
      if (!(await handle.stat()).isFile()) return undefined;
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const mimetype = storedEntryAt(head, 0, ENTRY.mimetype);
    if (mimetype === undefined) return undefined;
    const manifest = storedEntryAt(head, mimetype.end, ENTRY.manifest);
    if (manifest === undefined) return undefined;
    const value = JSON.parse(manifest.data.toString('utf8')) as { sender?: { id?: unknown }; seq?: unknown };
    const sender = value.sender?.id;
    return typeof sender === 'string' && typeof value.seq === 'number' ? { sender, seq: value.seq } : null;
  } catch {
    return undefined;
  }
}

/** The stored entry named `name` whose local header starts at `offset` of `head`, wholly inside it; undefined otherwise. */
function storedEntryAt(head: Buffer, offset: number, name: string): { data: Buffer; end: number } | undefined {
  if (offset + 30 > head.length || head.readUInt32LE(offset) !== LOCAL_HEADER) return undefined;
  const flags = head.readUInt16LE(offset + 6);
  const method = head.readUInt16LE(offset + 8);
  const size = head.readUInt32LE(offset + 18);
  const nameLength = head.readUInt16LE(offset + 26);
  const extraLength = head.readUInt16LE(offset + 28);
  // Stored, sizes in the header (no data descriptor), not encrypted.
  if (method !== 0 || (flags & 0x0009) !== 0 || size !== head.readUInt32LE(offset + 22)) return undefined;
  const start = offset + 30 + nameLength + extraLength;
  if (start + size > head.length || head.toString('latin1', offset + 30, offset + 30 + nameLength) !== name) return undefined;
  return { data: head.subarray(start, start + size), end: start + size };
}

/** The manifest's sender and seq from the whole file opened as a ZIP; null when it has none that can be read. */
async function peekWhole(path: string): Promise<{ sender: string; seq: number } | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > DEFAULT_LIMITS.maxPackageBytes) return null;
    const zip = await openStrictZip(await readSmallFile(path, DEFAULT_LIMITS.maxPackageBytes), DEFAULT_LIMITS);
    try {
      if (!zip.has(ENTRY.manifest)) return null;
      const manifest = JSON.parse((await zip.read(ENTRY.manifest)).bytes.toString('utf8')) as { sender?: { id?: unknown }; seq?: unknown };
      const sender = manifest.sender?.id;
      return typeof sender === 'string' && typeof manifest.seq === 'number' ? { sender, seq: manifest.seq } : null;
    } finally {
      zip.close();
    }
  } catch {
    return null;
  }
}

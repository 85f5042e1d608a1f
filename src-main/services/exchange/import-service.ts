/**
 * The importer (docs/package-format.md, "Import"): the format layer's strict
 * reader, then this installation's policy, record validation, a dry-run
 * summary, and one transaction per package that writes the records, the
 * ledger row and the audit row together.
 *
 * Order for each file:
 *  1. readPackage: snapshot, strict ZIP, signature with the key from
 *     enrolment (lookupSigner reads exchange_key; a key enrolled for another
 *     organisation is SIGNER_SENDER_MISMATCH, a revoked one SIGNER_REVOKED),
 *     hashes, manifest, recipient and versions, replay rules against the
 *     ledger (ALREADY_IMPORTED, PACKAGE_ID_CONFLICT, STALE_REPLAY), decryption
 *     and the inner binding;
 *  2. policy the reader cannot know: the sender's kind is the enrolled one,
 *     the key was valid for this seq (not before a rotation), the package
 *     kind is one we import;
 *  3. record validation (RECORD_INVALID);
 *  4. in the transaction: the replay rules again (the ledger may have moved
 *     since step 1), the comparison with the store (RECORD_CONFLICT when an
 *     older record would overwrite a newer one), then the ledger row, the
 *     records and the audit row.
 *
 * A dry run does steps 1-4 for every file inside one transaction that is
 * rolled back at the end (each file in its own savepoint), so the summary of
 * a sender's second package already counts its first.
 *
 * Refusals that mean misbehaviour by someone holding an enrolled key
 * (PACKAGE_ID_CONFLICT, SIGNER_SENDER_MISMATCH, INNER_BINDING_MISMATCH) are
 * written to exchange_alert (once per package, key and code), also by a dry
 * run or a verification: the only rows a refused package ever leaves.
 */
import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import {
  EXCHANGE_SCHEMA_VERSION,
  SCHOOL_REPORT_KIND,
  type ImportBatchResult,
  type ImportFileResult,
  type OrgRef,
  type StreamAccepted,
} from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { STATE_RECORD_TYPES, STATE_REPORT_KIND } from '../../../src-shared/domain/state-report';
import { AppError, type ErrorCode } from '../../../src-shared/ipc/result';
import type { OpenedDatabase } from '../../db/connection';
import type { DB, Db } from '../../db/schema';
import type { InstallationKeys } from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { Progress } from './export-service';
import { validateReportRecords, type IncomingRecord } from './import-records';
import { ImportedStore } from './imported-store';
import { validateStateRecords } from './state-report-records';
import type { KeyRow } from './enrolment-service';
import { selfOrg, type ExchangeKeyService } from './keys-service';
import {
  commitFile,
  currentStreamReset,
  FileReadAhead,
  insertLedgerRow,
  keyRefusalInStream,
  orderForImport,
  previewFiles,
  readForImport,
  replayInTransaction,
  resultOf,
  semesterIdOf,
  unexpectedResult,
  type CheckedPackage,
  type ImportSteps,
  writeStreamReset,
  streamResetReason,
} from './import-shell';
import { rebuildAnalytics } from '../statistics/analytic-model';
import { rebuildQueue } from '../decisions/queue-model';

/** Pages of WAL (4 KiB each: 64 MiB) before SQLite checkpoints while a folder imports; SQLite's default is 1,000. */
const FOLDER_AUTOCHECKPOINT_PAGES = 16_384;

/** Refusals that are written to exchange_alert. */
const ALERT_CODES: ReadonlySet<ErrorCode> = new Set(['PACKAGE_ID_CONFLICT', 'SIGNER_SENDER_MISMATCH', 'INNER_BINDING_MISMATCH']);

/** An enrolled sender's key row, with the organisation it was enrolled for. */
type Signer = KeyRow & { org_kind: OrgRef['kind']; org_name: string };

interface Self {
  org: OrgRef;
  keys: InstallationKeys;
}

/** What steps 1-3 found out about one file. */
type Checked = CheckedPackage<IncomingRecord[]>;

interface AlertDraft {
  code: ErrorCode;
  detail: string;
  packageId: string | null;
  senderId: string | null;
  seq: number | null;
  sumsHash: string | null;
  signerKeyId: string | null;
  fileName: string;
}

export interface ImportOptions {
  onProgress?: Progress;
}

export class ImportService {
  private storeInstance: ImportedStore | null = null;
  private stateStoreInstance: ImportedStore | null = null;

  constructor(
    private readonly database: Pick<OpenedDatabase, 'db' | 'raw'> & Partial<Pick<OpenedDatabase, 'backup'>>,
    private readonly clock: Clock,
    private readonly keys: ExchangeKeyService,
    private readonly log: Logger,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  private get store(): ImportedStore {
    this.storeInstance ??= new ImportedStore(this.database.raw);
    return this.storeInstance;
  }

  /** The state's store: state-report record types, none versioned (the newest package of a sender wins). */
  private get stateStore(): ImportedStore {
    this.stateStoreInstance ??= new ImportedStore(this.database.raw, STATE_RECORD_TYPES, []);
    return this.stateStoreInstance;
  }

  private storeFor(kind: string): ImportedStore {
    return kind === STATE_REPORT_KIND ? this.stateStore : this.store;
  }

  /** Checks one package completely and says what importing it would do; writes nothing but alerts. */
  async verify(actor: Actor, path: string): Promise<ImportFileResult> {
    const result = await this.preview(actor, [path]);
    const only = result.files[0];
    if (!only) throw new AppError('INTERNAL');
    return only;
  }

  /** The dry run: every file checked and compared in order, all rolled back. */
  async preview(actor: Actor, paths: readonly string[], options: ImportOptions = {}): Promise<ImportBatchResult> {
    const self = await this.start(actor, paths);
    const ordered = await orderForImport(paths);
    const alerts: AlertDraft[] = [];
    const at = this.clock.now();
    const readAhead = new FileReadAhead(ordered);
    const results = await previewFiles(this.db, ordered, this.steps(actor, self, at, alerts, readAhead), (index, total) =>
      options.onProgress?.(index, total, 'exchange.progress.check'),
    );
    await this.writeAlerts(actor, at, alerts);
    options.onProgress?.(ordered.length, ordered.length, 'exchange.progress.done');
    return { files: results, committed: false };
  }

  /** Imports every file, in sender and seq order, each in its own transaction; one failing does not stop the rest. */
  async commit(actor: Actor, paths: readonly string[], options: ImportOptions = {}): Promise<ImportBatchResult> {
    const self = await this.start(actor, paths);
    const ordered = await orderForImport(paths);
    // An encrypted copy of the database before anything is imported (db/connection.ts keeps the last N).
    await this.database.backup?.('import');
    const results: ImportFileResult[] = [];
    const readAhead = new FileReadAhead(ordered);
    await this.withFolderDurability(async () => {
      for (const [index, path] of ordered.entries()) {
        options.onProgress?.(index, ordered.length, 'exchange.progress.import');
        results.push(await this.commitOne(actor, self, path, readAhead));
      }
    });
    options.onProgress?.(ordered.length, ordered.length, 'exchange.progress.done');
    return { files: results, committed: true };
  }

  /**
   * One sync to disk per folder instead of one per package: the fsync of each
   * package's COMMIT was the largest single cost of a national import. Each
   * package is still its own transaction (atomic: all of it or nothing);
   * between packages SQLite's WAL is synced at its checkpoints (every 64 MiB
   * of WAL while a folder imports, instead of every 4 MiB), and at the
   * end a checkpoint syncs the rest before the result is shown. Should the
   * power fail mid-folder, the newest packages may be missing; importing the
   * folder again skips what the ledger holds and takes what it lacks.
   */
  private async withFolderDurability(run: () => Promise<void>): Promise<void> {
    const raw = this.database.raw;
    const previous = Number(raw.pragma('synchronous', { simple: true }));
    const previousCheckpoint = Number(raw.pragma('wal_autocheckpoint', { simple: true }));
    raw.pragma('synchronous = NORMAL');
    // Fewer checkpoints while the folder imports: each one copies the WAL's pages into the database file and, the
    // database being encrypted, cost about as much CPU again as the commits that wrote them (docs/performance.md, third pass).
    raw.pragma(`wal_autocheckpoint = ${FOLDER_AUTOCHECKPOINT_PAGES}`);
    try {
      await run();
    } finally {
      raw.pragma(`wal_autocheckpoint = ${previousCheckpoint}`);
      raw.pragma(`synchronous = ${previous}`);
      raw.pragma('wal_checkpoint(PASSIVE)');
    }
  }

  /** One file: checked, then written in its own transaction; alerts are written whatever the outcome. */
  private async commitOne(actor: Actor, self: Self, path: string, readAhead: FileReadAhead): Promise<ImportFileResult> {
    const alerts: AlertDraft[] = [];
    const at = this.clock.now();
    const result = await commitFile(this.db, path, this.steps(actor, self, at, alerts, readAhead));
    await this.writeAlerts(actor, at, alerts);
    return result;
  }

  /** Refuses whoever may not import here (the permission; a school's app imports nothing): checked before any file is chosen. */
  async requireImporter(actor: Actor): Promise<Self['org']> {
    requirePermission(actor, 'exchange.import');
    const org = await selfOrg(this.db);
    if (org.kind === 'school') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.importNotHere' });
    return org;
  }

  /**
   * This importer's steps for the shared shell (import-shell.ts); alerts collect refusals that mean misbehaviour.
   * `readAhead`: a folder's files are read from disk one ahead of the one being checked.
   */
  private steps(actor: Actor, self: Self, at: Date, alerts: AlertDraft[], readAhead?: FileReadAhead): ImportSteps<Checked> {
    return {
      check: async (db, path) => this.check(db, path, self, alerts, (await readAhead?.take(path)) ?? null),
      apply: (trx, checked, success) => this.apply(trx, checked, actor, at, alerts, success),
      unexpected: (checked, err) => unexpectedResult(checked, err, this.log, 'exchange.importFailed'),
    };
  }

  private async start(actor: Actor, paths: readonly string[]): Promise<Self> {
    const org = await this.requireImporter(actor);
    if (paths.length === 0) throw AppError.validation([{ path: 'paths', messageKey: 'errors.field.required' }]);
    return { org, keys: await this.keys.require() };
  }

  // -------------------------------------------------------------- steps 1-3

  private async check(db: Db, path: string, self: Self, alerts: AlertDraft[], bytes: Buffer | null = null): Promise<Checked> {
    let signer: Signer | null = null;
    const { read, base } = await readForImport(db, path, {
      bytes,
      self: { id: self.org.id, keys: self.keys },
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      clock: this.clock,
      lookupSigner: async (keyId) => {
        const row = await db
          .selectFrom('exchange_key')
          .innerJoin('exchange_org', 'exchange_org.id', 'exchange_key.org_id')
          .selectAll('exchange_key')
          .select(['exchange_org.kind as org_kind', 'exchange_org.name as org_name'])
          .where('exchange_key.signing_key_id', '=', keyId)
          .where('exchange_org.role', '=', 'sender')
          .executeTakeFirst();
        signer = row ?? null;
        return row ? { senderId: row.org_id, publicKeyPem: row.signing_public_key_pem, revokedAfterSeq: row.revoked_after_seq } : null;
      },
      senderOf: () => {
        const row = signer as Signer | null;
        return row ? { kind: row.org_kind, id: row.org_id, name: row.org_name } : null;
      },
    });
    const found = signer as Signer | null;
    const refused = (code: ErrorCode, detail: string): Checked => {
      if (ALERT_CODES.has(code)) alerts.push(alertOf(base, code, detail));
      return { ...base, refusal: { code, detail } };
    };
    if (!read.ok) {
      if (read.refusal.code === 'INTERNAL') this.log.error('exchange.importCheckFailed', { detail: read.refusal.detail });
      return refused(read.refusal.code, read.refusal.detail);
    }
    const { manifest } = read.value;
    if (!found) return refused('INTERNAL', 'signer-not-recorded');
    if (manifest.sender.kind !== found.org_kind) return refused('SIGNER_SENDER_MISMATCH', 'sender-kind-differs-from-enrolment');
    const keyRefusal = keyRefusalInStream(found, await currentStreamReset(db, manifest.sender.id), manifest.seq);
    if (keyRefusal !== null) return refused('SIGNER_REVOKED', keyRefusal);
    // The state imports state reports (from municipalities and state vocational schools); a municipality, school reports.
    const isStateReport = self.org.kind === 'state';
    if (
      isStateReport
        ? manifest.kind !== STATE_REPORT_KIND || (manifest.sender.kind !== 'municipality' && manifest.sender.kind !== 'school')
        : manifest.kind !== SCHOOL_REPORT_KIND || manifest.sender.kind !== 'school'
    ) {
      return refused('UNSUPPORTED_FORMAT', 'package-kind');
    }
    const validated = isStateReport
      ? validateStateRecords(read.value.files, manifest.sender)
      : validateReportRecords(read.value.files, semesterIdOf(manifest.period), self.org.kind);
    if (!validated.ok) return refused(validated.refusal.code, validated.refusal.detail);
    return { ...base, warnings: read.value.warnings, records: validated.records };
  }

  // -------------------------------------------------------------- step 4

  private async apply(
    trx: Transaction<DB>,
    checked: Checked,
    actor: Actor,
    at: Date,
    alerts: AlertDraft[],
    success: 'ready' | 'imported',
  ): Promise<ImportFileResult> {
    const manifest = checked.manifest;
    const sumsHash = checked.sumsHash;
    if (manifest === null || sumsHash === null || checked.records === null || checked.sender === null || checked.signerKeyId === null)
      throw new AppError('INTERNAL');
    const replay = await replayInTransaction(trx, { ...checked, manifest, sumsHash });
    if (!replay.go) {
      if (replay.result.status === 'refused' && ALERT_CODES.has(replay.refusal.code)) alerts.push(alertOf(checked, replay.refusal.code, replay.refusal.detail));
      return replay.result;
    }
    const { warnings } = replay;
    const withWarnings = { ...checked, warnings };
    const period = semesterIdOf(manifest.period);
    const store = this.storeFor(manifest.kind);
    const reset = await currentStreamReset(trx, manifest.sender.id);
    // After an accepted new stream the sender's data is what it now sends: editions held from the old stream do not block it.
    const supersedable = reset === null ? undefined : await olderStreamPackages(trx, manifest.sender.id, reset.stream);
    const changes = store.plan(manifest.sender.id, period, checked.records, supersedable);
    if (changes.summary.total.conflicts > 0) {
      return resultOf({ ...withWarnings, refusal: { code: 'RECORD_CONFLICT', detail: 'older-record' } }, 'refused', changes.summary);
    }
    const stamp = at.toISOString();
    await insertLedgerRow(trx, {
      manifest,
      sumsHash,
      signerKeyId: checked.signerKeyId,
      actor,
      at,
      summary: changes.summary,
      warnings,
      stream: reset?.stream ?? 0,
    });
    store.apply(manifest.sender.id, period, manifest.packageId, stamp, changes);
    // The analytic model follows in the same transaction (issue 11): statistics never read a half-imported package.
    // The package is the slice's whole live content now, so its parsed records go along (analytic-rows.ts).
    rebuildAnalytics(this.database.raw, manifest.sender.id, period, stamp, checked.records);
    // So does the decision queue (issue 9): typed rows, no JSON when it opens; built from the same records (queue-model.ts).
    rebuildQueue(this.database.raw, manifest.sender.id, period, checked.records);
    await recordAudit(trx, actor, at, {
      action: 'import',
      entity: 'package',
      entityId: manifest.packageId,
      detail: { sender: manifest.sender.id, seq: manifest.seq, period, total: changes.summary.total, warnings: warnings.map((w) => w.code) },
    });
    return resultOf(withWarnings, success, changes.summary);
  }

  /**
   * A coordinator accepts a sender's new stream (it lost its data: restored
   * an older backup, or was set up again). Only a package the importer
   * refuses as STREAM_RESTARTED can start one: fully checked up to the
   * replay rules (signature by the sender's enrolled key), so nobody without
   * that key can reset a stream. Writes the reset row and the audit row in
   * one transaction; everything held from the old stream stays. The package
   * itself is then imported as usual.
   */
  async acceptStream(actor: Actor, input: { path: string; reason: string }): Promise<StreamAccepted> {
    requirePermission(actor, 'exchange.enrol');
    const org = await this.requireImporter(actor);
    const reason = streamResetReason(input.reason);
    const self: Self = { org, keys: await this.keys.require() };
    const alerts: AlertDraft[] = [];
    const checked = await this.check(this.db, input.path, self, alerts);
    await this.writeAlerts(actor, this.clock.now(), alerts);
    return writeStreamReset(this.db, actor, this.clock.now(), checked, reason);
  }

  private async writeAlerts(actor: Actor, at: Date, alerts: readonly AlertDraft[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const a of alerts) {
        await trx
          .insertInto('exchange_alert')
          .values({
            at: at.toISOString(),
            code: a.code,
            detail: a.detail,
            package_id: a.packageId,
            sender_id: a.senderId,
            seq: a.seq,
            sums_hash: a.sumsHash,
            signer_key_id: a.signerKeyId,
            file_name: a.fileName,
            operator_id: actor.userId,
            operator_name: actor.name,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }
}

/** Packages of the sender's streams before `stream`: records they hold may be replaced by older editions of the new stream. */
async function olderStreamPackages(db: Db, senderId: string, stream: number): Promise<ReadonlySet<string>> {
  const rows = await db.selectFrom('exchange_import').select('package_id').where('sender_id', '=', senderId).where('stream', '<', stream).execute();
  return new Set(rows.map((r) => r.package_id));
}

function alertOf(checked: Pick<Checked, 'manifest' | 'sumsHash' | 'signerKeyId' | 'path' | 'sender'>, code: ErrorCode, detail: string): AlertDraft {
  return {
    code,
    detail,
    packageId: checked.manifest?.packageId ?? null,
    senderId: checked.manifest?.sender.id ?? checked.sender?.id ?? null,
    seq: checked.manifest?.seq ?? null,
    sumsHash: checked.sumsHash,
    signerKeyId: checked.signerKeyId,
    fileName: basename(checked.path),
  };
}

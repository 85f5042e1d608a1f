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
import { stat } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import {
  EXCHANGE_SCHEMA_VERSION,
  SCHOOL_REPORT_KIND,
  type ImportBatchResult,
  type ImportFileResult,
  type ImportSummary,
  type OrgRef,
} from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { STATE_RECORD_TYPES, STATE_REPORT_KIND } from '../../../src-shared/domain/state-report';
import { AppError, defaultMessageKey, type ErrorCode } from '../../../src-shared/ipc/result';
import type { OpenedDatabase } from '../../db/connection';
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
} from '../../exchange/index';
import { ENTRY } from '../../exchange/format';
import { openStrictZip } from '../../exchange/strict-zip';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { requirePermission } from '../access';
import { recordAudit } from '../audit';
import type { Progress } from './export-service';
import { validateReportRecords, type IncomingRecord } from './import-records';
import { ImportedStore } from './imported-store';
import { validateStateRecords } from './state-report-records';
import type { KeyRow } from './enrolment-service';
import { selfOrg, type ExchangeKeyService } from './keys-service';
import { rebuildAnalytics } from '../statistics/analytic-model';
import { readSmallFile } from './files';


/** Refusals that are written to exchange_alert. */
const ALERT_CODES: ReadonlySet<ErrorCode> = new Set(['PACKAGE_ID_CONFLICT', 'SIGNER_SENDER_MISMATCH', 'INNER_BINDING_MISMATCH']);

interface Self {
  org: OrgRef;
  keys: InstallationKeys;
}

/** What steps 1-3 found out about one file. */
interface Checked {
  path: string;
  manifest: Manifest | null;
  sumsHash: string | null;
  signerKeyId: string | null;
  sender: OrgRef | null;
  refusal: { code: ErrorCode; detail: string } | null;
  warnings: PackageWarning[];
  records: IncomingRecord[] | null;
}

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

export const semesterIdOf = (period: Manifest['period']) => `${period.schoolYear}-${period.semester}`;

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
    const results: ImportFileResult[] = [];
    const at = this.clock.now();
    const trx = await this.db.startTransaction().execute();
    try {
      for (const [index, path] of ordered.entries()) {
        options.onProgress?.(index, ordered.length, 'exchange.progress.check');
        const checked = await this.check(trx, path, self, alerts);
        if (checked.refusal !== null || checked.records === null) {
          results.push(notImported(checked));
          continue;
        }
        const savepoint = await trx.savepoint('import_file').execute();
        try {
          results.push(await this.apply(savepoint, checked, actor, at, alerts, 'ready'));
          await savepoint.releaseSavepoint('import_file').execute();
        } catch (err) {
          await savepoint.rollbackToSavepoint('import_file').execute();
          results.push(this.unexpected(checked, err));
        }
      }
    } finally {
      await trx.rollback().execute();
    }
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
    await this.withFolderDurability(async () => {
      for (const [index, path] of ordered.entries()) {
        options.onProgress?.(index, ordered.length, 'exchange.progress.import');
        results.push(await this.commitOne(actor, self, path));
      }
    });
    options.onProgress?.(ordered.length, ordered.length, 'exchange.progress.done');
    return { files: results, committed: true };
  }

  /**
   * One sync to disk per folder instead of one per package: the fsync of each
   * package's COMMIT was the largest single cost of a national import. Each
   * package is still its own transaction (atomic: all of it or nothing);
   * between packages SQLite's WAL is synced at its checkpoints, and at the
   * end a checkpoint syncs the rest before the result is shown. Should the
   * power fail mid-folder, the newest packages may be missing; importing the
   * folder again skips what the ledger holds and takes what it lacks.
   */
  private async withFolderDurability(run: () => Promise<void>): Promise<void> {
    const raw = this.database.raw;
    const previous = Number(raw.pragma('synchronous', { simple: true }));
    raw.pragma('synchronous = NORMAL');
    try {
      await run();
    } finally {
      raw.pragma(`synchronous = ${previous}`);
      raw.pragma('wal_checkpoint(PASSIVE)');
    }
  }

  /** One file: checked, then written in its own transaction; alerts are written whatever the outcome. */
  private async commitOne(actor: Actor, self: Self, path: string): Promise<ImportFileResult> {
    const alerts: AlertDraft[] = [];
    const at = this.clock.now();
    const checked = await this.check(this.db, path, self, alerts);
    let result: ImportFileResult;
    if (checked.refusal !== null || checked.records === null) {
      result = notImported(checked);
    } else {
      try {
        result = await this.db.transaction().execute((trx) => this.apply(trx, checked, actor, at, alerts, 'imported'));
      } catch (err) {
        result = this.unexpected(checked, err);
      }
    }
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

  private async start(actor: Actor, paths: readonly string[]): Promise<Self> {
    const org = await this.requireImporter(actor);
    if (paths.length === 0) throw AppError.validation([{ path: 'paths', messageKey: 'errors.field.required' }]);
    return { org, keys: await this.keys.require() };
  }

  // -------------------------------------------------------------- steps 1-3

  private async check(db: Db, path: string, self: Self, alerts: AlertDraft[]): Promise<Checked> {
    let signer: (KeyRow & { org_kind: OrgRef['kind']; org_name: string }) | null = null;
    let seenManifest: Manifest | null = null;
    let seenSums: string | null = null;
    let seenKeyId: string | null = null;
    const options: ReadPackageOptions = {
      lookupSigner: async (keyId) => {
        seenKeyId = keyId;
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
      self: { id: self.org.id, ageIdentity: self.keys.age.identity, keyId: self.keys.age.keyId },
      supported: { schemaVersion: EXCHANGE_SCHEMA_VERSION },
      clock: this.clock,
      replayCheck: async (manifest, sumsHash) => {
        seenManifest = manifest;
        seenSums = sumsHash;
        return replayDecision(manifest, sumsHash, await ledgerView(db, manifest));
      },
    };
    const read = await readPackage({ path }, options);
    const found = signer as (KeyRow & { org_kind: OrgRef['kind']; org_name: string }) | null;
    const base: Checked = {
      path,
      manifest: read.ok ? read.value.manifest : seenManifest,
      sumsHash: read.ok ? read.value.sumsHash : seenSums,
      signerKeyId: seenKeyId,
      sender: found ? { kind: found.org_kind, id: found.org_id, name: found.org_name } : null,
      refusal: null,
      warnings: [],
      records: null,
    };
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
    if (manifest.seq <= found.valid_after_seq) return refused('SIGNER_REVOKED', 'seq-before-key-valid');
    // The state imports state reports (from municipalities and state vocational schools); a municipality, school reports.
    const isStateReport = self.org.kind === 'state';
    if (isStateReport ? manifest.kind !== STATE_REPORT_KIND || (manifest.sender.kind !== 'municipality' && manifest.sender.kind !== 'school') : manifest.kind !== SCHOOL_REPORT_KIND || manifest.sender.kind !== 'school') {
      return refused('UNSUPPORTED_FORMAT', 'package-kind');
    }
    const validated = isStateReport ? validateStateRecords(read.value.files, manifest.sender) : validateReportRecords(read.value.files, semesterIdOf(manifest.period), self.org.kind);
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
    if (manifest === null || sumsHash === null || checked.records === null || checked.sender === null || checked.signerKeyId === null) throw new AppError('INTERNAL');
    const decision = replayDecision(manifest, sumsHash, await ledgerView(trx, manifest));
    if (decision.action === 'skip') return resultOf({ ...checked, refusal: { code: decision.code, detail: decision.detail } }, 'alreadyImported', null);
    if (decision.action === 'refuse') {
      if (ALERT_CODES.has(decision.code)) alerts.push(alertOf(checked, decision.code, decision.detail));
      return resultOf({ ...checked, refusal: { code: decision.code, detail: decision.detail } }, 'refused', null);
    }
    // The reader's sequence warnings were against the ledger as it was then; these are against it now.
    const warnings = [...checked.warnings.filter((w) => w.code !== 'SEQUENCE_GAP'), ...decision.warnings];
    const withWarnings = { ...checked, warnings };
    const period = semesterIdOf(manifest.period);
    const store = this.storeFor(manifest.kind);
    const changes = store.plan(manifest.sender.id, period, checked.records);
    if (changes.summary.total.conflicts > 0) {
      return resultOf({ ...withWarnings, refusal: { code: 'RECORD_CONFLICT', detail: 'older-record' } }, 'refused', changes.summary);
    }
    const stamp = at.toISOString();
    await trx
      .insertInto('exchange_import')
      .values({
        package_id: manifest.packageId,
        sender_id: manifest.sender.id,
        seq: manifest.seq,
        prev_sums: manifest.prevSums,
        sums_hash: sumsHash,
        signer_key_id: checked.signerKeyId,
        kind: manifest.kind,
        period,
        created_at: manifest.createdAt,
        imported_at: stamp,
        operator_id: actor.userId,
        operator_name: actor.name,
        summary: JSON.stringify(changes.summary),
        warnings: JSON.stringify(warnings),
      })
      .execute();
    store.apply(manifest.sender.id, period, manifest.packageId, stamp, changes);
    // The analytic model follows in the same transaction (issue 11): statistics never read a half-imported package.
    rebuildAnalytics(this.database.raw, manifest.sender.id, period, stamp);
    await recordAudit(trx, actor, at, {
      action: 'import',
      entity: 'package',
      entityId: manifest.packageId,
      detail: { sender: manifest.sender.id, seq: manifest.seq, period, total: changes.summary.total, warnings: warnings.map((w) => w.code) },
    });
    return resultOf(withWarnings, success, changes.summary);
  }

  private unexpected(checked: Checked, err: unknown): ImportFileResult {
    if (err instanceof AppError) return resultOf({ ...checked, refusal: { code: err.code, detail: 'apply' } }, 'refused', null);
    this.log.error('exchange.importFailed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return resultOf({ ...checked, refusal: { code: 'INTERNAL', detail: 'apply' } }, 'refused', null);
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

/**
 * What the replay rules need from the ledger (any package kind: a school's
 * reports at its municipality, a municipality's decisions at a school).
 * Staleness is judged within the manifest's period; gaps along the stream.
 */
export async function ledgerView(db: Db, manifest: Pick<Manifest, 'packageId' | 'sender' | 'seq' | 'period'>): Promise<LedgerView> {
  const same = await db.selectFrom('exchange_import').select(['package_id', 'seq', 'sums_hash']).where('package_id', '=', manifest.packageId).executeTakeFirst();
  const newest = await db
    .selectFrom('exchange_import')
    .select(['package_id', 'seq', 'sums_hash'])
    .where('sender_id', '=', manifest.sender.id)
    .where('period', '=', semesterIdOf(manifest.period))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const previous = await db
    .selectFrom('exchange_import')
    .select(['package_id', 'seq', 'sums_hash'])
    .where('sender_id', '=', manifest.sender.id)
    .where('seq', '=', manifest.seq - 1)
    .executeTakeFirst();
  const any = await db.selectFrom('exchange_import').select('package_id').where('sender_id', '=', manifest.sender.id).limit(1).executeTakeFirst();
  const view = (row: typeof same) => (row ? { packageId: row.package_id, seq: row.seq, sumsHash: row.sums_hash } : null);
  return { samePackageId: view(same), newestFromSender: view(newest), stream: { previous: view(previous), anyFromSender: any !== undefined } };
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

/** A file steps 1-3 stopped: refused, or (the reader's replay check) already imported. */
function notImported(checked: Checked): ImportFileResult {
  return resultOf(checked, checked.refusal?.code === 'ALREADY_IMPORTED' ? 'alreadyImported' : 'refused', null);
}

function resultOf(checked: Checked, status: ImportFileResult['status'], summary: ImportSummary | null): ImportFileResult {
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

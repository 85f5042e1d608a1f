/**
 * A school imports its municipality's (or, for a state vocational school,
 * the state's) decisions package (docs/package-format.md, "The decisions
 * package"). The same reader and the same rules as the municipality's
 * importer, from the other side:
 *
 *  1. readPackage: the signer must be the authority this school trusts
 *     (exchange_org role `recipient`; any other key is SIGNER_UNKNOWN), the
 *     package must be encrypted to this school's current age key
 *     (NOT_FOR_THIS_RECIPIENT), replay rules against the school's ledger;
 *  2. policy: kind `decisions` from the enrolled kind of sender;
 *  3. records: the four files, strict schemas, unique ids, and every decision
 *     and payment names a plan (and measures) of this school in the
 *     package's period (RECORD_INVALID, e.g. `decisions-plan-unknown`);
 *  4. one transaction: replay rules again, the ledger row, settings,
 *     projects, payments, the decisions (each applied once; a decision made
 *     on a plan edition the school has changed since is kept and flagged
 *     stale, never applied), the audit row.
 *
 * Any refusal writes nothing at all.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  DECISION_FILES,
  DECISION_RECORD_SCHEMAS,
  DECISION_RECORD_TYPES,
  DECISIONS_KIND,
  DECISIONS_SCHEMA_VERSION,
  type DecisionRecord,
  type DecisionRecordType,
  type PaymentRecord,
  type SettingsRecord,
  type YouthProjectRecord,
} from '../../../src-shared/domain/decisions';
import type { ImportBatchResult, ImportFileResult, ImportSummary, OrgRef, StreamAccepted } from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError, type ErrorCode } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';
import type { PackageRecord } from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import {
  commitFile,
  currentStreamReset,
  insertLedgerRow,
  keyRefusalInStream,
  orderForImport,
  previewFiles,
  readForImport,
  replayInTransaction,
  resultOf,
  semesterIdOf,
  streamResetReason,
  unexpectedResult,
  writeStreamReset,
  type CheckedPackage,
  type ImportSteps,
} from '../exchange/import-shell';
import { selfOrg, type ExchangeKeyService } from '../exchange/keys-service';
import { changePlanStatus, getPlanRow } from '../plans/plan-status';

interface Parsed {
  settings: SettingsRecord[];
  decision: DecisionRecord[];
  payment: PaymentRecord[];
  youthProject: YouthProjectRecord[];
}

type Checked = CheckedPackage<Parsed>;

export class DecisionsImportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly keys: ExchangeKeyService,
    private readonly log: Logger,
    private readonly backup?: () => Promise<unknown>,
  ) {}

  /** Imports decisions packages in seq order, each in its own transaction, after a backup of the database. */
  async commit(actor: Actor, paths: readonly string[]): Promise<ImportBatchResult> {
    const steps = this.steps(actor, await this.start(actor, paths));
    await this.backup?.();
    const results: ImportFileResult[] = [];
    for (const path of await orderForImport(paths)) results.push(await commitFile(this.db, path, steps));
    return { files: results, committed: true };
  }

  /** The dry run: everything checked and applied inside a transaction that is rolled back. */
  async preview(actor: Actor, paths: readonly string[]): Promise<ImportBatchResult> {
    const steps = this.steps(actor, await this.start(actor, paths));
    return { files: await previewFiles(this.db, await orderForImport(paths), steps), committed: false };
  }

  /**
   * The school's coordinator accepts its authority's new stream (the
   * municipality, or the state, lost its data: restored an older backup or
   * was set up again, and numbers its decisions packages from where its
   * database left off). The same rule as at the authority
   * (ImportService.acceptStream, docs/package-format.md "Streams that start
   * again"): only a decisions package this importer refuses as
   * STREAM_RESTARTED, signed by the authority's trusted key, starts one; the
   * reset and its audit row are written in one transaction; nothing received
   * is deleted; the package is then imported as usual.
   */
  async acceptStream(actor: Actor, input: { path: string; reason: string }): Promise<StreamAccepted> {
    requirePermission(actor, 'exchange.enrol');
    const reason = streamResetReason(input.reason);
    const self = await this.start(actor, [input.path]);
    const checked = await this.check(this.db, input.path, self);
    return writeStreamReset(this.db, actor, this.clock.now(), checked, reason);
  }

  /** This importer's steps for the shared shell (exchange/import-shell.ts). */
  private steps(actor: Actor, self: { org: OrgRef; authority: OrgRef }): ImportSteps<Checked> {
    return {
      check: (db, path) => this.check(db, path, self),
      apply: (trx, checked, success) => this.apply(trx, checked, actor, success),
      unexpected: (checked, err) => unexpectedResult(checked, err, this.log, 'decisions.importFailed'),
    };
  }

  private async start(actor: Actor, paths: readonly string[]): Promise<{ org: OrgRef; authority: OrgRef }> {
    requirePermission(actor, 'exchange.import');
    const org = await selfOrg(this.db);
    if (org.kind !== 'school') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.decisions.importOnlySchools' });
    if (paths.length === 0) throw AppError.validation([{ path: 'paths', messageKey: 'errors.field.required' }]);
    const authority = await this.db.selectFrom('exchange_org').select(['id', 'kind', 'name']).where('role', '=', 'recipient').executeTakeFirst();
    if (!authority) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noRecipient' });
    return { org, authority: { id: authority.id, kind: authority.kind, name: authority.name } };
  }

  private async check(db: Db, path: string, self: { org: OrgRef; authority: OrgRef }): Promise<Checked> {
    let signer: { valid_after_seq: number; added_at: string; state: string; replaced_at: string | null } | null = null;
    const { read, base } = await readForImport(db, path, {
      self: { id: self.org.id, keys: await this.keys.require() },
      schemaVersion: DECISIONS_SCHEMA_VERSION,
      clock: this.clock,
      lookupSigner: async (keyId) => {
        // Only the authority this school trusts may sign its decisions.
        const row = await db
          .selectFrom('exchange_key')
          .selectAll()
          .where('signing_key_id', '=', keyId)
          .where('org_id', '=', self.authority.id)
          .executeTakeFirst();
        if (!row) return null;
        signer = row;
        return { senderId: row.org_id, publicKeyPem: row.signing_public_key_pem, revokedAfterSeq: row.revoked_after_seq };
      },
      senderOf: (seenKeyId) => (seenKeyId === null ? null : self.authority),
    });
    const refused = (code: ErrorCode, detail: string): Checked => ({ ...base, refusal: { code, detail } });
    if (!read.ok) {
      if (read.refusal.code === 'INTERNAL') this.log.error('decisions.importCheckFailed', { detail: read.refusal.detail });
      return refused(read.refusal.code, read.refusal.detail);
    }
    const { manifest } = read.value;
    if (manifest.sender.kind !== self.authority.kind) return refused('SIGNER_SENDER_MISMATCH', 'sender-kind-differs-from-enrolment');
    const key = signer as { valid_after_seq: number; added_at: string; state: string; replaced_at: string | null } | null;
    if (key === null) return refused('INTERNAL', 'signer-not-recorded');
    // After an accepted new stream (the authority lost its data) the key rules count in the new stream, as at the authority.
    const keyRefusal = keyRefusalInStream(key, await currentStreamReset(db, manifest.sender.id), manifest.seq);
    if (keyRefusal !== null) return refused('SIGNER_REVOKED', keyRefusal);
    if (manifest.kind !== DECISIONS_KIND) return refused('UNSUPPORTED_FORMAT', 'package-kind');
    const parsed = parseRecords(read.value.files);
    if (typeof parsed === 'string') return refused('RECORD_INVALID', parsed);
    const references = await checkReferences(db, parsed, semesterIdOf(manifest.period));
    if (references !== null) return refused('RECORD_INVALID', references);
    return { ...base, warnings: read.value.warnings, records: parsed };
  }

  private async apply(trx: Transaction<DB>, checked: Checked, actor: Actor, success: 'ready' | 'imported'): Promise<ImportFileResult> {
    const { manifest, sumsHash, records, signerKeyId } = checked;
    if (manifest === null || sumsHash === null || records === null || signerKeyId === null) throw new AppError('INTERNAL');
    const replay = await replayInTransaction(trx, { ...checked, manifest, sumsHash });
    if (!replay.go) return replay.result;
    const { warnings } = replay;
    const now = this.clock.now();
    const at = now.toISOString();
    const period = semesterIdOf(manifest.period);
    const counts = emptySummary();
    const bump = (type: string, key: 'created' | 'updated' | 'unchanged') => {
      const c = (counts.byType[type] ??= { created: 0, updated: 0, unchanged: 0, withdrawn: 0, conflicts: 0 });
      c[key] += 1;
      counts.total[key] += 1;
    };

    const stream = (await currentStreamReset(trx, manifest.sender.id))?.stream ?? 0;
    await insertLedgerRow(trx, { manifest, sumsHash, signerKeyId, actor, at: now, summary: null, warnings, stream });

    // Settings and the projects register: the newest package's word wins (an older one arriving late changes neither);
    // after an accepted new stream, the newest of the new stream (the authority's restored data is its word now).
    const newerHeld = await trx
      .selectFrom('exchange_import')
      .select('package_id')
      .where('sender_id', '=', manifest.sender.id)
      .where('kind', '=', DECISIONS_KIND)
      .where('stream', '=', stream)
      .where('seq', '>', manifest.seq)
      .executeTakeFirst();
    if (!newerHeld) {
      for (const s of records.settings) {
        await trx
          .insertInto('received_settings')
          .values({ id: 1, authority_id: manifest.sender.id, package_id: manifest.packageId, record: JSON.stringify(s), received_at: at })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({ authority_id: manifest.sender.id, package_id: manifest.packageId, record: JSON.stringify(s), received_at: at }),
          )
          .execute();
        bump('settings', 'updated');
      }
      await trx.deleteFrom('received_youth_project').execute();
      for (const p of records.youthProject) {
        await trx
          .insertInto('received_youth_project')
          .values({
            id: p.id,
            package_id: manifest.packageId,
            title: p.title,
            ngo: p.ngo,
            starts_on: p.startsOn,
            ends_on: p.endsOn,
            budget_cents: p.budgetCents,
            received_at: at,
          })
          .execute();
        bump('youthProject', 'updated');
      }
    }
    for (const p of records.payment) {
      const held = await trx.selectFrom('received_payment').select('id').where('id', '=', p.id).executeTakeFirst();
      const values = {
        package_id: manifest.packageId,
        plan_id: p.planId,
        measure_id: p.measureId,
        paid_on: p.paidOn,
        cents: p.cents,
        payee: p.payee,
        reference: p.reference,
        received_at: at,
      };
      if (held) {
        await trx.updateTable('received_payment').set(values).where('id', '=', p.id).execute();
        bump('payment', 'unchanged');
      } else {
        await trx
          .insertInto('received_payment')
          .values({ id: p.id, ...values })
          .execute();
        bump('payment', 'created');
      }
    }
    const ordered = [...records.decision].sort((x, y) => (x.decidedAt < y.decidedAt ? -1 : x.decidedAt > y.decidedAt ? 1 : x.id < y.id ? -1 : 1));
    for (const d of ordered) {
      const held = await trx.selectFrom('received_decision').select('id').where('id', '=', d.id).executeTakeFirst();
      if (held) {
        bump('decision', 'unchanged');
        continue;
      }
      const stale = await isStale(trx, d);
      await trx
        .insertInto('received_decision')
        .values({
          id: d.id,
          authority_id: manifest.sender.id,
          package_id: manifest.packageId,
          plan_id: d.planId,
          plan_version: d.planVersion,
          plan_updated_at: d.planUpdatedAt,
          outcome: d.outcome,
          measures: JSON.stringify(d.measures),
          comment: d.comment,
          decided_at: d.decidedAt,
          received_at: at,
          stale: stale ? 1 : 0,
        })
        .execute();
      if (stale) {
        bump('staleDecision', 'created');
        continue;
      }
      await applyDecision(trx, d, actor, now);
      bump('decision', 'created');
    }
    await trx
      .updateTable('exchange_import')
      .set({ summary: JSON.stringify(counts) })
      .where('package_id', '=', manifest.packageId)
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'import',
      entity: 'package',
      entityId: manifest.packageId,
      detail: { sender: manifest.sender.id, kind: DECISIONS_KIND, seq: manifest.seq, period, total: counts.total, warnings: warnings.map((w) => w.code) },
    });
    return resultOf({ ...checked, warnings }, success, counts);
  }
}

function emptySummary(): ImportSummary {
  return { byType: {}, total: { created: 0, updated: 0, unchanged: 0, withdrawn: 0, conflicts: 0 }, conflicts: [] };
}

/** Strict schemas, unique ids, exactly the four files, at most one settings record: a refusal detail, or the records. */
function parseRecords(files: Record<string, PackageRecord[]>): Parsed | string {
  const expected = new Set<string>(Object.values(DECISION_FILES));
  for (const name of Object.keys(files)) if (!expected.has(name)) return 'file-unexpected';
  const out = {} as Record<DecisionRecordType, unknown[]>;
  for (const type of DECISION_RECORD_TYPES) {
    const lines = files[DECISION_FILES[type]];
    if (lines === undefined) return 'file-missing';
    const ids = new Set<string>();
    const parsed: unknown[] = [];
    for (const line of lines) {
      const result = DECISION_RECORD_SCHEMAS[type].safeParse(line);
      if (!result.success) return `${DECISION_FILES[type]}-schema`;
      if (ids.has(result.data.id)) return `${DECISION_FILES[type]}-duplicate-id`;
      ids.add(result.data.id);
      parsed.push(result.data);
    }
    out[type] = parsed;
  }
  if (out.settings.length > 1) return 'settings-more-than-one';
  return out as unknown as Parsed;
}

/** Every decision and payment must name a plan of this school in the package's period; a measure it names, if the school still has it, must be that plan's. */
async function checkReferences(db: Db, records: Parsed, period: string): Promise<string | null> {
  const planIds = [...new Set([...records.decision.map((d) => d.planId), ...records.payment.map((p) => p.planId)])];
  if (planIds.length === 0) return null;
  const plans = new Map<string, { semester_id: string; code: string }>();
  const measures = new Map<string, string>();
  for (let i = 0; i < planIds.length; i += 500) {
    const chunk = planIds.slice(i, i + 500);
    for (const p of await db.selectFrom('plan').select(['id', 'semester_id', 'code']).where('id', 'in', chunk).execute()) plans.set(p.id, p);
    for (const m of await db.selectFrom('measure').select(['id', 'plan_id']).where('plan_id', 'in', chunk).execute()) measures.set(m.id, m.plan_id);
  }
  for (const d of records.decision) {
    const plan = plans.get(d.planId);
    if (!plan) return 'decisions-plan-unknown';
    if (plan.semester_id !== period) return 'decisions-period';
    if (plan.code !== d.planCode) return 'decisions-plan-code';
    // A measure the school has since removed (a revision) is no refusal: that decision is stale, kept and flagged.
    if (d.measures.some((m) => measures.has(m.measureId) && measures.get(m.measureId) !== d.planId)) return 'decisions-measure-of-other-plan';
    if (d.outcome === 'measureRefused' && !d.measures.some((m) => m.refused)) return 'decisions-nothing-refused';
  }
  for (const p of records.payment) {
    if (!plans.has(p.planId)) return 'payments-plan-unknown';
    if (measures.has(p.measureId) && measures.get(p.measureId) !== p.planId) return 'payments-measure-of-other-plan';
  }
  return null;
}

/**
 * A decision applies only to the plan edition it was made on: stale when the
 * school has since sent the plan back to draft (revised or returned), changed
 * a measure, or the plan no longer waits for the municipality.
 */
async function isStale(trx: Transaction<DB>, d: DecisionRecord): Promise<boolean> {
  const plan = await getPlanRow(trx, d.planId);
  if (plan.authority_state !== 'waiting' || plan.status === 'inactive' || plan.status === 'draft' || plan.status === 'inApproval') return true;
  const reworked = await trx
    .selectFrom('plan_status_change')
    .select('id')
    .where('plan_id', '=', d.planId)
    .where('to_status', '=', 'draft')
    .where('changed_at', '>', d.planUpdatedAt)
    .executeTakeFirst();
  if (reworked) return true;
  const measures = await trx.selectFrom('measure').select(['id', 'updated_at']).where('plan_id', '=', d.planId).execute();
  if (measures.some((m) => m.updated_at > d.planUpdatedAt)) return true;
  const ids = new Set(measures.map((m) => m.id));
  return d.measures.some((m) => !ids.has(m.measureId));
}

async function applyDecision(trx: Transaction<DB>, d: DecisionRecord, actor: Actor, at: Date): Promise<void> {
  const iso = at.toISOString();
  for (const m of d.measures) {
    await trx
      .updateTable('measure')
      .set({ approved_cents: m.approvedCents, authority_refused: m.refused ? 1 : 0 })
      .where('id', '=', m.measureId)
      .where('plan_id', '=', d.planId)
      .execute();
  }
  const plan = await getPlanRow(trx, d.planId);
  if (d.outcome === 'returned') {
    // Returned for changes: the plan goes back to draft with the municipality's comment in its history.
    await changePlanStatus(trx, plan, 'revise', actor, at, d.comment);
  } else {
    await trx
      .insertInto('plan_status_change')
      .values({ plan_id: plan.id, from_status: plan.status, to_status: plan.status, comment: d.comment, changed_by: actor.userId, changed_at: iso })
      .execute();
  }
  await trx
    .updateTable('plan')
    .set((eb) => ({ authority_state: d.outcome, version: eb('version', '+', 1), updated_at: iso }))
    .where('id', '=', d.planId)
    .execute();
  await recordAudit(trx, actor, at, { action: 'update', entity: 'plan', entityId: d.planId, detail: { authorityDecision: d.id, outcome: d.outcome } });
}

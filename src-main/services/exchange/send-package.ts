/**
 * Sealing and sending one package on a sender's stream: the one way every
 * outgoing package is made (a school's report, the report to the state, an
 * authority's decisions for a school).
 *
 * Sequence numbers run per (sender, recipient) stream, 1, 2, 3..., each
 * package naming the previous one's sums hash in prevSums. Nothing is left
 * half-done: the package is written to a temporary file beside the target;
 * only then is the stream advanced (with the export ledger row and the audit
 * row) in one transaction, and the file renamed into place. If the
 * transaction fails the temporary file is removed and the counter has not
 * moved; if another export to the same recipient finished meanwhile, this one
 * is refused (CONFLICT) and nothing is kept; if only the final rename fails,
 * the recipient later sees a SEQUENCE_GAP warning, never a reused number.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { OrgMode } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import { writePackageWithReceipt, type PackageRecord, type WritePackageInput } from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import { recordAudit } from '../audit';
import type { KeyRow } from './enrolment-service';
import { writePending } from './files';
import type { InstallationKeys } from '../../package-format/index';

/** The manifest's appVersion is informational; a build without a release number (a dev build) says 0.0.0. */
const RELEASE_VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,6}(-[0-9A-Za-z.-]{1,32})?$/;
export function packageAppVersion(appVersion: string): string {
  return RELEASE_VERSION.test(appVersion) ? appVersion : '0.0.0';
}

export interface SendPackageInput {
  actor: Actor;
  sender: { id: string; kind: OrgMode };
  /** This installation's keys (ExchangeKeyService.require()). */
  keys: InstallationKeys;
  /** The recipient and its current enrolled key (currentKey()). */
  recipient: { id: string; key: Pick<KeyRow, 'age_recipient' | 'age_key_id'> };
  kind: string;
  period: WritePackageInput['period'];
  /** The semester id the export ledger files the package under, e.g. 2025/26-1. */
  semesterId: string;
  schemaVersion: number;
  appVersion: string;
  /** Each file's records, and optionally the same records already as JSON text, one per line (PackageFileInput). */
  files: ReadonlyArray<{ name: string; records: readonly unknown[]; lines?: readonly string[] }>;
  /** Records per type, kept in the export ledger. */
  counts: Record<string, number>;
  /** The audit row's detail, given the package's sequence number. */
  auditDetail: (seq: number) => Record<string, unknown>;
  /** Where to write the package. */
  path: string;
  /** Called once the package is sealed, before it is written (progress). */
  onSealed?: () => void;
  /** More to record in the same transaction as the export ledger row (e.g. what the package carried), given the package id. */
  inLedger?: (trx: Transaction<DB>, packageId: string) => Promise<void>;
}

export interface SentPackage {
  packageId: string;
  seq: number;
  sumsHash: string;
}

export async function sendPackage(db: Kysely<DB>, clock: Clock, input: SendPackageInput): Promise<SentPackage> {
  const { actor, recipient, keys } = input;
  const stream = await db.selectFrom('exchange_out_stream').selectAll().where('recipient_id', '=', recipient.id).executeTakeFirst();
  const seq = (stream?.last_seq ?? 0) + 1;
  const prevSums = stream?.last_sums_hash ?? null;
  const packageId = randomUUID();
  const createdAt = clock.now();
  const written = await writePackageWithReceipt({
    sender: { id: input.sender.id, kind: input.sender.kind, signingKey: keys.signing.privateKey },
    recipients: [{ id: recipient.id, ageRecipient: recipient.key.age_recipient, keyId: recipient.key.age_key_id }],
    kind: input.kind,
    period: input.period,
    seq,
    prevSums,
    packageId,
    createdAt,
    appVersion: packageAppVersion(input.appVersion),
    schemaVersion: input.schemaVersion,
    files: input.files.map((f) => ({ ...f, records: f.records as unknown as PackageRecord[] })),
  });

  input.onSealed?.();
  const pending = await writePending(input.path, written.bytes);
  try {
    const at = createdAt.toISOString();
    await db.transaction().execute(async (trx) => {
      const now = await trx.selectFrom('exchange_out_stream').select('last_seq').where('recipient_id', '=', recipient.id).executeTakeFirst();
      // Another export for the same recipient finished meanwhile: this package's seq is taken.
      if ((now?.last_seq ?? 0) !== seq - 1) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.exportRaced' });
      await trx
        .insertInto('exchange_export')
        .values({
          package_id: packageId,
          recipient_id: recipient.id,
          recipient_key_id: recipient.key.age_key_id,
          seq,
          prev_sums: prevSums,
          sums_hash: written.sumsHash,
          signer_key_id: keys.signing.keyId,
          kind: input.kind,
          period: input.semesterId,
          counts: JSON.stringify(input.counts),
          created_at: at,
          created_by: actor.userId,
        })
        .execute();
      await trx
        .insertInto('exchange_out_stream')
        .values({ recipient_id: recipient.id, last_seq: seq, last_sums_hash: written.sumsHash, last_package_id: packageId, updated_at: at })
        .onConflict((oc) =>
          oc.column('recipient_id').doUpdateSet({ last_seq: seq, last_sums_hash: written.sumsHash, last_package_id: packageId, updated_at: at }),
        )
        .execute();
      await input.inLedger?.(trx, packageId);
      await recordAudit(trx, actor, createdAt, { action: 'export', entity: 'package', entityId: packageId, detail: input.auditDetail(seq) });
    });
  } catch (err) {
    await pending.discard();
    throw err;
  }
  await pending.commit();
  return { packageId, seq, sumsHash: written.sumsHash };
}

/**
 * Enrolment: which organisations this installation exchanges packages with,
 * and their pinned keys.
 *
 * - A municipality (or the state) *enrols* a sender from its key card, after
 *   the coordinator compared the fingerprint with the sender by phone: the
 *   confirmation names the signing key id the coordinator saw, so a file
 *   swapped between preview and confirmation is refused.
 * - A school *trusts* its recipient's card (its municipality's; the state's
 *   for a state vocational school); a municipality trusts the state's.
 *
 * After that the key is pinned: a card with another key is KEY_CHANGED. Keys
 * change only by a rotation statement signed by the old and the new key, or
 * are limited by a revocation ("signs nothing after seq N") signed by the key
 * itself. A lost key (nothing can sign for it) is replaced only by enrolling
 * the new card again with `replaceKey`, after a new fingerprint comparison;
 * the old key is then revoked after the last package imported from it.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { municipalityCode, STATE_ORG_ID, type EnrolledOrg, type KeyFilePreview, type OrgRef } from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';
import type { ExchangeKeyTable, ExchangeOrgTable } from '../../db/exchange-tables';
import {
  encodeSignedStatement,
  fingerprintOf,
  pinDecision,
  verifyKeyCard,
  verifyKeyRevocation,
  verifyKeyRotation,
  type KeyCard,
  type Refusal,
} from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { readSmallFile } from './files';
import { selfOrg } from './keys-service';

export type EnrolmentPurpose = 'enrol' | 'trust';
export type KeyRow = Selectable<ExchangeKeyTable>;

/** Key cards and statements are a few KiB; anything much larger is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

type ParsedKeyFile =
  | { statement: 'card'; card: KeyCard; raw: unknown }
  | { statement: 'rotation'; raw: unknown; oldKeyId: string }
  | { statement: 'revocation'; raw: unknown; keyId: string };

interface Plan {
  preview: KeyFilePreview;
  apply(trx: Transaction<DB>, actor: Actor, at: string): Promise<void>;
}

function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, { details: { params: { detail: refusal.detail } } });
}

const notAKeyFile = () => new AppError('VALIDATION_FAILED', { messageKey: 'errors.exchange.notAKeyFile' });

export class EnrolmentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /**
   * What a key file holds and what confirming it would do; changes nothing.
   * Another key for an enrolled organisation is KEY_CHANGED, unless
   * `replaceKey` asks what replacing a lost key would do (action 'replace').
   */
  async preview(actor: Actor, path: string, purpose: EnrolmentPurpose, replaceKey = false): Promise<KeyFilePreview> {
    requirePermission(actor, 'exchange.enrol');
    const file = await readKeyFile(path);
    return (await this.plan(this.db, file, purpose, replaceKey)).preview;
  }

  /**
   * Enrols, trusts, rotates or revokes as the file says. `signingKeyId` is the
   * key id (or fingerprint, digits or hex) the user compared; it must be the
   * file's. `replaceKey` replaces a pinned key that was lost (new comparison).
   */
  async confirm(actor: Actor, input: { path: string; purpose: EnrolmentPurpose; fingerprint: string; replaceKey?: boolean }): Promise<EnrolledOrg> {
    requirePermission(actor, 'exchange.enrol');
    const file = await readKeyFile(input.path);
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.plan(trx, file, input.purpose, input.replaceKey === true);
      if (!fingerprintMatches(input.fingerprint, plan.preview.signingKeyId)) {
        throw new AppError('VALIDATION_FAILED', {
          messageKey: 'errors.exchange.fingerprintDiffers',
          details: { fields: [{ path: 'fingerprint', messageKey: 'errors.exchange.fingerprintDiffers' }] },
        });
      }
      await plan.apply(trx, actor, at);
      const org = await trx.selectFrom('exchange_org').selectAll().where('id', '=', plan.preview.org.id).executeTakeFirstOrThrow();
      const key = await currentKey(trx, org.id);
      return {
        org: plan.preview.org,
        role: org.role,
        action: plan.preview.action,
        fingerprint: fingerprintOf(key?.signing_key_id ?? plan.preview.signingKeyId),
        revokedAfterSeq: key?.revoked_after_seq ?? null,
      };
    });
  }

  /** Enrolled organisations (one role), with their current key. */
  async list(actor: Actor, role: ExchangeOrgTable['role']): Promise<EnrolledOrg[]> {
    requirePermission(actor, 'exchange.enrol');
    const orgs = await this.db.selectFrom('exchange_org').selectAll().where('role', '=', role).orderBy('name').execute();
    const out: EnrolledOrg[] = [];
    for (const org of orgs) {
      const key = await currentKey(this.db, org.id);
      if (!key) continue;
      out.push({
        org: { kind: org.kind, id: org.id, name: org.name },
        role,
        action: 'unchanged',
        fingerprint: fingerprintOf(key.signing_key_id),
        revokedAfterSeq: key.revoked_after_seq,
      });
    }
    return out;
  }

  private async plan(db: Db, file: ParsedKeyFile, purpose: EnrolmentPurpose, replaceKey: boolean): Promise<Plan> {
    const self = await selfOrg(db);
    if (file.statement === 'card') return this.planCard(db, self, file, purpose, replaceKey);
    const plan = file.statement === 'rotation' ? await this.planRotation(db, file) : await this.planRevocation(db, file);
    const role = await db.selectFrom('exchange_org').select('role').where('id', '=', plan.preview.org.id).executeTakeFirst();
    if (role?.role !== (purpose === 'enrol' ? 'sender' : 'recipient')) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.otherRole' });
    return plan;
  }

  private async planCard(
    db: Db,
    self: OrgRef,
    file: Extract<ParsedKeyFile, { statement: 'card' }>,
    purpose: EnrolmentPurpose,
    replaceKey: boolean,
  ): Promise<Plan> {
    const card = file.card;
    const org: OrgRef = { kind: card.org.kind, id: card.org.id, name: card.org.name };
    const role: ExchangeOrgTable['role'] = purpose === 'enrol' ? 'sender' : 'recipient';
    if (card.org.id === self.id) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.ownCard' });
    if (purpose === 'enrol') checkCanEnrol(self, org);
    else await checkExpectedRecipient(db, org);
    const existingOrg = await db.selectFrom('exchange_org').selectAll().where('id', '=', org.id).executeTakeFirst();
    if (existingOrg && existingOrg.role !== role) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.otherRole' });
    if (purpose === 'trust') {
      const other = await db.selectFrom('exchange_org').select('id').where('role', '=', 'recipient').where('id', '!=', org.id).executeTakeFirst();
      if (other) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.otherRecipient' });
    }
    const keyElsewhere = await db.selectFrom('exchange_key').select('org_id').where('signing_key_id', '=', card.keyIds.signing).executeTakeFirst();
    if (keyElsewhere && keyElsewhere.org_id !== org.id)
      throw new AppError('SIGNER_SENDER_MISMATCH', { details: { params: { detail: 'key-enrolled-for-other-org' } } });
    const pinned = existingOrg ? await currentKey(db, org.id) : undefined;
    const decision = pinDecision(pinned ? { signingKeyId: pinned.signing_key_id, ageKeyId: pinned.age_key_id } : null, card);
    const previewBase = {
      statement: 'card' as const,
      org,
      signingKeyId: card.keyIds.signing,
      fingerprint: fingerprintOf(card.keyIds.signing),
      pinnedFingerprint: pinned ? fingerprintOf(pinned.signing_key_id) : null,
      seqAfter: null,
    };
    if (!decision.ok) {
      if (!replaceKey || !pinned) throw refusalError(decision.refusal);
      if (keyElsewhere) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.keyWasReplaced' });
      // A lost key: the new one takes over after the last package we have from the old one.
      const lastSeq = await lastImportedSeq(db, org.id);
      return {
        preview: { ...previewBase, action: 'replace', seqAfter: lastSeq },
        apply: async (trx, actor, at) => {
          await retireKey(trx, pinned, lastSeq, at);
          await insertKey(trx, org.id, card, file.raw, lastSeq, actor, at);
          await touchOrg(trx, org, at);
          await recordAudit(trx, actor, new Date(at), {
            action: 'update',
            entity: 'exchange_org',
            entityId: org.id,
            detail: { action: 'replace', keyId: card.keyIds.signing, oldKeyId: pinned.signing_key_id, seqAfter: lastSeq },
          });
        },
      };
    }
    if (decision.value === 'unchanged') {
      return {
        preview: { ...previewBase, action: 'unchanged' },
        apply: async (trx, _actor, at) => {
          // The same keys again: only the readable name may have changed.
          await touchOrg(trx, org, at);
        },
      };
    }
    return {
      preview: { ...previewBase, action: 'enrol' },
      apply: async (trx, actor, at) => {
        await trx
          .insertInto('exchange_org')
          .values({ id: org.id, kind: org.kind, name: org.name, role, enrolled_at: at, enrolled_by: actor.userId, updated_at: at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: org.name, updated_at: at }))
          .execute();
        await insertKey(trx, org.id, card, file.raw, 0, actor, at);
        await recordAudit(trx, actor, new Date(at), {
          action: 'create',
          entity: 'exchange_org',
          entityId: org.id,
          detail: { role, keyId: card.keyIds.signing },
        });
      },
    };
  }

  private async planRotation(db: Db, file: Extract<ParsedKeyFile, { statement: 'rotation' }>): Promise<Plan> {
    const old = await db.selectFrom('exchange_key').selectAll().where('signing_key_id', '=', file.oldKeyId).executeTakeFirst();
    if (!old) throw new AppError('SIGNER_UNKNOWN', { details: { params: { detail: 'rotation-old-key-not-pinned' } } });
    const org = await db.selectFrom('exchange_org').selectAll().where('id', '=', old.org_id).executeTakeFirstOrThrow();
    if (old.state !== 'current') throw new AppError('CONFLICT', { messageKey: 'errors.exchange.keyWasReplaced' });
    const checked = verifyKeyRotation(file.raw, { keyId: old.signing_key_id, publicKeyPem: old.signing_public_key_pem, org: { kind: org.kind, id: org.id } });
    if (!checked.ok) throw refusalError(checked.refusal);
    const { newCard, seqAfter } = checked.value;
    if (old.revoked_after_seq !== null && seqAfter > old.revoked_after_seq)
      throw new AppError('SIGNER_REVOKED', { details: { params: { detail: 'rotation-after-revocation' } } });
    const elsewhere = await db.selectFrom('exchange_key').select('org_id').where('signing_key_id', '=', newCard.keyIds.signing).executeTakeFirst();
    if (elsewhere) throw new AppError('CONFLICT', { messageKey: 'errors.exchange.keyWasReplaced' });
    const ref: OrgRef = { kind: org.kind, id: org.id, name: newCard.org.name };
    return {
      preview: {
        statement: 'rotation',
        org: ref,
        signingKeyId: newCard.keyIds.signing,
        fingerprint: fingerprintOf(newCard.keyIds.signing),
        action: 'rotate',
        pinnedFingerprint: fingerprintOf(old.signing_key_id),
        seqAfter,
      },
      apply: async (trx, actor, at) => {
        await retireKey(trx, old, seqAfter, at);
        // The card inside the rotation is the new key's, verified above.
        const rawCard = (file.raw as { statement: { newCard: unknown } }).statement.newCard;
        await insertKey(trx, org.id, newCard, rawCard, seqAfter, actor, at);
        await touchOrg(trx, ref, at);
        await recordAudit(trx, actor, new Date(at), {
          action: 'update',
          entity: 'exchange_org',
          entityId: org.id,
          detail: { action: 'rotate', keyId: newCard.keyIds.signing, oldKeyId: old.signing_key_id, seqAfter },
        });
      },
    };
  }

  private async planRevocation(db: Db, file: Extract<ParsedKeyFile, { statement: 'revocation' }>): Promise<Plan> {
    const key = await db.selectFrom('exchange_key').selectAll().where('signing_key_id', '=', file.keyId).executeTakeFirst();
    if (!key) throw new AppError('SIGNER_UNKNOWN', { details: { params: { detail: 'revocation-key-not-pinned' } } });
    const org = await db.selectFrom('exchange_org').selectAll().where('id', '=', key.org_id).executeTakeFirstOrThrow();
    const checked = verifyKeyRevocation(file.raw, { keyId: key.signing_key_id, publicKeyPem: key.signing_public_key_pem });
    if (!checked.ok) throw refusalError(checked.refusal);
    // Revocations only ever narrow: an earlier, lower mark stays.
    const after = key.revoked_after_seq === null ? checked.value.revokedAfterSeq : Math.min(key.revoked_after_seq, checked.value.revokedAfterSeq);
    const ref: OrgRef = { kind: org.kind, id: org.id, name: org.name };
    return {
      preview: {
        statement: 'revocation',
        org: ref,
        signingKeyId: key.signing_key_id,
        fingerprint: fingerprintOf(key.signing_key_id),
        action: 'revoke',
        pinnedFingerprint: fingerprintOf(key.signing_key_id),
        seqAfter: after,
      },
      apply: async (trx, actor, at) => {
        await trx.updateTable('exchange_key').set({ revoked_after_seq: after }).where('signing_key_id', '=', key.signing_key_id).execute();
        await recordAudit(trx, actor, new Date(at), {
          action: 'update',
          entity: 'exchange_org',
          entityId: org.id,
          detail: { action: 'revoke', keyId: key.signing_key_id, revokedAfterSeq: after },
        });
      },
    };
  }
}

/** Reads and recognises a key card, rotation or revocation statement. */
export async function readKeyFile(path: string): Promise<ParsedKeyFile> {
  const bytes = await readSmallFile(path, MAX_KEY_FILE_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw notAKeyFile();
  }
  const statement = (raw as { statement?: { kind?: unknown } } | null)?.statement;
  const kind = typeof statement === 'object' && statement !== null ? statement.kind : undefined;
  if (kind === 'pumpurs-key-card') {
    const card = verifyKeyCard(raw);
    if (!card.ok) throw refusalError(card.refusal);
    return { statement: 'card', card: card.value, raw };
  }
  if (kind === 'pumpurs-key-rotation') {
    const oldKeyId = (statement as { oldKeyId?: unknown }).oldKeyId;
    if (typeof oldKeyId !== 'string') throw notAKeyFile();
    return { statement: 'rotation', raw, oldKeyId };
  }
  if (kind === 'pumpurs-key-revocation') {
    const keyId = (statement as { keyId?: unknown }).keyId;
    if (typeof keyId !== 'string') throw notAKeyFile();
    return { statement: 'revocation', raw, keyId };
  }
  throw notAKeyFile();
}

/** Who may enrol whom: a municipality enrols schools; the state enrols municipalities and state vocational schools. */
function checkCanEnrol(self: OrgRef, other: OrgRef): void {
  const allowed = self.kind === 'municipality' ? ['school'] : self.kind === 'state' ? ['school', 'municipality'] : [];
  if (!allowed.includes(other.kind))
    throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.cannotEnrolKind', details: { params: { kind: other.kind } } });
}

/**
 * Whom this installation sends to: a school its municipality (the state, if
 * it is a state vocational school); a municipality the state; the state
 * nobody.
 */
export async function expectedRecipient(db: Db): Promise<{ kind: OrgRef['kind']; id: string } | null> {
  const org = await db.selectFrom('organisation').select(['mode', 'municipality', 'school_type']).where('id', '=', 1).executeTakeFirst();
  if (!org) return null;
  if (org.mode === 'state') return null;
  if (org.mode === 'municipality' || org.school_type === 'stateVocational') return { kind: 'state', id: STATE_ORG_ID };
  return { kind: 'municipality', id: municipalityCode(org.municipality) };
}

export async function checkExpectedRecipient(db: Db, other: OrgRef): Promise<void> {
  const expected = await expectedRecipient(db);
  if (!expected || expected.kind !== other.kind || expected.id !== other.id) {
    throw new AppError('RULE_VIOLATION', {
      messageKey: 'errors.exchange.wrongRecipient',
      details: { params: { expected: expected?.id ?? '—', found: other.id } },
    });
  }
}

export async function currentKey(db: Db, orgId: string): Promise<KeyRow | undefined> {
  return db.selectFrom('exchange_key').selectAll().where('org_id', '=', orgId).where('state', '=', 'current').executeTakeFirst();
}

/** The highest seq imported from the sender in its current stream (a coordinator may have accepted a new one, migration 0012). */
async function lastImportedSeq(db: Db, senderId: string): Promise<number> {
  const reset = await db
    .selectFrom('exchange_stream_reset')
    .select((eb) => eb.fn.max('stream').as('stream'))
    .where('sender_id', '=', senderId)
    .executeTakeFirst();
  const row = await db
    .selectFrom('exchange_import')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('sender_id', '=', senderId)
    .where('stream', '=', Number(reset?.stream ?? 0))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

async function retireKey(trx: Transaction<DB>, key: KeyRow, afterSeq: number, at: string): Promise<void> {
  const revoked = key.revoked_after_seq === null ? afterSeq : Math.min(key.revoked_after_seq, afterSeq);
  await trx
    .updateTable('exchange_key')
    .set({ state: 'replaced', replaced_at: at, revoked_after_seq: revoked })
    .where('signing_key_id', '=', key.signing_key_id)
    .execute();
}

async function insertKey(trx: Transaction<DB>, orgId: string, card: KeyCard, rawCard: unknown, validAfterSeq: number, actor: Actor, at: string): Promise<void> {
  await trx
    .insertInto('exchange_key')
    .values({
      signing_key_id: card.keyIds.signing,
      org_id: orgId,
      signing_public_key_pem: card.signingPublicKeyPem,
      age_recipient: card.ageRecipient,
      age_key_id: card.keyIds.age,
      card: encodeSignedStatement(rawCard as never).toString('utf8'),
      state: 'current',
      valid_after_seq: validAfterSeq,
      revoked_after_seq: null,
      added_at: at,
      added_by: actor.userId,
      replaced_at: null,
    })
    .execute();
}

async function touchOrg(trx: Transaction<DB>, org: OrgRef, at: string): Promise<void> {
  await trx.updateTable('exchange_org').set({ name: org.name, updated_at: at }).where('id', '=', org.id).execute();
}

/** The user may confirm with the key id, or either fingerprint form; spaces do not matter. */
export function fingerprintMatches(given: string, keyId: string): boolean {
  const compact = given.replace(/\s+/g, '').toLowerCase();
  if (compact === keyId) return true;
  return compact === fingerprintOf(keyId).digits.replace(/\s+/g, '');
}

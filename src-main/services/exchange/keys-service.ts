/**
 * This installation's own keys: made at set-up through the format layer
 * (generateInstallationKeys), private halves kept only in the SecretStore
 * port, never in SQLite or logs. Shows the fingerprint to compare by phone
 * and writes the public key card a school hands its municipality.
 */
import type { Kysely } from 'kysely';
import type { InstallationKeysView, OrgRef } from '../../../src-shared/domain/exchange';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';
import {
  encodeSignedStatement,
  fingerprintOf,
  generateInstallationKeys,
  loadInstallationKeys,
  makeKeyCard,
  saveInstallationKeys,
  type InstallationKeys,
  type SignedKeyCard,
} from '../../package-format/index';
import type { Clock } from '../../ports/clock';
import type { SecretStore } from '../../ports/secret-store';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { writeFileAtomically } from './files';

import { ensurePseudonymSecret, pseudonymiserFor, type Pseudonymiser } from './pseudonym';

/** The secret behind the state level's pseudonyms (keyed hash of the personal code): see pseudonym.ts. */
export { PSEUDONYM_SECRET } from './pseudonym';

/** This installation as an organisation in packages: its mode, id (registration number or code) and name. */
export async function selfOrg(db: Db): Promise<OrgRef> {
  const org = await db.selectFrom('organisation').select(['mode', 'reg_no', 'name']).where('id', '=', 1).executeTakeFirst();
  if (!org) throw new AppError('NOT_SET_UP');
  return { kind: org.mode, id: org.reg_no, name: org.name };
}

export class ExchangeKeyService {
  private pending: Promise<InstallationKeys> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly secrets: SecretStore,
  ) {}

  /**
   * Set-up only (the wizard, `pumpurs init`, an authority's set-up): the
   * installation's keys, made and stored now if there are none. Everything
   * else uses require(), which never makes keys.
   */
  ensure(): Promise<InstallationKeys> {
    // One at a time: two windows asking at once must not make two key pairs.
    this.pending ??= this.loadOrMake().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async loadOrMake(): Promise<InstallationKeys> {
    const existing = await loadInstallationKeys(this.secrets);
    if (existing) return existing;
    const keys = await generateInstallationKeys();
    await saveInstallationKeys(this.secrets, keys);
    // Set-up: whoever reports to the state gets its pseudonymisation secret now, with its keys.
    if (await this.reportsToState()) await ensurePseudonymSecret(this.secrets);
    return keys;
  }

  private async reportsToState(): Promise<boolean> {
    const org = await this.db.selectFrom('organisation').select(['mode', 'school_type']).where('id', '=', 1).executeTakeFirst();
    return org?.mode === 'municipality' || (org?.mode === 'school' && org.school_type === 'stateVocational');
  }

  /** The keys if they exist, without making any. */
  async load(): Promise<InstallationKeys | null> {
    return loadInstallationKeys(this.secrets);
  }

  /** The existing keys; KEYS_MISSING (nothing made) when set-up never made them. */
  async require(): Promise<InstallationKeys> {
    const keys = await loadInstallationKeys(this.secrets);
    if (!keys) throw new AppError('KEYS_MISSING');
    return keys;
  }

  async view(actor: Actor): Promise<InstallationKeysView> {
    requirePermission(actor, 'exchange.enrol');
    const org = await selfOrg(this.db);
    const keys = await this.require();
    return { org, signingKeyId: keys.signing.keyId, ageKeyId: keys.age.keyId, fingerprint: fingerprintOf(keys.signing.keyId) };
  }

  /** The public key card, self-signed; its fingerprint is the one `view` shows. */
  async card(actor: Actor): Promise<SignedKeyCard> {
    requirePermission(actor, 'exchange.enrol');
    const org = await selfOrg(this.db);
    const keys = await this.require();
    return makeKeyCard({ org: { kind: org.kind, id: org.id, name: org.name }, keys, createdAt: this.clock.now() });
  }

  /** Writes the key card to `path` (temporary file, then rename) and audits it. */
  async exportCard(actor: Actor, path: string): Promise<{ path: string; fingerprint: InstallationKeysView['fingerprint'] }> {
    const card = await this.card(actor);
    await writeFileAtomically(path, Buffer.concat([encodeSignedStatement(card), Buffer.from('\n')]));
    await recordAudit(this.db, actor, this.clock.now(), { action: 'export', entity: 'key_card', entityId: card.statement.keyIds.signing });
    return { path, fingerprint: fingerprintOf(card.statement.keyIds.signing) };
  }

  /** The state level's pseudonymiser, under the installation's own secret (made on first need). */
  async pseudonymiser(): Promise<Pseudonymiser> {
    return pseudonymiserFor(await ensurePseudonymSecret(this.secrets));
  }
}

/**
 * An installation's key material and the public statements made with it.
 *
 * - Signing: Ed25519 (node:crypto). Key id = hex SHA-256 of the public key's
 *   SPKI DER, so `openssl pkey -pubin -outform DER | sha256sum` reproduces it.
 * - Decryption: an age X25519 identity. Key id = hex SHA-256 of the recipient
 *   string's bytes (`age1...`, lower-case Bech32, ASCII), so
 *   `printf %s age1... | sha256sum` reproduces it.
 * - Private keys leave this module only towards the SecretStore port.
 *
 * Signed statements (key card, rotation, revocation) are JSON objects
 * `{statement, signatures: [{keyId, signature}]}`; each signature is raw
 * Ed25519 over the RFC 8785 canonical bytes of `statement`, base64. Every
 * statement starts with its own `kind`, and SHA256SUMS (the only other thing
 * these keys sign) starts with `#`, so no signature can be replayed as
 * another kind of statement.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { z } from 'zod';
import type { SecretStore } from '../ports/secret-store';
import { AppError } from '../../src-shared/ipc/result';
import { canonicalBytes } from './canonical-json';
import type { Refusal } from './refusal';
import { AGE_IDENTITY, ageRecipientSchema, hexSha256Schema, isoInstantSchema, orgIdSchema, orgKindSchema, orgNameSchema, toIsoInstant } from './schemas';

// ---------------------------------------------------------------- key material

export interface SigningKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, exactly as `KeyObject.export({type: 'spki', format: 'pem'})` writes it. */
  publicKeyPem: string;
  keyId: string;
}

export interface AgeKeyPair {
  /** `AGE-SECRET-KEY-1...`: private. */
  identity: string;
  /** `age1...`: public. */
  recipient: string;
  keyId: string;
}

export interface InstallationKeys {
  signing: SigningKeyPair;
  age: AgeKeyPair;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** hex SHA-256 of the SPKI DER of an Ed25519 public key. */
export function signingKeyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

/** hex SHA-256 of the recipient string's bytes. */
export function ageKeyIdOf(recipient: string): string {
  return sha256Hex(Buffer.from(recipient, 'ascii'));
}

function signingKeyPairFrom(privateKey: KeyObject): SigningKeyPair {
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') {
    throw new AppError('INTERNAL', { details: { params: { detail: 'signing-key-not-ed25519' } } });
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: signingKeyIdOf(publicKey),
  };
}

async function ageKeyPairFrom(identity: string): Promise<AgeKeyPair> {
  if (!AGE_IDENTITY.test(identity)) {
    throw new AppError('INTERNAL', { details: { params: { detail: 'age-identity-invalid' } } });
  }
  const recipient = await identityToRecipient(identity);
  return { identity, recipient, keyId: ageKeyIdOf(recipient) };
}

/** Made once at set-up; store with saveInstallationKeys. */
export async function generateInstallationKeys(): Promise<InstallationKeys> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signing: signingKeyPairFrom(privateKey), age: await ageKeyPairFrom(await generateX25519Identity()) };
}

/** Names under which the private keys live in the SecretStore, and nowhere else. */
export const SECRET_NAMES = { signingKey: 'signing-key.pem', ageIdentity: 'age-identity' } as const;

/**
 * The signing key as unencrypted PKCS#8 PEM (the SecretStore wraps it with the
 * OS keychain), the age identity as one line: the file `age -i` reads.
 */
export async function saveInstallationKeys(store: SecretStore, keys: InstallationKeys): Promise<void> {
  const pem = keys.signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await store.set(SECRET_NAMES.signingKey, Buffer.from(pem, 'utf8'));
  await store.set(SECRET_NAMES.ageIdentity, Buffer.from(`${keys.age.identity}\n`, 'utf8'));
}

/** null when the installation has no keys yet; throws AppError when only half is there. */
export async function loadInstallationKeys(store: SecretStore): Promise<InstallationKeys | null> {
  const pem = await store.get(SECRET_NAMES.signingKey);
  const identity = await store.get(SECRET_NAMES.ageIdentity);
  if (pem === null && identity === null) return null;
  if (pem === null || identity === null) {
    throw new AppError('INTERNAL', { details: { params: { detail: 'installation-keys-incomplete' } } });
  }
  // Parsing the two keys (the age recipient is derived in JavaScript) cost ~3 ms of every export and import;
  // the same stored bytes give the same keys, so the last pair parsed is reused while the store holds them.
  if (lastLoaded !== null && lastLoaded.pem.equals(pem) && lastLoaded.identity.equals(identity)) return lastLoaded.keys;
  const keys: InstallationKeys = {
    signing: signingKeyPairFrom(createPrivateKey(pem)),
    age: await ageKeyPairFrom(identity.toString('utf8').trim()),
  };
  lastLoaded = { pem: Buffer.from(pem), identity: Buffer.from(identity), keys };
  return keys;
}

/** The keys loadInstallationKeys parsed last, with the stored bytes they came from (copies: callers may zero theirs). */
let lastLoaded: { pem: Buffer; identity: Buffer; keys: InstallationKeys } | null = null;

// ---------------------------------------------------------------- fingerprints

export interface Fingerprint {
  /** 12 groups of 5 digits: (key id as a big-endian integer) mod 10^60, zero-padded. */
  digits: string;
  /** The key id itself in 16 groups of 4 lower-case hex digits. */
  hex: string;
}

const FINGERPRINT_DIGITS = 60;

/** What two people read to each other on the phone before a key is pinned. */
export function fingerprintOf(keyId: string): Fingerprint {
  if (!hexSha256Schema.safeParse(keyId).success) throw new TypeError('not a key id');
  const number = BigInt(`0x${keyId}`) % 10n ** BigInt(FINGERPRINT_DIGITS);
  const digits = number.toString().padStart(FINGERPRINT_DIGITS, '0');
  return { digits: groups(digits, 5), hex: groups(keyId, 4) };
}

function groups(text: string, size: number): string {
  return (text.match(new RegExp(`.{${size}}`, 'g')) ?? []).join(' ');
}

// ---------------------------------------------------------------- signed statements

const signatureSchema = z.strictObject({
  keyId: hexSha256Schema,
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type StatementSignature = z.infer<typeof signatureSchema>;

export interface SignedStatement<T> {
  statement: T;
  signatures: StatementSignature[];
}

function signStatement<T>(statement: T, signers: readonly SigningKeyPair[]): SignedStatement<T> {
  const message = canonicalBytes(statement);
  return {
    statement,
    signatures: signers.map((s) => ({ keyId: s.keyId, signature: sign(null, message, s.privateKey).toString('base64') })),
  };
}

/** True when `signatures` holds exactly one entry for `keyId` and it verifies. */
function hasValidSignature(signed: SignedStatement<unknown>, keyId: string, publicKey: KeyObject): boolean {
  const mine = signed.signatures.filter((s) => s.keyId === keyId);
  if (mine.length !== 1 || mine[0] === undefined) return false;
  const signature = Buffer.from(mine[0].signature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== mine[0].signature) return false;
  return verify(null, canonicalBytes(signed.statement), publicKey, signature);
}

/** The file form of a signed statement: canonical JSON bytes. */
export function encodeSignedStatement(signed: SignedStatement<unknown>): Buffer {
  return canonicalBytes(signed);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
const refused = (code: Refusal['code'], detail: string): Checked<never> => ({ ok: false, refusal: { code, detail } });

/** Parses an Ed25519 SPKI PEM and insists it is in the one spelling Node writes. */
function ed25519PublicKeyFromPem(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return key.export({ type: 'spki', format: 'pem' }).toString() === pem ? key : null;
  } catch {
    return null;
  }
}

function isValidAgeRecipient(recipient: string): boolean {
  try {
    new Encrypter().addRecipient(recipient);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- key card

export const keyCardSchema = z.strictObject({
  kind: z.literal('pumpurs-key-card'),
  version: z.literal(1),
  org: z.strictObject({ kind: orgKindSchema, id: orgIdSchema, name: orgNameSchema }),
  signingPublicKeyPem: z.string().max(200),
  ageRecipient: ageRecipientSchema,
  keyIds: z.strictObject({ signing: hexSha256Schema, age: hexSha256Schema }),
  createdAt: isoInstantSchema,
});
export type KeyCard = z.infer<typeof keyCardSchema>;

const signedKeyCardSchema = z.strictObject({ statement: keyCardSchema, signatures: z.array(signatureSchema).length(1) });
export type SignedKeyCard = z.infer<typeof signedKeyCardSchema>;

export interface KeyCardInput {
  org: KeyCard['org'];
  keys: { signing: SigningKeyPair; age: Pick<AgeKeyPair, 'recipient' | 'keyId'> };
  createdAt: Date | string;
}

/**
 * The public half of an installation, self-signed so that a damaged or edited
 * card is detected. The self-signature proves nothing about who made it: trust
 * comes from comparing `fingerprintOf(card.keyIds.signing)` out of band. The
 * age key needs no fingerprint of its own, because the signing key vouches for
 * it through this signature.
 */
export function makeKeyCard(input: KeyCardInput): SignedKeyCard {
  const card: KeyCard = keyCardSchema.parse({
    kind: 'pumpurs-key-card',
    version: 1,
    org: input.org,
    signingPublicKeyPem: input.keys.signing.publicKeyPem,
    ageRecipient: input.keys.age.recipient,
    keyIds: { signing: input.keys.signing.keyId, age: input.keys.age.keyId },
    createdAt: toIsoInstant(input.createdAt),
  });
  return signStatement(card, [input.keys.signing]);
}

/** Checks shape, key ids, key encodings and the self-signature. */
export function verifyKeyCard(input: unknown): Checked<KeyCard> {
  const parsed = signedKeyCardSchema.safeParse(input);
  if (!parsed.success) return refused('VALIDATION_FAILED', 'key-card-malformed');
  const card = parsed.data.statement;
  const publicKey = ed25519PublicKeyFromPem(card.signingPublicKeyPem);
  if (publicKey === null) return refused('VALIDATION_FAILED', 'key-card-signing-key-invalid');
  if (signingKeyIdOf(publicKey) !== card.keyIds.signing) return refused('VALIDATION_FAILED', 'key-card-signing-key-id-wrong');
  if (!isValidAgeRecipient(card.ageRecipient)) return refused('VALIDATION_FAILED', 'key-card-age-recipient-invalid');
  if (ageKeyIdOf(card.ageRecipient) !== card.keyIds.age) return refused('VALIDATION_FAILED', 'key-card-age-key-id-wrong');
  if (!hasValidSignature(parsed.data, card.keyIds.signing, publicKey)) return refused('SIGNATURE_INVALID', 'key-card-self-signature');
  return { ok: true, value: card };
}

/** What enrolment knows about an organisation's current keys. */
export interface PinnedKeys {
  signingKeyId: string;
  ageKeyId: string;
}

/**
 * Trust on first use, then pinning: a card for an organisation with no keys
 * may be enrolled (after the fingerprint comparison); the same keys again are
 * a no-op; different keys are KEY_CHANGED and can only arrive through a
 * rotation statement signed with the pinned key.
 */
export function pinDecision(pinned: PinnedKeys | null, card: KeyCard): Checked<'enrol' | 'unchanged'> {
  if (pinned === null) return { ok: true, value: 'enrol' };
  if (pinned.signingKeyId === card.keyIds.signing && pinned.ageKeyId === card.keyIds.age) return { ok: true, value: 'unchanged' };
  return refused('KEY_CHANGED', 'key-differs-from-pinned');
}

// ---------------------------------------------------------------- rotation

const keyRotationSchema = z.strictObject({
  kind: z.literal('pumpurs-key-rotation'),
  version: z.literal(1),
  oldKeyId: hexSha256Schema,
  newCard: signedKeyCardSchema,
  /** The new key signs packages with seq > seqAfter; the old one those up to it. */
  seqAfter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  createdAt: isoInstantSchema,
});
export type KeyRotation = z.infer<typeof keyRotationSchema>;
const signedKeyRotationSchema = z.strictObject({ statement: keyRotationSchema, signatures: z.array(signatureSchema).length(2) });
export type SignedKeyRotation = z.infer<typeof signedKeyRotationSchema>;

/** Signed by the old key (authority) and the new one (proof of possession). */
export function makeKeyRotation(input: {
  oldSigning: SigningKeyPair;
  newCard: SignedKeyCard;
  newSigning: SigningKeyPair;
  seqAfter: number;
  createdAt: Date | string;
}): SignedKeyRotation {
  if (input.newCard.statement.keyIds.signing !== input.newSigning.keyId) {
    throw new AppError('VALIDATION_FAILED', { details: { params: { detail: 'rotation-card-not-for-new-key' } } });
  }
  const statement = keyRotationSchema.parse({
    kind: 'pumpurs-key-rotation',
    version: 1,
    oldKeyId: input.oldSigning.keyId,
    newCard: input.newCard,
    seqAfter: input.seqAfter,
    createdAt: toIsoInstant(input.createdAt),
  });
  return signStatement(statement, [input.oldSigning, input.newSigning]);
}

/** The pinned signing key of an organisation, from enrolment. */
export interface PinnedSigner {
  keyId: string;
  publicKeyPem: string;
  org: { kind: KeyCard['org']['kind']; id: string };
}

export function verifyKeyRotation(input: unknown, pinned: PinnedSigner): Checked<{ newCard: KeyCard; seqAfter: number }> {
  const parsed = signedKeyRotationSchema.safeParse(input);
  if (!parsed.success) return refused('VALIDATION_FAILED', 'rotation-malformed');
  const rotation = parsed.data.statement;
  if (rotation.oldKeyId !== pinned.keyId) return refused('SIGNER_UNKNOWN', 'rotation-old-key-not-pinned');
  const oldKey = ed25519PublicKeyFromPem(pinned.publicKeyPem);
  if (oldKey === null || signingKeyIdOf(oldKey) !== pinned.keyId) return refused('SIGNER_UNKNOWN', 'pinned-key-invalid');
  const newCard = verifyKeyCard(rotation.newCard);
  if (!newCard.ok) return newCard;
  const { org, keyIds } = newCard.value;
  if (org.kind !== pinned.org.kind || org.id !== pinned.org.id) return refused('SIGNER_SENDER_MISMATCH', 'rotation-other-org');
  if (keyIds.signing === pinned.keyId) return refused('VALIDATION_FAILED', 'rotation-to-same-key');
  if (!hasValidSignature(parsed.data, pinned.keyId, oldKey)) return refused('SIGNATURE_INVALID', 'rotation-old-key-signature');
  const newKey = createPublicKey(newCard.value.signingPublicKeyPem);
  if (!hasValidSignature(parsed.data, keyIds.signing, newKey)) return refused('SIGNATURE_INVALID', 'rotation-new-key-signature');
  return { ok: true, value: { newCard: newCard.value, seqAfter: rotation.seqAfter } };
}

// ---------------------------------------------------------------- revocation

const keyRevocationSchema = z.strictObject({
  kind: z.literal('pumpurs-key-revocation'),
  version: z.literal(1),
  keyId: hexSha256Schema,
  /** Packages signed with this key are refused when their seq is greater. */
  revokedAfterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  createdAt: isoInstantSchema,
});
export type KeyRevocation = z.infer<typeof keyRevocationSchema>;
const signedKeyRevocationSchema = z.strictObject({ statement: keyRevocationSchema, signatures: z.array(signatureSchema).length(1) });
export type SignedKeyRevocation = z.infer<typeof signedKeyRevocationSchema>;

/** "This key signs nothing after seq N", signed by the key itself. */
export function makeKeyRevocation(input: { signing: SigningKeyPair; revokedAfterSeq: number; createdAt: Date | string }): SignedKeyRevocation {
  const statement = keyRevocationSchema.parse({
    kind: 'pumpurs-key-revocation',
    version: 1,
    keyId: input.signing.keyId,
    revokedAfterSeq: input.revokedAfterSeq,
    createdAt: toIsoInstant(input.createdAt),
  });
  return signStatement(statement, [input.signing]);
}

export function verifyKeyRevocation(input: unknown, pinned: Pick<PinnedSigner, 'keyId' | 'publicKeyPem'>): Checked<{ keyId: string; revokedAfterSeq: number }> {
  const parsed = signedKeyRevocationSchema.safeParse(input);
  if (!parsed.success) return refused('VALIDATION_FAILED', 'revocation-malformed');
  const revocation = parsed.data.statement;
  if (revocation.keyId !== pinned.keyId) return refused('SIGNER_UNKNOWN', 'revocation-key-not-pinned');
  const key = ed25519PublicKeyFromPem(pinned.publicKeyPem);
  if (key === null || signingKeyIdOf(key) !== pinned.keyId) return refused('SIGNER_UNKNOWN', 'pinned-key-invalid');
  if (!hasValidSignature(parsed.data, pinned.keyId, key)) return refused('SIGNATURE_INVALID', 'revocation-signature');
  return { ok: true, value: { keyId: revocation.keyId, revokedAfterSeq: revocation.revokedAfterSeq } };
}

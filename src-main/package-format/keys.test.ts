import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/ipc/result';
import { createFileSecretStore } from '../ports/secret-store';
import {
  SECRET_NAMES,
  ageKeyIdOf,
  encodeSignedStatement,
  fingerprintOf,
  generateInstallationKeys,
  loadInstallationKeys,
  makeKeyCard,
  makeKeyRevocation,
  makeKeyRotation,
  pinDecision,
  saveInstallationKeys,
  signingKeyIdOf,
  verifyKeyCard,
  verifyKeyRevocation,
  verifyKeyRotation,
  type Checked,
  type InstallationKeys,
  type PinnedSigner,
  type SignedKeyCard,
} from './keys';

let keys: InstallationKeys;
let newKeys: InstallationKeys;
let stranger: InstallationKeys;
let dir: string;

const org = { kind: 'school' as const, id: '4312900123', name: 'Rīgas 1. vidusskola' };

beforeAll(async () => {
  keys = await generateInstallationKeys();
  newKeys = await generateInstallationKeys();
  stranger = await generateInstallationKeys();
  dir = await mkdtemp(join(tmpdir(), 'pumpurs-keys-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function code<T>(checked: Checked<T>): string {
  return checked.ok ? 'ok' : checked.refusal.code;
}

/** A deep copy, as if the JSON had travelled in a file. */
function travelled<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('key material', () => {
  it('key ids are SHA-256 of the SPKI DER and of the recipient string', () => {
    const der = keys.signing.publicKey.export({ type: 'spki', format: 'der' });
    expect(keys.signing.keyId).toBe(createHash('sha256').update(der).digest('hex'));
    expect(signingKeyIdOf(keys.signing.publicKeyPem)).toBe(keys.signing.keyId);
    expect(keys.age.keyId).toBe(createHash('sha256').update(keys.age.recipient, 'ascii').digest('hex'));
    expect(ageKeyIdOf(keys.age.recipient)).toBe(keys.age.keyId);
    expect(keys.signing.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(keys.age.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(keys.age.recipient).toMatch(/^age1[0-9a-z]{58}$/);
  });

  it('private keys go to the SecretStore under two names, and come back', async () => {
    const store = createFileSecretStore(join(dir, 'secrets'));
    expect(await loadInstallationKeys(store)).toBeNull();
    await saveInstallationKeys(store, keys);
    expect((await readdir(join(dir, 'secrets'))).sort()).toEqual([SECRET_NAMES.ageIdentity, SECRET_NAMES.signingKey]);
    expect((await store.get(SECRET_NAMES.ageIdentity))?.toString()).toBe(`${keys.age.identity}\n`);
    const loaded = await loadInstallationKeys(store);
    expect(loaded?.signing.keyId).toBe(keys.signing.keyId);
    expect(loaded?.age).toEqual(keys.age);
  });

  it('parses stored keys once, and anew as soon as the store holds other ones (a rotation, a replaced key)', async () => {
    const store = createFileSecretStore(join(dir, 'reused'));
    await saveInstallationKeys(store, keys);
    const first = await loadInstallationKeys(store);
    expect(await loadInstallationKeys(store)).toBe(first);
    await saveInstallationKeys(store, newKeys);
    const rotated = await loadInstallationKeys(store);
    expect(rotated?.signing.keyId).toBe(newKeys.signing.keyId);
    expect(rotated?.age).toEqual(newKeys.age);
    // Only the signing key changed: the age identity must not come from the keys parsed before.
    const mixed = createFileSecretStore(join(dir, 'mixed'));
    await saveInstallationKeys(mixed, keys);
    const stored = await mixed.get(SECRET_NAMES.signingKey);
    await saveInstallationKeys(mixed, newKeys);
    await mixed.set(SECRET_NAMES.signingKey, stored!);
    const half = await loadInstallationKeys(mixed);
    expect(half?.signing.keyId).toBe(keys.signing.keyId);
    expect(half?.age).toEqual(newKeys.age);
  });

  it('half a key set is an error, not a silent regeneration', async () => {
    const store = createFileSecretStore(join(dir, 'half'));
    await saveInstallationKeys(store, keys);
    await store.delete(SECRET_NAMES.ageIdentity);
    await expect(loadInstallationKeys(store)).rejects.toBeInstanceOf(AppError);
  });
});

describe('fingerprints', () => {
  it('12 groups of 5 digits (key id mod 10^60) and 16 groups of 4 hex digits', () => {
    const fp = fingerprintOf(keys.signing.keyId);
    expect(fp.digits).toMatch(/^\d{5}( \d{5}){11}$/);
    expect(fp.hex).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    expect(fp.hex.replaceAll(' ', '')).toBe(keys.signing.keyId);
    expect(fp.digits.replaceAll(' ', '')).toBe((BigInt(`0x${keys.signing.keyId}`) % 10n ** 60n).toString().padStart(60, '0'));
  });

  it('known values', () => {
    expect(fingerprintOf(`${'0'.repeat(63)}1`).digits).toBe(`${'00000 '.repeat(11)}00001`);
    // 2^256 - 1 = 115792089237316195 423570985008687907853269984665640564039457584007913129639935: its last 60 digits
    expect(fingerprintOf('f'.repeat(64)).digits).toBe('42357 09850 08687 90785 32699 84665 64056 40394 57584 00791 31296 39935');
  });

  it('refuses what is not a key id', () => {
    expect(() => fingerprintOf('xyz')).toThrow();
    expect(() => fingerprintOf('A'.repeat(64))).toThrow();
  });
});

describe('key cards', () => {
  let card: SignedKeyCard;
  beforeAll(() => {
    card = makeKeyCard({ org, keys, createdAt: '2026-01-05T08:00:00.000Z' });
  });

  it('verifies, also after travelling and reformatting', () => {
    const back = verifyKeyCard(JSON.parse(JSON.stringify(travelled(card), null, 2)));
    expect(back).toEqual({ ok: true, value: card.statement });
    expect(verifyKeyCard(JSON.parse(encodeSignedStatement(card).toString('utf8')))).toEqual({ ok: true, value: card.statement });
  });

  it('an edited name or date -> SIGNATURE_INVALID', () => {
    const edited = travelled(card);
    edited.statement.org.name = 'Cita skola';
    expect(code(verifyKeyCard(edited))).toBe('SIGNATURE_INVALID');
    const redated = travelled(card);
    redated.statement.createdAt = '2026-01-06T08:00:00.000Z';
    expect(code(verifyKeyCard(redated))).toBe('SIGNATURE_INVALID');
  });

  it('a swapped age key, with or without its key id -> refused', () => {
    const swapped = travelled(card);
    swapped.statement.ageRecipient = stranger.age.recipient;
    expect(code(verifyKeyCard(swapped))).toBe('VALIDATION_FAILED');
    swapped.statement.keyIds.age = stranger.age.keyId;
    expect(code(verifyKeyCard(swapped))).toBe('SIGNATURE_INVALID');
  });

  it('a swapped signing key, re-signed by the new key, verifies but has another fingerprint', () => {
    const forged = makeKeyCard({ org, keys: { signing: stranger.signing, age: keys.age }, createdAt: '2026-01-05T08:00:00.000Z' });
    const checked = verifyKeyCard(travelled(forged));
    expect(checked.ok).toBe(true);
    expect(fingerprintOf(forged.statement.keyIds.signing)).not.toEqual(fingerprintOf(card.statement.keyIds.signing));
  });

  it('malformed cards -> VALIDATION_FAILED', () => {
    const cases: unknown[] = [
      null,
      {},
      { ...travelled(card), extra: 1 },
      { ...travelled(card), statement: { ...travelled(card).statement, extra: 1 } },
      { ...travelled(card), signatures: [] },
      { ...travelled(card), signatures: [...card.signatures, ...card.signatures] },
      {
        ...travelled(card),
        statement: { ...travelled(card).statement, signingPublicKeyPem: generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'pem' }) },
      },
    ];
    for (const c of cases) expect(code(verifyKeyCard(c))).toBe('VALIDATION_FAILED');
  });

  it('a non-canonical base64 spelling of the signature -> SIGNATURE_INVALID', () => {
    const bent = travelled(card);
    const sig = bent.signatures[0];
    if (sig === undefined) throw new Error('fixture');
    // the last character before '==' carries 4 unused bits; setting one changes the text, not the bytes
    const last = sig.signature.at(-3) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    sig.signature = `${sig.signature.slice(0, -3)}${alphabet[alphabet.indexOf(last) ^ 1]}==`;
    expect(code(verifyKeyCard(bent))).toBe('SIGNATURE_INVALID');
  });

  it('pinning: enrol once, then the same keys are a no-op and others are KEY_CHANGED', () => {
    expect(pinDecision(null, card.statement)).toEqual({ ok: true, value: 'enrol' });
    const pinned = { signingKeyId: keys.signing.keyId, ageKeyId: keys.age.keyId };
    expect(pinDecision(pinned, card.statement)).toEqual({ ok: true, value: 'unchanged' });
    const other = makeKeyCard({ org, keys: newKeys, createdAt: '2026-01-05T08:00:00.000Z' });
    expect(code(pinDecision(pinned, other.statement))).toBe('KEY_CHANGED');
    const onlyAge = makeKeyCard({ org, keys: { signing: keys.signing, age: newKeys.age }, createdAt: '2026-01-05T08:00:00.000Z' });
    expect(code(pinDecision(pinned, onlyAge.statement))).toBe('KEY_CHANGED');
  });
});

describe('rotation', () => {
  const pinned = (): PinnedSigner => ({ keyId: keys.signing.keyId, publicKeyPem: keys.signing.publicKeyPem, org: { kind: org.kind, id: org.id } });
  const newCard = () => makeKeyCard({ org, keys: newKeys, createdAt: '2026-03-01T08:00:00.000Z' });
  const rotation = () =>
    makeKeyRotation({ oldSigning: keys.signing, newSigning: newKeys.signing, newCard: newCard(), seqAfter: 41, createdAt: '2026-03-01T08:00:00.000Z' });

  it('signed by old and new key, verified against the pinned old key', () => {
    const checked = verifyKeyRotation(travelled(rotation()), pinned());
    expect(checked).toEqual({ ok: true, value: { newCard: newCard().statement, seqAfter: 41 } });
  });

  it('not from the pinned key -> SIGNER_UNKNOWN', () => {
    const other: PinnedSigner = { ...pinned(), keyId: stranger.signing.keyId, publicKeyPem: stranger.signing.publicKeyPem };
    expect(code(verifyKeyRotation(travelled(rotation()), other))).toBe('SIGNER_UNKNOWN');
  });

  it('a stranger claiming the old key id, signing for it -> SIGNATURE_INVALID', () => {
    const forged = makeKeyRotation({
      oldSigning: { ...stranger.signing, keyId: keys.signing.keyId },
      newSigning: newKeys.signing,
      newCard: newCard(),
      seqAfter: 41,
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(code(verifyKeyRotation(travelled(forged), pinned()))).toBe('SIGNATURE_INVALID');
  });

  it('without proof of the new key -> SIGNATURE_INVALID', () => {
    const forged = travelled(rotation());
    const old = forged.signatures.find((s) => s.keyId === keys.signing.keyId);
    const fresh = forged.signatures.find((s) => s.keyId === newKeys.signing.keyId);
    if (old === undefined || fresh === undefined) throw new Error('fixture');
    fresh.signature = old.signature;
    expect(code(verifyKeyRotation(forged, pinned()))).toBe('SIGNATURE_INVALID');
  });

  it('an edited seqAfter -> SIGNATURE_INVALID', () => {
    const edited = travelled(rotation());
    edited.statement.seqAfter = 1;
    expect(code(verifyKeyRotation(edited, pinned()))).toBe('SIGNATURE_INVALID');
  });

  it('to a card of another organisation -> SIGNER_SENDER_MISMATCH', () => {
    const otherCard = makeKeyCard({ org: { ...org, id: '4312900456' }, keys: newKeys, createdAt: '2026-03-01T08:00:00.000Z' });
    const r = makeKeyRotation({
      oldSigning: keys.signing,
      newSigning: newKeys.signing,
      newCard: otherCard,
      seqAfter: 41,
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(code(verifyKeyRotation(travelled(r), pinned()))).toBe('SIGNER_SENDER_MISMATCH');
  });

  it('to the same key, or malformed -> VALIDATION_FAILED', () => {
    const same = makeKeyRotation({
      oldSigning: keys.signing,
      newSigning: keys.signing,
      newCard: makeKeyCard({ org, keys, createdAt: '2026-03-01T08:00:00.000Z' }),
      seqAfter: 41,
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(code(verifyKeyRotation(travelled(same), pinned()))).toBe('VALIDATION_FAILED');
    expect(code(verifyKeyRotation({ statement: {}, signatures: [] }, pinned()))).toBe('VALIDATION_FAILED');
  });
});

describe('revocation', () => {
  const pinned = () => ({ keyId: keys.signing.keyId, publicKeyPem: keys.signing.publicKeyPem });
  const revocation = () => makeKeyRevocation({ signing: keys.signing, revokedAfterSeq: 17, createdAt: '2026-04-01T08:00:00.000Z' });

  it('signed by the key itself', () => {
    expect(verifyKeyRevocation(travelled(revocation()), pinned())).toEqual({ ok: true, value: { keyId: keys.signing.keyId, revokedAfterSeq: 17 } });
  });

  it('edited, or for another key -> refused', () => {
    const edited = travelled(revocation());
    edited.statement.revokedAfterSeq = 1000;
    expect(code(verifyKeyRevocation(edited, pinned()))).toBe('SIGNATURE_INVALID');
    expect(code(verifyKeyRevocation(travelled(revocation()), { keyId: stranger.signing.keyId, publicKeyPem: stranger.signing.publicKeyPem }))).toBe(
      'SIGNER_UNKNOWN',
    );
  });

  it('a signature made for a key card does not verify a revocation', () => {
    const card = makeKeyCard({ org, keys, createdAt: '2026-01-05T08:00:00.000Z' });
    const spliced = { ...travelled(revocation()), signatures: travelled(card).signatures };
    expect(code(verifyKeyRevocation(spliced, pinned()))).toBe('SIGNATURE_INVALID');
  });
});

/**
 * Pseudonyms for the state level (docs/privacy.md).
 *
 *   pseudonym = HMAC-SHA-256(secret, normalised personal code), hex
 *
 * The secret is 32 random bytes made when a municipality (or a state
 * vocational school) is set up, kept in the SecretStore beside the
 * installation's private keys (and so in its backups of them), and never
 * written to SQLite, a log or a package. An installation set up before
 * pseudonyms existed gets its secret on first need.
 *
 * Because the key is secret, the state cannot recover a personal code by
 * hashing all possible codes (there are only about 10^11 of them): without
 * the key, no guess can be checked.
 *
 * Opaque record ids use the same secret with a domain prefix, so an id at
 * the state links to nothing in the sender's database without the secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../../ports/secret-store';

/** The secret's name in the SecretStore (the name state vocational schools have used since exchange began). */
export const PSEUDONYM_SECRET = 'pseudonym-key';
const SECRET_BYTES = 32;

/**
 * The personal code as the register spells it, whatever the school typed:
 * digits only ("120305-12345", "12030512345", " 120305 12345 " are one code).
 */
export function normalisePersonalCode(code: string): string {
  return code.replace(/[\s\u00a0-]/g, '');
}

/** The installation's pseudonymisation secret, made (and stored) when it has none. */
export async function ensurePseudonymSecret(secrets: SecretStore): Promise<Buffer> {
  const existing = await secrets.get(PSEUDONYM_SECRET);
  if (existing !== null && existing.length >= SECRET_BYTES) return existing;
  const made = randomBytes(SECRET_BYTES);
  await secrets.set(PSEUDONYM_SECRET, made);
  return made;
}

export interface Pseudonymiser {
  /** 64 hex digits: HMAC-SHA-256 of the normalised personal code. */
  pseudonym(personalCode: string): string;
  /** 32 hex digits: a record id that says nothing outside the sender. */
  opaqueId(kind: string, sourceId: string): string;
}

export function pseudonymiserFor(secret: Buffer): Pseudonymiser {
  if (secret.length < SECRET_BYTES) throw new RangeError('pseudonymisation secret too short');
  const key = Buffer.from(secret);
  return {
    pseudonym: (code) => createHmac('sha256', key).update(normalisePersonalCode(code), 'utf8').digest('hex'),
    opaqueId: (kind, sourceId) => createHmac('sha256', key).update(`id\u0000${kind}\u0000${sourceId}`, 'utf8').digest('hex').slice(0, 32),
  };
}

/**
 * The birth year a legacy personal code (DDMMYY-CNNNN, C the century: 0
 * 1800s, 1 1900s, 2 2000s) carries; null for a new-form code (from 2017,
 * starting 32), which carries none.
 */
export function birthYearFromPersonalCode(code: string): number | null {
  const digits = normalisePersonalCode(code);
  if (!/^\d{11}$/.test(digits) || digits.startsWith('32')) return null;
  const century = { '0': 1800, '1': 1900, '2': 2000 }[digits[6] as '0' | '1' | '2'];
  if (century === undefined) return null;
  const day = Number(digits.slice(0, 2));
  const mon = Number(digits.slice(2, 4));
  if (day < 1 || day > 31 || mon < 1 || mon > 12) return null;
  return century + Number(digits.slice(4, 6));
}

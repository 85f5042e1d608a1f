/**
 * RFC 8785 (JCS) canonical JSON: one byte sequence per value, so signatures
 * and hashes over JSON are reproducible, and a reader can insist that what it
 * received is exactly the canonical form (no duplicate keys, no whitespace, no
 * alternative number or string spellings to hide behind).
 */
import canonicalize from 'canonicalize';

/** Throws on values JSON cannot represent (NaN, lone surrogates, cycles). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** UTF-8 that refuses invalid sequences and keeps a BOM as a character. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeStrictUtf8(bytes: Uint8Array): string {
  return strictUtf8.decode(bytes);
}

/**
 * Parses `bytes` and returns the value only when the bytes are exactly its
 * canonical form; returns undefined otherwise (invalid UTF-8, invalid JSON,
 * or any non-canonical spelling, including duplicate keys).
 */
export function parseCanonicalJson(bytes: Uint8Array): unknown {
  let value: unknown;
  try {
    value = JSON.parse(decodeStrictUtf8(bytes));
  } catch {
    return undefined;
  }
  const again = canonicalBytes(value);
  return Buffer.compare(again, bytes) === 0 ? value : undefined;
}

/**
 * age v1 (https://age-encryption.org/v1), X25519 recipients only, over
 * Node's native crypto: X25519, HKDF-SHA-256, HMAC-SHA-256 and
 * ChaCha20-Poly1305 from OpenSSL instead of the pure-JavaScript ciphers of
 * the reference library (age-encryption). The profile of a national import
 * showed the reference library's ChaCha20-Poly1305 as the largest single cost
 * (docs/performance.md); this file is the hot path of export and import only.
 * Key generation and recipient derivation stay with the reference library.
 *
 * What it reads and writes is plain age: the tests check it both ways
 * against age-encryption and against the stock `age` command line, and a
 * fuzz test checks that any truncated or altered file is refused with
 * AgeFormatError and no plaintext at all (decryption authenticates every
 * chunk before it returns anything).
 *
 * Strictness follows the Go reference implementation: canonical base64 with
 * no padding, stanza bodies wrapped at 64 columns, the header MAC checked
 * before the payload is touched, a flagged last chunk, no empty last chunk
 * unless the whole plaintext is empty, no trailing data.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/** Every way a file can be unreadable: the caller sees one error type and never plaintext. */
export class AgeFormatError extends Error {
  constructor(readonly reason: string) {
    super(`age: ${reason}`);
    this.name = 'AgeFormatError';
  }
}

const fail = (reason: string): never => {
  throw new AgeFormatError(reason);
};

const VERSION_LINE = 'age-encryption.org/v1';
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const CHUNK = 64 * 1024;
const TAG = 16;
const FILE_KEY_BYTES = 16;
const NONCE_BYTES = 16;
/** Far above any real header (16 recipients are ~2 KiB); bounds the work done on garbage. */
const MAX_HEADER_BYTES = 64 * 1024;

// ---------------------------------------------------------------- bech32 (BIP 173, without the 90-character limit, as age uses it)

const BECH32_ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= BECH32_GEN[i]!;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >>> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

/** Decodes a bech32 string with the given human-readable part into bytes; null when it is not one. */
export function bech32Decode(text: string, expectedHrp: string): Buffer | null {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return null;
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep - 1 < 6) return null;
  const hrp = lower.slice(0, sep);
  if (hrp !== expectedHrp) return null;
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32_ALPHABET.indexOf(ch);
    if (v < 0) return null;
    data.push(v);
  }
  if (bech32Polymod([...hrpExpand(hrp), ...data]) !== 1) return null;
  // 5-bit groups to bytes; padding must be zero and under 5 bits.
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const v of data.slice(0, -6)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(out);
}

// ---------------------------------------------------------------- keys

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** From JWK, not DER: OpenSSL's DER decoder made this ~0.5 ms a key, a tenth of the import's decryption time. */
function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** A parsed `age1…` recipient. */
export interface NativeRecipient {
  raw: Buffer;
  key: KeyObject;
}

/** A parsed `AGE-SECRET-KEY-1…` identity and its own public key (the X25519 salt needs it). */
export interface NativeIdentity {
  privateKey: KeyObject;
  publicRaw: Buffer;
}

export function parseRecipient(recipient: string): NativeRecipient {
  const raw = bech32Decode(recipient, 'age');
  if (raw === null || raw.length !== 32 || recipient !== recipient.toLowerCase()) fail('recipient-invalid');
  return { raw: raw!, key: publicKeyObject(raw!) };
}

const identityCache = new Map<string, NativeIdentity>();

/** Parsed once per identity string: an import opens hundreds of packages with the same key. */
export function parseIdentity(identity: string): NativeIdentity {
  const cached = identityCache.get(identity);
  if (cached !== undefined) return cached;
  const raw = bech32Decode(identity, 'age-secret-key-');
  if (raw === null || raw.length !== 32 || identity !== identity.toUpperCase()) fail('identity-invalid');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw!]), format: 'der', type: 'pkcs8' });
  const parsed = { privateKey, publicRaw: rawPublicKey(createPublicKey(privateKey)) };
  if (identityCache.size > 16) identityCache.clear();
  identityCache.set(identity, parsed);
  return parsed;
}

// ---------------------------------------------------------------- primitives

/**
 * HKDF-SHA-256 (RFC 5869) for one 32-byte block: extract, then expand once.
 * Two HMACs directly cost about half of hkdfSync, which makes key objects
 * for each call; a test holds the two equal.
 */
export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  const prk = createHmac('sha256', salt.length > 0 ? salt : ZERO_SALT)
    .update(ikm)
    .digest();
  return createHmac('sha256', prk).update(info, 'latin1').update(ONE).digest();
}
const ZERO_SALT = Buffer.alloc(32);
const ONE = Buffer.of(1);

function seal(key: Buffer, nonce: Buffer, plaintext: Uint8Array, out: Buffer, at: number): number {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  const body = cipher.update(plaintext);
  cipher.final();
  body.copy(out, at);
  cipher.getAuthTag().copy(out, at + body.length);
  return at + body.length + TAG;
}

/** null when the tag does not verify. */
function open(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
  } catch {
    return null;
  }
  return body;
}

const isAllZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

/** Standard base64, no padding, and only the one canonical spelling of the bytes. */
function decodeBase64(text: string): Buffer {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) fail('base64-invalid');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== text) fail('base64-not-canonical');
  return bytes;
}

const encodeBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

function wrapBody(bytes: Uint8Array): string {
  const text = encodeBase64(bytes);
  const lines: string[] = [];
  for (let i = 0; i <= text.length; i += 64) lines.push(text.slice(i, i + 64));
  // A body whose length is a multiple of 64 ends with an empty line, as age requires.
  return lines.join('\n');
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

// ---------------------------------------------------------------- encryption

/** One age file readable by each of the recipients (`age1…`). */
export function ageEncrypt(plaintext: Uint8Array, recipients: readonly string[]): Buffer {
  if (recipients.length === 0) fail('no-recipients');
  const fileKey = randomBytes(FILE_KEY_BYTES);
  let header = `${VERSION_LINE}\n`;
  for (const recipient of recipients) {
    const them = parseRecipient(recipient);
    const ephemeral = generateKeyPairSync('x25519');
    const share = rawPublicKey(ephemeral.publicKey);
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: them.key });
    if (isAllZero(shared)) fail('recipient-low-order');
    const wrapKey = hkdf(shared, Buffer.concat([share, them.raw]), X25519_LABEL);
    const body = Buffer.alloc(FILE_KEY_BYTES + TAG);
    seal(wrapKey, Buffer.alloc(12), fileKey, body, 0);
    header += `-> X25519 ${encodeBase64(share)}\n${wrapBody(body)}\n`;
  }
  header += '---';
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header'))
    .update(header, 'latin1')
    .digest();
  header += ` ${encodeBase64(mac)}\n`;

  const headerBytes = Buffer.from(header, 'latin1');
  const nonce = randomBytes(NONCE_BYTES);
  const payloadKey = hkdf(fileKey, nonce, 'payload');
  const chunks = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  const out = Buffer.allocUnsafe(headerBytes.length + NONCE_BYTES + plaintext.length + chunks * TAG);
  headerBytes.copy(out, 0);
  nonce.copy(out, headerBytes.length);
  let at = headerBytes.length + NONCE_BYTES;
  for (let i = 0; i < chunks; i++) {
    const piece = plaintext.subarray(i * CHUNK, Math.min(plaintext.length, (i + 1) * CHUNK));
    at = seal(payloadKey, chunkNonce(i, i === chunks - 1), piece, out, at);
  }
  return out;
}

// ---------------------------------------------------------------- decryption

interface Stanza {
  args: string[];
  body: Buffer;
}

interface ParsedHeader {
  stanzas: Stanza[];
  /** The header bytes the MAC covers: up to and including '---'. */
  macInput: Buffer;
  mac: Buffer;
  payloadStart: number;
}

const isArg = (s: string) => s.length > 0 && /^[\x21-\x7e]+$/.test(s);

function readLine(bytes: Buffer, at: number): { line: string; next: number } {
  const end = bytes.indexOf(0x0a, at);
  if (end < 0 || end - at > MAX_HEADER_BYTES) fail('header-truncated');
  const raw = bytes.subarray(at, end);
  for (const b of raw) if (b < 0x20 || b > 0x7e) fail('header-not-ascii');
  return { line: raw.toString('latin1'), next: end + 1 };
}

function parseHeader(bytes: Buffer): ParsedHeader {
  let { line, next } = readLine(bytes, 0);
  if (line !== VERSION_LINE) fail('version-unsupported');
  const stanzas: Stanza[] = [];
  for (;;) {
    const start = next;
    ({ line, next } = readLine(bytes, next));
    if (next > MAX_HEADER_BYTES) fail('header-too-large');
    if (line.startsWith('---')) {
      if (!line.startsWith('--- ')) fail('header-mac-line');
      const mac = decodeBase64(line.slice(4));
      if (mac.length !== 32) fail('header-mac-length');
      if (stanzas.length === 0) fail('header-no-stanzas');
      return { stanzas, macInput: bytes.subarray(0, start + 3), mac, payloadStart: next };
    }
    if (!line.startsWith('-> ')) fail('header-stanza-line');
    const args = line.slice(3).split(' ');
    if (!args.every(isArg)) fail('header-stanza-args');
    const parts: Buffer[] = [];
    for (;;) {
      ({ line, next } = readLine(bytes, next));
      if (line.length > 64) fail('header-body-line-too-long');
      parts.push(decodeBase64(line));
      if (line.length < 64) break;
    }
    stanzas.push({ args, body: Buffer.concat(parts) });
  }
}

function unwrapFileKey(stanzas: readonly Stanza[], identity: NativeIdentity): Buffer | null {
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'X25519') continue;
    if (stanza.args.length !== 2) fail('x25519-stanza-args');
    const share = decodeBase64(stanza.args[1]!);
    if (share.length !== 32) fail('x25519-share-length');
    if (stanza.body.length !== FILE_KEY_BYTES + TAG) fail('x25519-body-length');
    let shared: Buffer;
    try {
      shared = diffieHellman({ privateKey: identity.privateKey, publicKey: publicKeyObject(share) });
    } catch {
      fail('x25519-share-invalid');
      return null;
    }
    if (isAllZero(shared)) fail('x25519-low-order');
    const wrapKey = hkdf(shared, Buffer.concat([share, identity.publicRaw]), X25519_LABEL);
    const fileKey = open(wrapKey, Buffer.alloc(12), stanza.body);
    if (fileKey !== null) return fileKey;
  }
  return null;
}

/**
 * Decrypts a whole age file with one X25519 identity (`AGE-SECRET-KEY-1…`).
 * Every chunk is authenticated before the plaintext is returned; any defect
 * throws AgeFormatError and nothing of the plaintext escapes.
 */
export function ageDecrypt(ciphertext: Uint8Array, identity: string): Buffer {
  const bytes = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
  const header = parseHeader(bytes);
  const fileKey = unwrapFileKey(header.stanzas, parseIdentity(identity));
  if (fileKey === null) fail('no-identity-matched');
  const mac = createHmac('sha256', hkdf(fileKey!, Buffer.alloc(0), 'header'))
    .update(header.macInput)
    .digest();
  if (!timingSafeEqual(mac, header.mac)) fail('header-mac-mismatch');

  const payload = bytes.subarray(header.payloadStart);
  if (payload.length < NONCE_BYTES) fail('payload-nonce-missing');
  const payloadKey = hkdf(fileKey!, payload.subarray(0, NONCE_BYTES), 'payload');
  const body = payload.subarray(NONCE_BYTES);
  if (body.length < TAG) fail('payload-truncated');
  const chunks = Math.ceil(body.length / (CHUNK + TAG));
  // A final chunk shorter than a tag is a truncated full chunk.
  const lastSize = body.length - (chunks - 1) * (CHUNK + TAG);
  if (lastSize < TAG) fail('payload-truncated');
  const out = Buffer.allocUnsafe(body.length - chunks * TAG);
  let at = 0;
  for (let i = 0; i < chunks; i++) {
    const last = i === chunks - 1;
    const sealed = body.subarray(i * (CHUNK + TAG), last ? body.length : (i + 1) * (CHUNK + TAG));
    const plain = open(payloadKey, chunkNonce(i, last), sealed);
    if (plain === null) {
      out.fill(0);
      fail('payload-chunk-invalid');
    }
    if (last && plain!.length === 0 && i > 0) {
      out.fill(0);
      fail('payload-last-chunk-empty');
    }
    plain!.copy(out, at);
    at += plain!.length;
  }
  return out;
}

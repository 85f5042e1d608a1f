/**
 * age-native.ts against the two references: the age-encryption library (the
 * one the format names) and the stock `age` command line. Each direction is
 * checked with plaintexts around the 64 KiB chunk boundary, with one and
 * several recipients.
 */
import { execFileSync } from 'node:child_process';
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgeFormatError, ageDecrypt, ageEncrypt, bech32Decode, hkdf, parseIdentity, parseRecipient } from './age-native';

const CHUNK = 64 * 1024;
/** Empty, tiny, exactly one chunk, one chunk either side, several chunks and a full last chunk. */
const SIZES = [0, 1, 100, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17];

const AGE = '/usr/bin/age';
let dir: string;
let alice: { identity: string; recipient: string };
let bob: { identity: string; recipient: string };

async function party() {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pumpurs-age-native-'));
  alice = await party();
  bob = await party();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('age-native with age-encryption (the reference library)', () => {
  it.each(SIZES)('the library decrypts what we encrypt (%i bytes, two recipients)', async (size) => {
    const plaintext = randomBytes(size);
    const ciphertext = ageEncrypt(plaintext, [alice.recipient, bob.recipient]);
    for (const who of [alice, bob]) {
      const d = new Decrypter();
      d.addIdentity(who.identity);
      expect(Buffer.from(await d.decrypt(ciphertext))).toEqual(plaintext);
    }
  });

  it.each(SIZES)('we decrypt what the library encrypts (%i bytes, two recipients)', async (size) => {
    const plaintext = randomBytes(size);
    const e = new Encrypter();
    e.addRecipient(alice.recipient);
    e.addRecipient(bob.recipient);
    const ciphertext = await e.encrypt(plaintext);
    expect(ageDecrypt(ciphertext, alice.identity)).toEqual(plaintext);
    expect(ageDecrypt(ciphertext, bob.identity)).toEqual(plaintext);
  });

  it('refuses a file not encrypted to our identity', async () => {
    const stranger = await party();
    expect(() => ageDecrypt(ageEncrypt(Buffer.from('secret'), [alice.recipient]), stranger.identity)).toThrow(AgeFormatError);
  });

  it("its one-block HKDF-SHA-256 equals Node's hkdfSync, with and without a salt", () => {
    for (const salt of [Buffer.alloc(0), randomBytes(16), randomBytes(64)]) {
      const ikm = randomBytes(32);
      for (const info of ['payload', 'header', 'age-encryption.org/v1/X25519']) {
        expect(hkdf(ikm, salt, info)).toEqual(Buffer.from(hkdfSync('sha256', ikm, salt, info, 32)));
      }
    }
  });

  it('parses keys exactly as the library derives them', async () => {
    expect(parseRecipient(alice.recipient).raw).toHaveLength(32);
    expect(parseIdentity(alice.identity).publicRaw).toEqual(parseRecipient(alice.recipient).raw);
    expect(() => parseRecipient(alice.recipient.toUpperCase())).toThrow(AgeFormatError);
    expect(() => parseIdentity(alice.identity.toLowerCase())).toThrow(AgeFormatError);
    expect(() => parseRecipient(`${alice.recipient.slice(0, -1)}${alice.recipient.endsWith('q') ? 'p' : 'q'}`)).toThrow(AgeFormatError);
    expect(bech32Decode(alice.recipient, 'age-secret-key-')).toBeNull();
  });
});

describe('age-native with the stock age command line', () => {
  const haveAge = (() => {
    try {
      execFileSync(AGE, ['--version']);
      return true;
    } catch {
      return false;
    }
  })();
  if (!haveAge) console.warn(`age-native: ${AGE} is missing; .ci/run installs it (apt package "age")`);

  it.each([0, 5, CHUNK, 2 * CHUNK + 3])('age decrypts what we encrypt (%i bytes)', (size) => {
    expect(haveAge, `${AGE} must be installed`).toBe(true);
    const plaintext = randomBytes(size);
    const keyFile = join(dir, `alice-${size}.key`);
    writeFileSync(keyFile, `${alice.identity}\n`);
    const encrypted = join(dir, `ours-${size}.age`);
    writeFileSync(encrypted, ageEncrypt(plaintext, [bob.recipient, alice.recipient]));
    expect(execFileSync(AGE, ['--decrypt', '-i', keyFile, encrypted])).toEqual(plaintext);
  });

  it.each([0, 5, CHUNK, 2 * CHUNK + 3])('we decrypt what age encrypts (%i bytes)', (size) => {
    expect(haveAge, `${AGE} must be installed`).toBe(true);
    const plaintext = randomBytes(size);
    const input = join(dir, `plain-${size}`);
    writeFileSync(input, plaintext);
    const encrypted = join(dir, `theirs-${size}.age`);
    execFileSync(AGE, ['--encrypt', '-r', alice.recipient, '-r', bob.recipient, '-o', encrypted, input]);
    expect(ageDecrypt(readFileSync(encrypted), bob.identity)).toEqual(plaintext);
  });

  it('age refuses what we would refuse: a flipped payload byte', () => {
    expect(haveAge, `${AGE} must be installed`).toBe(true);
    const keyFile = join(dir, 'alice-flip.key');
    writeFileSync(keyFile, `${alice.identity}\n`);
    const ciphertext = ageEncrypt(randomBytes(1000), [alice.recipient]);
    ciphertext[ciphertext.length - 20]! ^= 1;
    const encrypted = join(dir, 'flipped.age');
    writeFileSync(encrypted, ciphertext);
    expect(() => execFileSync(AGE, ['--decrypt', '-i', keyFile, encrypted], { stdio: 'pipe' })).toThrow();
    expect(() => ageDecrypt(ciphertext, alice.identity)).toThrow(AgeFormatError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from './password-hash';

/** Cheap parameters for the property tests; the format and code path are the same. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses any other (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 10, maxLength: 60, unit: 'grapheme' }),
        fc.string({ maxLength: 60, unit: 'grapheme' }),
        async (password, other) => {
          const stored = await hashPassword(password, FAST);
          expect(stored).not.toContain(password);
          expect(await verifyPassword(password, stored)).toBe(true);
          if (other.normalize('NFC') !== password.normalize('NFC')) expect(await verifyPassword(other, stored)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stores a self-describing string with a random salt', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
  });

  it('uses strong parameters by default, and verifies with the parameters stored in the hash', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith(`scrypt$N=${DEFAULT_SCRYPT.N},r=8,p=1$`)).toBe(true);
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashPassword('correct horse battery', FAST))).toBe(true);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const stored = await hashPassword('Pāroles frāze 1', FAST);
    expect(await verifyPassword('Pāroles frāze 1'.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    for (const bad of ['', 'plain', stored.replace('N=1024', 'N=1000'), stored.replace('N=1024', `N=${2 ** 24}`), stored.slice(0, -8)]) {
      expect(await verifyPassword('correct horse battery', bad)).toBe(false);
    }
  });
});

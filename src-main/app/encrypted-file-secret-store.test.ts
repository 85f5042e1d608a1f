import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStoreUnavailableError, createEncryptedFileSecretStore, safeStorageRefusal, type StringCipher } from './encrypted-file-secret-store';

/** A stand-in for safeStorage: reversible, visibly not the plain text, and able to ask for re-encryption. */
function fakeCipher(): StringCipher & { generation: number; decrypts: number } {
  const state = { generation: 1, decrypts: 0 };
  return Object.assign(state, {
    async encrypt(plain: string) {
      return Buffer.from(`v${state.generation}:${Buffer.from(plain, 'utf8').reverse().toString('hex')}`, 'utf8');
    },
    async decrypt(sealed: Buffer) {
      state.decrypts++;
      const [version, hex] = sealed.toString('utf8').split(':') as [string, string];
      return { result: Buffer.from(hex, 'hex').reverse().toString('utf8'), shouldReEncrypt: version !== `v${state.generation}` };
    },
  });
}

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'pumpurs-secrets-')), 'secrets');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

const available = async () => undefined;

describe('createEncryptedFileSecretStore', () => {
  it('round-trips binary secrets and never writes them in the clear', async () => {
    const store = createEncryptedFileSecretStore(dir, fakeCipher(), available);
    const key = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    expect(await store.get('org.signing-key')).toBeNull();
    await store.set('org.signing-key', key);
    expect(await store.get('org.signing-key')).toEqual(key);
    const onDisk = await readFile(join(dir, 'org.signing-key.sealed'));
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.toString('utf8')).not.toContain(key.toString('base64'));
    await store.delete('org.signing-key');
    expect(await store.get('org.signing-key')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps files private to the user (POSIX modes)', async () => {
    if (process.platform === 'win32') return;
    const store = createEncryptedFileSecretStore(dir, fakeCipher(), available);
    await store.set('k', Buffer.from('x'));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'k.sealed'))).mode & 0o777).toBe(0o600);
  });

  it('re-encrypts a secret when the OS key has changed', async () => {
    const cipher = fakeCipher();
    const store = createEncryptedFileSecretStore(dir, cipher, available);
    await store.set('k', Buffer.from('secret'));
    cipher.generation = 2;
    expect((await store.get('k'))?.toString()).toBe('secret');
    expect((await readFile(join(dir, 'k.sealed'), 'utf8')).startsWith('v2:')).toBe(true);
  });

  it('refuses names that could leave the folder', async () => {
    const store = createEncryptedFileSecretStore(dir, fakeCipher(), available);
    for (const name of ['../x', 'a/b', 'A', '', '.hidden', 'x'.repeat(65)]) {
      await expect(store.set(name, Buffer.from('x')), name).rejects.toThrow(/not allowed/);
      await expect(store.get(name), name).rejects.toThrow(/not allowed/);
    }
  });

  it('neither reads nor writes while the OS cannot protect secrets', async () => {
    const cipher = fakeCipher();
    const store = createEncryptedFileSecretStore(dir, cipher, async () => {
      throw new SecretStoreUnavailableError('no keyring');
    });
    await expect(store.set('k', Buffer.from('x'))).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    await expect(store.get('k')).rejects.toThrow('no keyring');
    expect(cipher.decrypts).toBe(0);
  });
});

describe('safeStorageRefusal', () => {
  it('refuses Linux basic_text (a key built into Chromium)', () => {
    expect(safeStorageRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' })).toMatch(/basic_text/);
  });

  it('refuses Linux when the backend is unknown', () => {
    expect(safeStorageRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' })).toMatch(/unknown/);
    expect(safeStorageRefusal({ platform: 'linux', encryptionAvailable: true })).toMatch(/unknown/);
  });

  it('refuses when encryption is unavailable, on any platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(safeStorageRefusal({ platform, encryptionAvailable: false, linuxBackend: 'gnome_libsecret' })).toMatch(/not available/);
    }
  });

  it('accepts a real keyring on Linux, and DPAPI/Keychain elsewhere', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(safeStorageRefusal({ platform: 'linux', encryptionAvailable: true, linuxBackend })).toBeNull();
    }
    expect(safeStorageRefusal({ platform: 'win32', encryptionAvailable: true })).toBeNull();
    expect(safeStorageRefusal({ platform: 'darwin', encryptionAvailable: true })).toBeNull();
  });
});

/**
 * A SecretStore that keeps each secret in its own file, encrypted by an OS
 * key service (Electron's safeStorage: DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). The cipher is injected, so the file handling
 * and the refusal rules are tested under Node; src-main/electron/ supplies
 * safeStorage.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { refuseOtherStore, SEALED_SUFFIX, type SecretStore } from '../ports/secret-store';
import { FILE_CAPS, readFileCapped } from '../ports/capped-read';

/** The part of safeStorage the store needs (its async API). */
export interface StringCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** Thrown when the OS cannot protect secrets; the message says what IT can do. */
export class SecretStoreUnavailableError extends Error {
  readonly code = 'SECRET_STORE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** Same rule as the Node file store: a short, safe file name. */
const SECRET_NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const SUFFIX = SEALED_SUFFIX;

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new Error(`secret name not allowed: ${name}`);
}

/**
 * Why safeStorage must not be used here, or null if it may.
 * On Linux without a keyring Chromium falls back to `basic_text`: a key
 * hard-coded in Chromium, i.e. no protection at all. Before `ready` (or if
 * detection failed) the backend is `unknown`: refused too, never guessed.
 */
export function safeStorageRefusal(facts: { platform: NodeJS.Platform; encryptionAvailable: boolean; linuxBackend?: string }): string | null {
  if (facts.platform === 'linux') {
    if (facts.linuxBackend === 'basic_text') {
      return 'No system keyring (GNOME Keyring / KWallet) is available, so Chromium would store secrets with a built-in key (backend "basic_text"). PuMPuRS refuses to keep keys that way: install and unlock a keyring, or start PuMPuRS with --password-store=gnome-libsecret or --password-store=kwallet6.';
    }
    if (facts.linuxBackend === undefined || facts.linuxBackend === 'unknown') {
      return 'The system keyring could not be detected (safeStorage backend "unknown"), so PuMPuRS will not store secrets.';
    }
  }
  if (!facts.encryptionAvailable) {
    return "The operating system's secret storage is not available (safeStorage reports encryption unavailable), so PuMPuRS will not store secrets.";
  }
  return null;
}

/**
 * Files `<dir>/<name>.sealed`, mode 0600 in a 0700 folder, each holding the
 * cipher's output for the base64 of the secret. `checkAvailable` runs before
 * every operation, so a store never reads or writes while the OS cannot
 * protect its keys.
 */
export function createEncryptedFileSecretStore(dir: string, cipher: StringCipher, checkAvailable: () => Promise<void>): SecretStore {
  const fileFor = (name: string) => join(dir, `${name}${SUFFIX}`);

  async function write(name: string, value: Buffer): Promise<void> {
    const sealed = await cipher.encrypt(value.toString('base64'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${name}${SUFFIX}.tmp`);
    await writeFile(tmp, sealed, { mode: 0o600 });
    await rename(tmp, fileFor(name));
  }

  return {
    async get(name) {
      checkName(name);
      await refuseOtherStore(dir, 'sealed');
      await checkAvailable();
      let sealed: Buffer;
      try {
        sealed = await readFileCapped(fileFor(name), FILE_CAPS.secret);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      const { result, shouldReEncrypt } = await cipher.decrypt(sealed);
      const value = Buffer.from(result, 'base64');
      // The OS key was rotated or upgraded: store the secret again under the new key.
      if (shouldReEncrypt) await write(name, value);
      return value;
    },
    async set(name, value) {
      checkName(name);
      await refuseOtherStore(dir, 'sealed');
      await checkAvailable();
      await write(name, value);
    },
    async delete(name) {
      checkName(name);
      await rm(fileFor(name), { force: true });
    },
  };
}

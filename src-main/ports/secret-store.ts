/**
 * Secrets (private keys) live only behind this port: never in SQLite, logs or
 * localStorage. Electron's implementation wraps them with safeStorage
 * (src-main/electron/safe-storage-secret-store.ts); the Node one below keeps a
 * file readable only by its owner, for the CLI and tests.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src-shared/ipc/result';
import { FILE_CAPS, readFileCapped } from './capped-read';

export interface SecretStore {
  get(name: string): Promise<Buffer | null>;
  set(name: string, value: Buffer): Promise<void>;
  delete(name: string): Promise<void>;
}

const SECRET_NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new Error(`secret name not allowed: ${name}`);
}

/** The suffix of the app's safeStorage-sealed secrets (app/encrypted-file-secret-store.ts). */
export const SEALED_SUFFIX = '.sealed';

/** The secret files in `dir` (not temporary files), or [] when it does not exist. */
export async function secretFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => !f.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * One data folder, one key store: a folder whose keys the other store kept
 * is refused (KEY_STORE_MISMATCH), before anything is read or written, so
 * no second set of keys is ever made beside the first.
 */
export async function refuseOtherStore(dir: string, kind: 'plain' | 'sealed'): Promise<void> {
  const files = await secretFiles(dir);
  const other = kind === 'plain' ? files.some((f) => f.endsWith(SEALED_SUFFIX)) : files.some((f) => !f.endsWith(SEALED_SUFFIX));
  if (other) {
    throw new AppError('KEY_STORE_MISMATCH', {
      messageKey: kind === 'plain' ? 'dataSafety.keyStore.sealedHere' : 'dataSafety.keyStore.plainHere',
      details: { params: { dir: join(dir, '..') } },
    });
  }
}

/** Files under `dir`, mode 0600 in a 0700 folder. */
export function createFileSecretStore(dir: string): SecretStore {
  return {
    async get(name) {
      checkName(name);
      await refuseOtherStore(dir, 'plain');
      try {
        return await readFileCapped(join(dir, name), FILE_CAPS.secret);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async set(name, value) {
      checkName(name);
      await refuseOtherStore(dir, 'plain');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, value, { mode: 0o600 });
      await rename(tmp, join(dir, name));
    },
    async delete(name) {
      checkName(name);
      await rm(join(dir, name), { force: true });
    },
  };
}

/**
 * Secrets (private keys) live only behind this port: never in SQLite, logs or
 * localStorage. Electron's implementation wraps them with safeStorage
 * (src-main/electron/safe-storage-secret-store.ts); the Node one below keeps a
 * file readable only by its owner, for the CLI and tests.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Files under `dir`, mode 0600 in a 0700 folder. */
export function createFileSecretStore(dir: string): SecretStore {
  return {
    async get(name) {
      checkName(name);
      try {
        return await readFileCapped(join(dir, name), FILE_CAPS.secret);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async set(name, value) {
      checkName(name);
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

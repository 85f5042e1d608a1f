/**
 * SecretStore over Electron's safeStorage (DPAPI on Windows, Keychain on
 * macOS, libsecret/KWallet on Linux): each secret is a file in
 * paths.secretsDir holding safeStorage's ciphertext. On Linux a store
 * without a real keyring (backend `basic_text`) is refused, as is any
 * platform where encryption is unavailable: see safeStorageRefusal.
 */
import { safeStorage } from 'electron';
import { SecretStoreUnavailableError, createEncryptedFileSecretStore, safeStorageRefusal } from '../app/encrypted-file-secret-store';
import type { SecretStore } from '../ports/secret-store';

/** Throws SecretStoreUnavailableError with a clear message if safeStorage must not be used. Call after `ready`. */
export async function assertSafeStorageUsable(): Promise<void> {
  const refusal = safeStorageRefusal({
    platform: process.platform,
    encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (refusal !== null) throw new SecretStoreUnavailableError(refusal);
}

export function createSafeStorageSecretStore(secretsDir: string): SecretStore {
  return createEncryptedFileSecretStore(
    secretsDir,
    {
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: (sealed) => safeStorage.decryptStringAsync(sealed),
    },
    assertSafeStorageUsable,
  );
}

/**
 * Reading a whole file into memory, never more than its purpose needs.
 * Every file the app or the CLI reads whole goes through here with a cap
 * from FILE_CAPS (packages and key cards have their own readers with their
 * format's limits). The cap is counted on the bytes actually read, not on
 * what `stat` says, so a device (`/dev/zero`), a pipe (`<(…)`) or a file that
 * grows while being read is stopped at cap + 1 bytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The most bytes each kind of file may have. */
export const FILE_CAPS = {
  /** A password file for the CLI: one line. Password fields allow far less. */
  passwordFile: 4 * KiB,
  /** Small JSON the app or IT places beside it (settings policy, update policy, binding marker, package.json). */
  smallJson: 256 * KiB,
  /** A secret (keys, wrapped keys) in the secret store. */
  secret: 64 * KiB,
  /** A catalogue shipped in resources/ (risk factors, municipalities). */
  catalogue: 4 * MiB,
  /** One built renderer asset served to the window or the test bridge. */
  rendererAsset: 64 * MiB,
} as const;

export class FileTooLargeError extends Error {
  readonly code = 'FILE_TOO_LARGE';
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path} is larger than ${maxBytes} bytes`);
  }
}

const CHUNK = 64 * KiB;

/** The whole file, or FileTooLargeError as soon as more than `maxBytes` have been read. Other errors as fs throws them. */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes - total + 1));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The synchronous twin, for the few places that read before anything async can run. */
export function readFileCappedSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes - total + 1));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

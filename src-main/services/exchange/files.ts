/**
 * Files the exchange writes and reads outside the database: packages and key
 * cards. Writes go to a temporary file next to the target and are renamed
 * into place only when complete, so a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/ipc/result';

/** A temporary file beside `target`; `commit` renames it into place, `discard` removes it. */
export interface PendingFile {
  tempPath: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export async function writePending(target: string, bytes: Uint8Array): Promise<PendingFile> {
  const tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw new AppError('IO_ERROR', { details: { params: { detail: 'write' } }, cause });
  }
  return {
    tempPath,
    async commit() {
      try {
        await rename(tempPath, target);
      } catch (cause) {
        await rm(tempPath, { force: true }).catch(() => undefined);
        throw new AppError('IO_ERROR', { details: { params: { detail: 'rename' } }, cause });
      }
    },
    discard: () => rm(tempPath, { force: true }).catch(() => undefined),
  };
}

export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<void> {
  await (await writePending(target, bytes)).commit();
}

/** Reads a small regular file (a key card) under a cap; IO_ERROR / LIMIT_EXCEEDED otherwise. */
export async function readSmallFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (cause) {
    throw new AppError('IO_ERROR', { details: { params: { detail: 'open' } }, cause });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('IO_ERROR', { details: { params: { detail: 'not-a-file' } } });
    if (stat.size > maxBytes) throw new AppError('LIMIT_EXCEEDED', { details: { params: { detail: 'file-size' } } });
    const buffer = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead !== buffer.length) throw new AppError('IO_ERROR', { details: { params: { detail: 'file-changed' } } });
    return buffer;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('IO_ERROR', { details: { params: { detail: 'read' } }, cause: err });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

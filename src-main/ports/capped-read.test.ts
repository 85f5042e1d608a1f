import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';
import { FileTooLargeError, readFileCapped, readFileCappedSync } from './capped-read';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

describe.each([
  ['readFileCapped', (path: string, max: number) => readFileCapped(path, max)],
  ['readFileCappedSync', async (path: string, max: number) => Promise.resolve(readFileCappedSync(path, max))],
])('%s', (_name, read) => {
  it('reads a file up to exactly the cap, and refuses one byte more', async () => {
    const file = join(tmp.dir, 'f.txt');
    await writeFile(file, Buffer.alloc(100_000, 0x61));
    expect((await read(file, 100_000)).length).toBe(100_000);
    await expect(read(file, 99_999)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('stops an endless device at the cap, at once', async () => {
    const started = Date.now();
    await expect(read('/dev/zero', 4096)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', maxBytes: 4096 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads an empty file, and passes other errors through', async () => {
    const file = join(tmp.dir, 'empty');
    await writeFile(file, '');
    expect((await read(file, 10)).length).toBe(0);
    await expect(read(join(tmp.dir, 'missing'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

it('reads a pipe (a password given as <(…)) under its cap', async () => {
  const fifo = join(tmp.dir, 'fifo');
  await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('mkfifo')))));
  const writer = spawn('/bin/bash', ['-c', 'printf "droša parole\\n" > "$0"', fifo], { stdio: 'ignore' });
  const exited = new Promise((r) => writer.on('exit', r));
  expect((await readFileCapped(fifo, 4096)).toString('utf8')).toBe('droša parole\n');
  await exited;
});

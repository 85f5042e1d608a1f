import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from './file-logger';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pumpurs-log-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createFileLogger', () => {
  it('appends one JSON line per event, creating the folder', async () => {
    const log = createFileLogger({ dir: join(root, 'logs'), now: () => new Date('2025-10-01T10:00:00Z') });
    log.info('app.started', { version: '0.1.0' });
    log.error('ipc.handlerFailed', { channel: 'org:get' });
    const lines = (await readFile(log.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { version: '0.1.0', t: '2025-10-01T10:00:00.000Z', level: 'info', event: 'app.started' },
      { channel: 'org:get', t: '2025-10-01T10:00:00.000Z', level: 'error', event: 'ipc.handlerFailed' },
    ]);
  });

  it('does not let fields overwrite the level or event', async () => {
    const log = createFileLogger({ dir: root });
    log.warn('real.event', { event: 'fake', level: 'info' });
    expect(JSON.parse(await readFile(log.file, 'utf8'))).toMatchObject({ event: 'real.event', level: 'warn' });
  });

  it('rotates when the file grows past maxBytes', async () => {
    const log = createFileLogger({ dir: root, maxBytes: 200 });
    for (let i = 0; i < 10; i++) log.info('x.event', { i });
    expect((await stat(log.file)).size).toBeLessThan(200 + 100);
    expect((await readFile(`${log.file}.1`, 'utf8')).length).toBeGreaterThan(0);
  });

  it('never throws, even when it cannot write', async () => {
    const notADir = join(root, 'file');
    await writeFile(notADir, 'x');
    const log = createFileLogger({ dir: join(notADir, 'logs') });
    expect(() =>
      log.error('x.event', {
        circular: (() => {
          const o: Record<string, unknown> = {};
          o.o = o;
          return o;
        })(),
      }),
    ).not.toThrow();
  });
});

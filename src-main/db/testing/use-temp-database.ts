/**
 * The set-up most service tests repeat: a real database in a new temporary
 * folder (made before the file's tests, or before each test), closed and
 * removed after. Call at the top of a test file or inside a describe; `ready`
 * runs in the same hook, once the database is open (seed it, build services),
 * and is given the folder too.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { OpenedDatabase } from '../connection';
import { makeTempDir, openTempDatabase, type TempDir } from './temp-db';

export function useTempDatabase(fresh: 'file' | 'test', ready: (opened: OpenedDatabase, dir: string) => void | Promise<void>): void {
  let tmp: TempDir | undefined;
  let opened: OpenedDatabase | undefined;
  const [before, after] = fresh === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    tmp = await makeTempDir();
    opened = await openTempDatabase(tmp.dir);
    await ready(opened, tmp.dir);
  });
  after(async () => {
    await opened?.close();
    await tmp?.remove();
    opened = undefined;
    tmp = undefined;
  });
}

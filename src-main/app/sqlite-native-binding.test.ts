import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../db/encryption';
import { openDatabase } from '../db/connection';
import { makeTempDir, type TempDir } from '../db/testing/temp-db';
import { silentLogger } from '../ports/logger';
import { sqliteNativeBindingFor } from './sqlite-native-binding';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

const facts = (appPath: string) => ({ isPackaged: false, appPath, electronVersion: '45.5.0', platform: 'linux', arch: 'x64' });

async function marker(appPath: string, content: object, withFile = true) {
  await mkdir(join(appPath, '.electron-native', 'b', 'build', 'Release'), { recursive: true });
  if (withFile) await writeFile(join(appPath, '.electron-native', 'b', 'build', 'Release', 'better_sqlite3.node'), '');
  await writeFile(join(appPath, '.electron-native', 'binding.json'), JSON.stringify(content));
}

describe('the Electron build of better-sqlite3 for npm start', () => {
  it('is used unpackaged when the marker names this Electron, platform and architecture', async () => {
    await marker(tmp.dir, { electron: '45.5.0', platform: 'linux', arch: 'x64', path: 'b/build/Release/better_sqlite3.node' });
    expect(sqliteNativeBindingFor(facts(tmp.dir))).toBe(resolve(tmp.dir, '.electron-native', 'b', 'build', 'Release', 'better_sqlite3.node'));
    expect(sqliteNativeBindingFor({ ...facts(tmp.dir), isPackaged: true })).toBeUndefined();
    expect(sqliteNativeBindingFor({ ...facts(tmp.dir), electronVersion: '46.0.0' })).toBeUndefined();
    expect(sqliteNativeBindingFor({ ...facts(tmp.dir), arch: 'arm64' })).toBeUndefined();
  });

  it('is not used without a marker, with a missing file, or with a path leaving the folder', async () => {
    expect(sqliteNativeBindingFor(facts(tmp.dir))).toBeUndefined();
    await marker(tmp.dir, { electron: '45.5.0', platform: 'linux', arch: 'x64', path: 'b/build/Release/better_sqlite3.node' }, false);
    expect(sqliteNativeBindingFor(facts(tmp.dir))).toBeUndefined();
    await marker(tmp.dir, { electron: '45.5.0', platform: 'linux', arch: 'x64', path: '../../evil.node' });
    expect(sqliteNativeBindingFor(facts(tmp.dir))).toBeUndefined();
  });

  it('is what openDatabase loads when given (here: the Node build, which must work), and a wrong one fails', async () => {
    const nodeBuild = resolve('node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
    const opened = await openDatabase({
      file: join(tmp.dir, 'a.sqlite'),
      key: newDatabaseKey(),
      backupsDir: join(tmp.dir, 'b'),
      log: silentLogger,
      nativeBinding: nodeBuild,
    });
    expect(opened.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    await opened.close();
    await expect(
      openDatabase({
        file: join(tmp.dir, 'c.sqlite'),
        key: newDatabaseKey(),
        backupsDir: join(tmp.dir, 'b'),
        log: silentLogger,
        nativeBinding: join(tmp.dir, 'missing.node'),
      }),
    ).rejects.toThrow();
  });
});

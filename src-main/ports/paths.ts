/**
 * Where things live on disk. The database is kept in local (not roaming)
 * application data: a roaming profile would copy minors' data to servers and
 * corrupt a live SQLite file when two PCs sync it.
 */
import { join } from 'node:path';

export interface AppPaths {
  /** The organisation's folder: database, backups, secrets, temp files. */
  dataDir: string;
  dbFile: string;
  backupsDir: string;
  secretsDir: string;
  tempDir: string;
  /** Shipped catalogues (municipalities, risk factors, measure kinds). */
  resourcesDir: string;
}

export function pathsFor(dataDir: string, resourcesDir: string): AppPaths {
  return {
    dataDir,
    dbFile: join(dataDir, 'pumpurs.sqlite'),
    backupsDir: join(dataDir, 'backups'),
    secretsDir: join(dataDir, 'secrets'),
    tempDir: join(dataDir, 'tmp'),
    resourcesDir,
  };
}

/**
 * The per-user local data folder for the app, by platform:
 * Windows %LOCALAPPDATA%\PuMPuRS (not %APPDATA%, which roams),
 * macOS ~/Library/Application Support/PuMPuRS, Linux $XDG_DATA_HOME/pumpurs.
 */
export function defaultLocalDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return join(local, 'PuMPuRS');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'PuMPuRS');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'pumpurs');
}

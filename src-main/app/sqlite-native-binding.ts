/**
 * Which better-sqlite3 addon the unpackaged Electron app loads: the copy
 * scripts/electron-native.mjs built for this Electron version, named in
 * .electron-native/binding.json. None when packaged (electron-builder built
 * the module for Electron) or when the marker is missing or for another
 * Electron, platform or architecture (better-sqlite3 then loads its own and
 * reports the ABI mismatch plainly).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FILE_CAPS, readFileCappedSync } from '../ports/capped-read';

export function sqliteNativeBindingFor(options: {
  isPackaged: boolean;
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}): string | undefined {
  if (options.isPackaged) return undefined;
  const root = join(options.appPath, '.electron-native');
  let marker: { electron?: unknown; platform?: unknown; arch?: unknown; path?: unknown };
  try {
    marker = JSON.parse(readFileCappedSync(join(root, 'binding.json'), FILE_CAPS.smallJson).toString('utf8')) as typeof marker;
  } catch {
    return undefined;
  }
  if (marker.electron !== options.electronVersion || marker.platform !== options.platform || marker.arch !== options.arch) return undefined;
  if (typeof marker.path !== 'string' || marker.path.includes('..')) return undefined;
  const file = resolve(root, marker.path);
  return existsSync(file) ? file : undefined;
}

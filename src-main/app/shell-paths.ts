/**
 * Where the Electron shell finds its files, in development (`electron .` from
 * the project root) and when packaged (app.asar plus the resources copied by
 * electron-builder's extraResources). Pure, so it is tested under Node.
 */
import { join } from 'node:path';

export interface ShellPaths {
  /** The built renderer, served over app://. */
  rendererDir: string;
  /** The sandboxed preload bundle (CommonJS). */
  preloadFile: string;
  /** Shipped catalogues and icons: `resources/` of the project. */
  resourcesDir: string;
  /** The window icon on Linux (Windows and macOS take it from the executable). */
  windowIcon: string;
}

export function shellPaths(facts: { isPackaged: boolean; appPath: string; resourcesPath: string }): ShellPaths {
  const resourcesDir = facts.isPackaged ? join(facts.resourcesPath, 'resources') : join(facts.appPath, 'resources');
  return {
    rendererDir: join(facts.appPath, 'dist', 'renderer'),
    preloadFile: join(facts.appPath, 'dist', 'preload', 'preload.cjs'),
    resourcesDir,
    windowIcon: join(resourcesDir, 'icons', 'icon.png'),
  };
}

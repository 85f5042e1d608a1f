import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellPaths } from './shell-paths';

describe('shellPaths', () => {
  it('uses the project folder in development', () => {
    expect(shellPaths({ isPackaged: false, appPath: '/src/pumpurs', resourcesPath: '/opt/electron/resources' })).toEqual({
      rendererDir: join('/src/pumpurs', 'dist', 'renderer'),
      preloadFile: join('/src/pumpurs', 'dist', 'preload', 'preload.cjs'),
      resourcesDir: join('/src/pumpurs', 'resources'),
      windowIcon: join('/src/pumpurs', 'resources', 'icons', 'icon.png'),
    });
  });

  it('reads code from app.asar and catalogues from extraResources when packaged', () => {
    const paths = shellPaths({ isPackaged: true, appPath: '/opt/PuMPuRS/resources/app.asar', resourcesPath: '/opt/PuMPuRS/resources' });
    expect(paths.rendererDir).toBe(join('/opt/PuMPuRS/resources/app.asar', 'dist', 'renderer'));
    expect(paths.preloadFile).toBe(join('/opt/PuMPuRS/resources/app.asar', 'dist', 'preload', 'preload.cjs'));
    expect(paths.resourcesDir).toBe(join('/opt/PuMPuRS/resources', 'resources'));
  });

  it('matches what build.mjs writes and what electron-builder.yml copies', async () => {
    const { readFile } = await import('node:fs/promises');
    const preloadBuild = await readFile('scripts/build-preload.mjs', 'utf8');
    expect(preloadBuild).toContain("outdir = 'dist/preload'");
    expect(preloadBuild).toContain("outExtension: { '.js': '.cjs' }");
    expect(preloadBuild).toContain("entryPoints: { preload: 'src-main/preload/preload.ts' }");
    expect(await readFile('scripts/build.mjs', 'utf8')).toContain('buildPreload()');
    const builderConfig = await readFile('electron-builder.yml', 'utf8');
    expect(builderConfig).toMatch(/extraResources:\s*\n\s*- from: resources\s*\n\s*to: resources/);
  });
});

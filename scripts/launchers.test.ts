/**
 * The `pumpurs` launchers the installers put on PATH (docs/electron-shell.md,
 * "The pumpurs launcher"). The Linux launcher runs here against a fake app
 * binary, also through a symlink as /usr/bin/pumpurs is; the .deb scripts
 * are expanded the way electron-builder expands them and syntax-checked; the
 * Windows launcher and NSIS script are checked statically (no Windows here).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  win: { extraFiles: Array<{ from: string; to: string }> };
  linux: { executableName: string; extraFiles: Array<{ from: string; to: string }> };
  nsis: { include: string };
  deb: { afterInstall: string; afterRemove: string };
};
const tmp = mkdtempSync(join(tmpdir(), 'pumpurs-launcher-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the pumpurs launchers', () => {
  it('every launcher and installer script the config names exists', () => {
    expect(config.win.extraFiles).toContainEqual({ from: 'resources/launchers/pumpurs.cmd', to: 'bin/pumpurs.cmd' });
    expect(config.linux.extraFiles).toContainEqual({ from: 'resources/launchers/pumpurs.sh', to: 'bin/pumpurs' });
    for (const file of [
      ...config.win.extraFiles.map((f) => f.from),
      ...config.linux.extraFiles.map((f) => f.from),
      config.nsis.include,
      config.deb.afterInstall,
      config.deb.afterRemove,
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });

  it('Linux: `pumpurs <verb>` runs the app with --cli and returns its exit code; `pumpurs` alone opens the app', () => {
    // The installed layout: /opt/PuMPuRS/pumpurs (the app) and /opt/PuMPuRS/bin/pumpurs (the launcher), linked from /usr/bin.
    const opt = join(tmp, 'opt', 'PuMPuRS');
    mkdirSync(join(opt, 'bin'), { recursive: true });
    writeFileSync(join(opt, 'pumpurs'), '#!/bin/sh\nfor a in "$@"; do printf "%s|" "$a"; done\nexit 3\n');
    chmodSync(join(opt, 'pumpurs'), 0o755);
    copyFileSync(join(root, 'resources/launchers/pumpurs.sh'), join(opt, 'bin', 'pumpurs'));
    chmodSync(join(opt, 'bin', 'pumpurs'), 0o755);
    mkdirSync(join(tmp, 'usr', 'bin'), { recursive: true });
    symlinkSync(join(opt, 'bin', 'pumpurs'), join(tmp, 'usr', 'bin', 'pumpurs'));

    const verb = spawnSync(join(tmp, 'usr', 'bin', 'pumpurs'), ['keys', 'show', '--data-dir', '/srv/a b', '--json'], { encoding: 'utf8' });
    expect(verb.stdout).toBe('--cli|keys|show|--data-dir|/srv/a b|--json|');
    expect(verb.status).toBe(3);
    const app = spawnSync(join(tmp, 'usr', 'bin', 'pumpurs'), [], { encoding: 'utf8' });
    expect(app.stdout).toBe('');
    expect(app.status).toBe(3);
  });

  it('Linux: the .deb scripts expand with electron-builder’s macros only, parse, and link the launcher', () => {
    const macros: Record<string, string> = { executable: config.linux.executableName, sanitizedProductName: 'PuMPuRS' };
    for (const file of [config.deb.afterInstall, config.deb.afterRemove]) {
      const expanded = readFileSync(join(root, file), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
        if (!(name in macros)) throw new Error(`${file}: \${${name}} is not a macro electron-builder defines here`);
        return macros[name] as string;
      });
      const out = join(tmp, `${file.split('/').pop()}`);
      writeFileSync(out, expanded);
      execFileSync('sh', ['-n', out]);
      expect(expanded).toContain("dir='/opt/PuMPuRS'");
    }
    const install = readFileSync(join(root, config.deb.afterInstall), 'utf8');
    expect(install).toMatch(/update-alternatives --install '\/usr\/bin\/\${executable}' '\${executable}' "\$dir\/bin\/pumpurs" 200/);
    expect(readFileSync(join(root, config.deb.afterRemove), 'utf8')).toMatch(/update-alternatives --remove '\${executable}' "\$dir\/bin\/pumpurs"/);
  });

  it('Windows (static): pumpurs.cmd passes every argument to --cli and returns the exit code; NSIS adds bin to Path and removes it, never truncating', () => {
    const cmd = readFileSync(join(root, 'resources/launchers/pumpurs.cmd'), 'utf8');
    expect(cmd).toContain('set "PUMPURS_EXE=%~dp0..\\PuMPuRS.exe"');
    expect(cmd).toMatch(/^"%PUMPURS_EXE%" --cli %\*\r?\nexit \/b %ERRORLEVEL%/m);
    const nsh = readFileSync(join(root, config.nsis.include), 'utf8');
    expect(nsh).toMatch(
      /!macro customInstall[\s\S]*\$\{If\} \$1 >= \$\{NSIS_MAX_STRLEN\}[\s\S]*WriteRegExpandStr HKLM "\$\{PUMPURS_ENV_KEY\}" "Path" "\$0;\$INSTDIR\\bin"[\s\S]*!macroend/,
    );
    expect(nsh).toMatch(/!macro customUnInstall[\s\S]*\$\{If\} \$1 < \$\{NSIS_MAX_STRLEN\}[\s\S]*WordReplace[\s\S]*!macroend/);
  });
});

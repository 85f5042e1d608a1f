// `npm start` runs Electron, whose Node ABI differs from the Node that runs
// the tests and the CLI. Rebuilding better-sqlite3 in node_modules for
// Electron (electron-builder install-app-deps) would break the tests, so
// this keeps a second copy built for Electron in .electron-native/ and
// writes .electron-native/binding.json; the unpackaged app passes that file
// to better-sqlite3 as `nativeBinding`. Installers do not need this:
// electron-builder rebuilds the module for Electron inside the package.
//
// It downloads better-sqlite3's prebuilt addon for this Electron version
// (prebuild-install), or compiles it against Electron's headers (node-gyp),
// once per Electron version, platform and architecture.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
// The SQLCipher build (better-sqlite3-multiple-ciphers): the database is encrypted at rest.
const sourceDir = join('node_modules', 'better-sqlite3-multiple-ciphers');
const root = '.electron-native';
const dir = join(
  root,
  `better-sqlite3-multiple-ciphers-${require('better-sqlite3-multiple-ciphers/package.json').version}-electron-${electronVersion}-${process.platform}-${process.arch}`,
);
const binary = join(dir, 'build', 'Release', 'better_sqlite3.node');
const marker = join(root, 'binding.json');

function writeMarker() {
  writeFileSync(
    marker,
    `${JSON.stringify({ electron: electronVersion, platform: process.platform, arch: process.arch, path: relative(root, binary) }, null, 2)}\n`,
  );
}

if (existsSync(binary)) {
  writeMarker();
  process.exit(0);
}

console.log(`electron-native: building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch}), once`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
cpSync(sourceDir, dir, { recursive: true, filter: (src) => !src.includes(join(sourceDir, 'build')) });
try {
  execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], {
    cwd: dir,
    stdio: 'inherit',
  });
} catch {
  console.log('electron-native: no prebuilt addon; compiling against Electron headers');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(
    npm,
    [
      'exec',
      '--yes',
      '--',
      'node-gyp',
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    {
      cwd: dir,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    },
  );
}
if (!existsSync(binary)) {
  console.error(`electron-native: ${binary} was not made; see the messages above`);
  process.exit(1);
}
// An addon built for Electron's ABI must NOT load in this plain Node. If it
// does, node-gyp used Node's headers (an npm `nodedir` setting wins over
// --target): refuse it rather than hand Electron an addon it cannot load.
let loadsInNode = false;
try {
  new (require('better-sqlite3-multiple-ciphers'))(':memory:', { nativeBinding: binary }).close();
  loadsInNode = true;
} catch {
  // expected: NODE_MODULE_VERSION differs
}
if (loadsInNode) {
  rmSync(dir, { recursive: true, force: true });
  console.error(
    "electron-native: the addon was built for Node, not Electron (is npm's `nodedir` set? `npm config get nodedir`). Unset it for this command and run npm start again.",
  );
  process.exit(1);
}
JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
writeMarker();
console.log(`electron-native: ${binary}`);

#!/usr/bin/env node
// The `pumpurs` command: runs the bundled CLI (dist/main/cli.mjs, made by
// `npm run build`). Exit codes: 0 done, 1 refused, 2 usage error.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/main/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('pumpurs: dist/main/cli.mjs is missing: run npm run build first\n');
  process.exit(2);
}
// `pumpurs students list | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { runCli } = await import(cli.href);
process.exitCode = await runCli(process.argv.slice(2));

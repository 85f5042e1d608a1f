/**
 * `pumpurs import [--dry-run] F...`: imports packages (files or folders of
 * *.pumpurs) in sender and seq order, one transaction each. --dry-run shows
 * what would change and writes nothing. Exit 0 when every file imported (or
 * was already imported), 1 when any was refused.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { selfOrg } from '../../services/exchange/keys-service';
import type { CliVerb } from '../cli-verb';
import { exitCodeOf, fileResultLines } from './import-output';

async function expand(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory())
      out.push(
        ...(await readdir(path))
          .filter((n) => n.toLowerCase().endsWith('.pumpurs'))
          .sort()
          .map((n) => join(path, n)),
      );
    else out.push(path);
  }
  return out;
}

export const importVerb: CliVerb = {
  name: 'import',
  summary: 'cli.import.summary',
  args: { valueName: 'FILE...', min: 1 },
  options: {
    'dry-run': { type: 'boolean', descriptionKey: 'cli.import.option.dryRun' },
  },

  async run(ctx, values, args = []) {
    const paths = await expand(args);
    const app = await ctx.openExistingApp();
    try {
      // A school imports its municipality's decisions; a municipality or the state, school reports.
      const importer = (await selfOrg(app.database.db)).kind === 'school' ? app.services.decisions.importer : app.services.exchange.importer;
      const result = values['dry-run'] === true ? await importer.preview(ctx.actor, paths) : await importer.commit(ctx.actor, paths);
      const code = exitCodeOf(result.files);
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: code === 0, committed: result.committed, files: result.files }));
        return code;
      }
      for (const file of result.files) for (const line of fileResultLines(ctx, file)) ctx.out(line);
      ctx.out(ctx.t(result.committed ? 'cli.import.committed' : 'cli.import.dryRun'));
      return code;
    } finally {
      await app.close();
    }
  },
};

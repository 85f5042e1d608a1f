/** `pumpurs verify F`: every check of an import, and what it would change, without importing. */
import { resolve } from 'node:path';
import type { CliVerb } from '../cli-verb';
import { exitCodeOf, fileResultLines } from './import-output';

export const verifyVerb: CliVerb = {
  name: 'verify',
  summary: 'cli.verify.summary',
  args: { valueName: 'FILE', min: 1, max: 1 },
  options: {},

  async run(ctx, _values, args = []) {
    const app = await ctx.openExistingApp();
    try {
      const result = await app.services.exchange.importer.verify(ctx.actor, resolve(args[0] ?? ''));
      const code = exitCodeOf([result]);
      if (ctx.json) ctx.out(JSON.stringify({ ok: code === 0, file: result }));
      else for (const line of fileResultLines(ctx, result)) ctx.out(line);
      return code;
    } finally {
      await app.close();
    }
  },
};

/**
 * `pumpurs stream accept FILE --reason TEXT`: the coordinator accepts the new
 * package numbering of a sender that lost its data (docs/package-format.md
 * "Streams that start again"): a municipality (or the state) a school's (or
 * a municipality's) reports, a school its municipality's (or the state's)
 * decisions. FILE is the package the import refused as STREAM_RESTARTED; the
 * reset is audited, and the package is then imported as usual.
 */
import { basename, resolve } from 'node:path';
import type { CliVerb } from '../cli-verb';
import { CliUsageError } from '../cli-verb';
import { selfOrg } from '../../services/exchange/keys-service';

export const streamAcceptVerb: CliVerb = {
  name: 'stream accept',
  summary: 'cli.stream.accept.summary',
  args: { valueName: 'FILE', min: 1, max: 1 },
  notes: ['cli.stream.accept.note'],
  options: {
    reason: { type: 'string', valueName: 'TEXT', descriptionKey: 'cli.stream.accept.option.reason', required: true },
  },

  async run(ctx, values, args = []) {
    const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
    if (reason.length === 0) throw new CliUsageError('cli.error.missingOption', { option: 'reason' });
    const path = resolve(args[0] ?? '');
    const app = await ctx.openExistingApp();
    try {
      // A school imports decisions; an authority, reports: each importer judges its own packages.
      const importer = (await selfOrg(app.database.db)).kind === 'school' ? app.services.decisions.importer : app.services.exchange.importer;
      const accepted = await importer.acceptStream(ctx.actor, { path, reason });
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, accepted }));
      else
        ctx.out(
          ctx.t('cli.stream.accept.done', {
            name: accepted.sender.name,
            id: accepted.sender.id,
            seq: accepted.fromSeq,
            held: accepted.heldNewestSeq,
            packages: accepted.heldPackages,
            file: basename(path),
          }),
        );
      return 0;
    } finally {
      await app.close();
    }
  },
};

/** `pumpurs export [--period 2025/26-1] --out F`: the school's package for its recipient (default: the current semester). */
import { resolve } from 'node:path';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { CliUsageError, type CliVerb } from '../cli-verb';

export const exportVerb: CliVerb = {
  name: 'export',
  summary: 'cli.export.summary',
  options: {
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.export.option.out', required: true },
  },

  async run(ctx, values) {
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const path = resolve(String(values.out));
    const app = await ctx.openExistingApp();
    try {
      const result = await app.services.exchange.exporter.export(ctx.actor, { path, ...(typeof period === 'string' ? { semesterId: period } : {}) });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, ...result }));
        return 0;
      }
      ctx.out(ctx.t('cli.export.done', { path: result.path, recipient: result.recipient.name, semester: result.semesterId, seq: result.seq }));
      const counts = result.counts;
      ctx.out(ctx.t('cli.export.counts', { students: counts.student ?? 0, plans: counts.plan ?? 0, measures: counts.measure ?? 0, deliveries: counts.delivery ?? 0 }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

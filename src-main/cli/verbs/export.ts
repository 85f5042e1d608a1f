/**
 * `pumpurs export [--period 2025/26-1] --out F`: the school's package for its recipient (default: the current semester).
 * In a municipality (or the state): `--to REGNO --out FILE`, the decisions package for one school, or
 * `--all --out DIR`, one file per school with something new.
 */
import { resolve } from 'node:path';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import type { AppInstance } from '../../app/create-app';
import { selfOrg } from '../../services/exchange/keys-service';
import { CliUsageError, type CliContext, type CliValues, type CliVerb } from '../cli-verb';

export const exportVerb: CliVerb = {
  name: 'export',
  summary: 'cli.export.summary',
  options: {
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.export.option.out', required: true },
    to: { type: 'string', valueName: 'REGNO', descriptionKey: 'cli.export.option.to' },
    all: { type: 'boolean', descriptionKey: 'cli.export.option.all' },
  },

  async run(ctx, values) {
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const path = resolve(String(values.out));
    const app = await ctx.openExistingApp();
    try {
      if ((await selfOrg(app.database.db)).kind !== 'school') return await exportDecisions(ctx, app, values, path, typeof period === 'string' ? period : undefined);
      if (values.to !== undefined || values.all !== undefined) throw new CliUsageError('cli.export.decisionsOnlyAuthority');
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

async function exportDecisions(ctx: CliContext, app: AppInstance, values: CliValues, out: string, semesterId: string | undefined): Promise<number> {
  const authority = app.services.decisions.authority;
  const period = semesterId ? { semesterId } : {};
  if ((values.all === true) === (typeof values.to === 'string')) throw new CliUsageError('cli.export.toOrAll');
  const results =
    values.all === true ? await authority.exportAll(ctx.actor, { dir: out, ...period }) : [await authority.exportFor(ctx.actor, { schoolId: String(values.to), path: out, ...period })];
  if (ctx.json) {
    ctx.out(JSON.stringify({ ok: true, packages: results }));
    return 0;
  }
  for (const r of results) ctx.out(ctx.t('cli.export.decisionsDone', { path: r.path, school: r.schoolId, semester: r.semesterId, seq: r.seq, decisions: r.counts.decisions ?? 0, payments: r.counts.payments ?? 0 }));
  if (results.length === 0) ctx.out(ctx.t('cli.export.nothingNew'));
  return 0;
}

/**
 * `pumpurs plans list [--status S] [--period 2025/26-1] --json` (a school):
 * its plans with status, where each stands with the municipality (waiting,
 * approved, returned, a measure refused), the latest decision, approved
 * amounts and what was paid. `--status` matches the plan status or the
 * municipality's state.
 */
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { formatMoney } from '../../../src-shared/domain/format';
import { keyFromData } from '../../../src-shared/i18n/index';
import { CliUsageError, type CliVerb } from '../cli-verb';

export const plansListVerb: CliVerb = {
  name: 'plans list',
  summary: 'cli.plans.summary',
  options: {
    status: { type: 'string', valueName: 'STATUS', descriptionKey: 'cli.plans.option.status' },
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
  },

  async run(ctx, values) {
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const app = await ctx.openExistingApp();
    try {
      const plans = await app.services.decisions.school.plans(ctx.actor, {
        ...(typeof values.status === 'string' ? { status: values.status } : {}),
        ...(typeof period === 'string' ? { semesterId: period } : {}),
      });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, plans }));
        return 0;
      }
      for (const p of plans) {
        const state = p.authorityState ? ctx.t(keyFromData(`decisions.authorityState.${p.authorityState}`)) : '—';
        const approved = p.measures.reduce((s, m) => s + (m.approvedCents ?? 0), 0);
        const paid = p.measures.reduce((s, m) => s + m.paidCents, 0);
        ctx.out(
          ctx.t('cli.plans.line', {
            code: p.code,
            status: ctx.t(keyFromData(`planStatus.${p.status}`)),
            state,
            approved: formatMoney(approved),
            paid: formatMoney(paid),
          }),
        );
        if (p.decision?.comment) ctx.out(`  ${p.decision.comment}`);
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};

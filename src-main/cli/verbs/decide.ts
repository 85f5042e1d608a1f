/**
 * `pumpurs decide PLAN_CODE --approve [--amount MEASURE_NO=EUR ...] [--comment TEXT]`,
 * `--return --comment TEXT` or `--refuse MEASURE_NO --comment TEXT` (a
 * municipality or the state): a decision on an imported plan that waits for
 * it. Measures are numbered as in the review (`--json` lists them).
 */
import { parseEuroToCents } from '../../../src-shared/domain/decisions-cli';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { CliUsageError, type CliVerb } from '../cli-verb';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export const decideVerb: CliVerb = {
  name: 'decide',
  summary: 'cli.decide.summary',
  args: { valueName: 'PLAN_CODE', min: 1, max: 1 },
  options: {
    approve: { type: 'boolean', descriptionKey: 'cli.decide.option.approve' },
    return: { type: 'boolean', descriptionKey: 'cli.decide.option.return' },
    refuse: { type: 'string', valueName: 'MEASURE_NO', multiple: true, descriptionKey: 'cli.decide.option.refuse' },
    amount: { type: 'string', valueName: 'MEASURE_NO=EUR', multiple: true, descriptionKey: 'cli.decide.option.amount' },
    comment: { type: 'string', valueName: 'TEXT', descriptionKey: 'cli.decide.option.comment' },
    'over-budget-reason': { type: 'string', valueName: 'TEXT', descriptionKey: 'cli.decide.option.overBudgetReason' },
    school: { type: 'string', valueName: 'REGNO', descriptionKey: 'cli.decide.option.school' },
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
  },

  async run(ctx, values, args = []) {
    const refused = list(values.refuse);
    const chosen = [values.approve === true, values.return === true, refused.length > 0].filter(Boolean).length;
    if (chosen !== 1) throw new CliUsageError('cli.decide.chooseOne');
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const amounts: Record<number, number> = {};
    for (const a of list(values.amount)) {
      const match = /^(\d{1,3})=(.+)$/.exec(a);
      const cents = match ? parseEuroToCents(match[2] as string) : null;
      if (!match || cents === null) throw new CliUsageError('cli.decide.badAmount', { amount: a });
      amounts[Number(match[1])] = cents;
    }
    const refusedNos = refused.map((r) => {
      if (!/^\d{1,3}$/.test(r)) throw new CliUsageError('cli.decide.badMeasureNo', { no: r });
      return Number(r);
    });
    const outcome = values.approve === true ? 'approved' : values.return === true ? 'returned' : 'measureRefused';
    const app = await ctx.openExistingApp();
    try {
      const decision = await app.services.decisions.authority.decide(ctx.actor, {
        planCode: args[0] as string,
        outcome,
        amounts,
        refused: refusedNos,
        ...(typeof values.comment === 'string' ? { comment: values.comment } : {}),
        ...(typeof values['over-budget-reason'] === 'string' ? { overBudgetReason: values['over-budget-reason'] } : {}),
        ...(typeof values.school === 'string' ? { schoolId: values.school } : {}),
        ...(typeof period === 'string' ? { semesterId: period } : {}),
      });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, decision }));
        return 0;
      }
      ctx.out(ctx.t(`cli.decide.done.${outcome}`, { code: decision.planCode, school: decision.schoolId }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

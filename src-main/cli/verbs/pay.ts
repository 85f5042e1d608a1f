/**
 * `pumpurs pay PLAN_CODE --measure MEASURE_NO --amount EUR --date YYYY-MM-DD
 * --payee guardian|student --reference REF` (a municipality or the state): a
 * payment against an approved compensation measure of an imported plan,
 * numbered as in `pumpurs decide` and the review screen. The school sees it
 * after the next decisions package.
 */
import { parseEuroToCents } from '../../../src-shared/domain/decisions-cli';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { isIsoDate } from '../../../src-shared/domain/iso-date';
import { AppError } from '../../../src-shared/ipc/result';
import { formatMoney } from '../../../src-shared/domain/format';
import { CliUsageError, type CliVerb } from '../cli-verb';

export const payVerb: CliVerb = {
  name: 'pay',
  summary: 'cli.pay.summary',
  args: { valueName: 'PLAN_CODE', min: 1, max: 1 },
  options: {
    measure: { type: 'string', valueName: 'MEASURE_NO', descriptionKey: 'cli.pay.option.measure', required: true },
    amount: { type: 'string', valueName: 'EUR', descriptionKey: 'cli.pay.option.amount', required: true },
    date: { type: 'string', valueName: 'YYYY-MM-DD', descriptionKey: 'cli.pay.option.date', required: true },
    payee: { type: 'string', valueName: 'guardian|student', descriptionKey: 'cli.pay.option.payee', required: true },
    reference: { type: 'string', valueName: 'REF', descriptionKey: 'cli.pay.option.reference', required: true },
    school: { type: 'string', valueName: 'REGNO', descriptionKey: 'cli.decide.option.school' },
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
  },

  async run(ctx, values, args = []) {
    const no = String(values.measure);
    if (!/^\d{1,3}$/.test(no)) throw new CliUsageError('cli.decide.badMeasureNo', { no });
    const cents = parseEuroToCents(String(values.amount));
    if (cents === null) throw new CliUsageError('cli.pay.badAmount', { amount: String(values.amount) });
    const paidOn = String(values.date);
    if (!isIsoDate(paidOn)) throw new CliUsageError('cli.pay.badDate', { date: paidOn });
    const payee = values.payee;
    if (payee !== 'guardian' && payee !== 'student') throw new CliUsageError('cli.pay.badPayee', { payee: String(payee) });
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const app = await ctx.openExistingApp();
    try {
      const authority = app.services.decisions.authority;
      const plan = await authority.findPlan({
        planCode: args[0] as string,
        ...(typeof values.school === 'string' ? { schoolId: values.school } : {}),
        ...(typeof period === 'string' ? { semesterId: period } : {}),
      });
      const measure = plan.measures.find((m) => m.no === Number(no));
      if (!measure) throw AppError.validation([{ path: 'measure', messageKey: 'errors.decisions.noSuchMeasure' }]);
      const payment = await authority.recordPayment(ctx.actor, {
        schoolId: plan.schoolId,
        planId: plan.plan.id,
        measureId: measure.id,
        paidOn,
        cents,
        payee,
        reference: String(values.reference),
      });
      if (ctx.json) {
        ctx.out(
          JSON.stringify({
            ok: true,
            payment: {
              id: payment.id,
              schoolId: plan.schoolId,
              planId: plan.plan.id,
              planCode: plan.plan.code,
              measureId: measure.id,
              kindCode: measure.kindCode,
              paidOn,
              cents,
              payee,
            },
          }),
        );
        return 0;
      }
      ctx.out(ctx.t('cli.pay.done', { amount: formatMoney(cents), code: plan.plan.code, school: plan.schoolId }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

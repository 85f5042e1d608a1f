/**
 * `pumpurs demo-data --students N [--seed S] [--today YYYY-MM-DD] [--password-file FILE]`:
 * fills an empty school database with a deterministic synthetic school
 * (src-main/services/demo-data/demo-data.ts). Refuses a database that already has
 * students. With --password-file every demo account gets that password
 * (read from a file, so it never shows in the shell history); without it
 * no demo account can sign in.
 */
import { isIsoDate, localIsoDate } from '../../../src-shared/domain/iso-date';
import { requirePermission } from '../../services/accounts/access';
import { generateDemoData } from '../../services/demo-data/demo-data';
import { hashPassword } from '../../services/accounts/password-hash';
import { loadRiskCatalogue } from '../../services/school/risk-catalogue-service';
import { CliUsageError, type CliVerb } from '../cli-verb';
import { FILE_CAPS, FileTooLargeError } from '../../ports/capped-read';
import { keyFromData } from '../../../src-shared/i18n/index';

function wholeNumber(value: unknown, option: string, min: number, max: number): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new CliUsageError('cli.error.notANumber', { option });
  return n;
}

export const demoDataVerb: CliVerb = {
  name: 'demo-data',
  summary: 'cli.demoData.summary',
  options: {
    students: { type: 'string', valueName: 'N', descriptionKey: 'cli.demoData.option.students', required: true },
    seed: { type: 'string', valueName: 'S', descriptionKey: 'cli.demoData.option.seed' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', descriptionKey: 'cli.demoData.option.today' },
    'password-file': { type: 'string', valueName: 'FILE', descriptionKey: 'cli.demoData.option.passwordFile' },
  },
  notes: ['cli.demoData.note'],

  async run(ctx, values) {
    requirePermission(ctx.actor, 'school.admin');
    const students = wholeNumber(values.students, 'students', 1, 100_000);
    const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, 'seed', 0, 2 ** 31);
    const today = values.today as string | undefined;
    if (today !== undefined && !isIsoDate(today)) throw new CliUsageError('cli.demoData.badToday', { today });
    let passwordHash: string | undefined;
    const passwordFile = values['password-file'] as string | undefined;
    if (passwordFile !== undefined) {
      let password: string;
      try {
        password = (await ctx.readTextFile(passwordFile, FILE_CAPS.passwordFile)).replace(/\r?\n$/, '');
      } catch (err) {
        if (err instanceof FileTooLargeError) throw new CliUsageError('cli.init.passwordFileTooLarge', { file: passwordFile, max: FILE_CAPS.passwordFile });
        throw new CliUsageError('cli.init.passwordFileUnreadable', { file: passwordFile });
      }
      passwordHash = await hashPassword(password);
    }
    const app = await ctx.openApp();
    try {
      const riskCatalogue = await loadRiskCatalogue(app.ports.paths.resourcesDir);
      const summary = await generateDemoData(app.database.db, {
        students,
        seed,
        today: today ?? localIsoDate(app.ports.clock.now()),
        riskCatalogue,
        ...(passwordHash ? { passwordHash } : {}),
      });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, dataDir: ctx.dataDir, ...summary }));
      } else {
        ctx.out(
          ctx.t('cli.demoData.done', {
            students: ctx.t('cli.demoData.students', { count: summary.students }),
            atRisk: summary.atRisk,
            plans: ctx.t('cli.demoData.plans', { count: summary.plans }),
            deliveries: ctx.t('cli.demoData.deliveries', { count: summary.deliveries }),
            staff: ctx.t('cli.demoData.staff', { count: summary.staff }),
            dir: ctx.dataDir,
          }),
        );
        ctx.out(ctx.t(passwordHash ? 'cli.demoData.doneSignIn' : 'cli.demoData.doneNoSignIn'));
        // As whom: every account with its roles, so the demo can actually be signed into.
        ctx.out(ctx.t('cli.demoData.accounts'));
        for (const account of summary.accounts) {
          const roles = account.roles.map((role) => ctx.t(keyFromData(`role.${role}`))).join(', ');
          ctx.out(ctx.t('cli.demoData.account', { username: account.username, name: account.displayName, roles }));
        }
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};

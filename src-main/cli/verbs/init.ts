/**
 * `pumpurs init`: makes a school's database without questions (for IT
 * admins preparing PCs). The first coordinator account is optional here:
 * with --admin-user and --admin-password-file it is made now (the password
 * comes from a file, so it never shows in the shell history or the process
 * list); without them the school is prepared (profile, calendar, risk
 * catalogue) and the first person to open the app creates the coordinator.
 */
import { SCHOOL_TYPES } from '../../../src-shared/domain/organisation';
import { CliUsageError, type CliVerb } from '../cli-verb';

export const initVerb: CliVerb = {
  name: 'init',
  summary: 'cli.init.summary',
  options: {
    name: { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.name', required: true },
    code: { type: 'string', valueName: 'REGNO', descriptionKey: 'cli.init.option.code', required: true },
    municipality: { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.municipality', required: true },
    'school-type': { type: 'string', valueName: SCHOOL_TYPES.join('|'), descriptionKey: 'cli.init.option.schoolType' },
    mode: { type: 'string', valueName: 'school', descriptionKey: 'cli.init.option.mode' },
    'admin-user': { type: 'string', valueName: 'USER', descriptionKey: 'cli.init.option.adminUser' },
    'admin-name': { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.adminName' },
    'admin-password-file': { type: 'string', valueName: 'FILE', descriptionKey: 'cli.init.option.adminPasswordFile' },
  },
  notes: ['cli.init.note.admin'],

  async run(ctx, values) {
    const mode = (values.mode as string | undefined) ?? 'school';
    if (mode !== 'school') throw new CliUsageError('cli.init.modeNotSupported', { mode });
    const user = values['admin-user'] as string | undefined;
    const passwordFile = values['admin-password-file'] as string | undefined;
    if ((user === undefined) !== (passwordFile === undefined)) throw new CliUsageError('cli.init.adminPair');
    let password: string | undefined;
    if (passwordFile !== undefined) {
      try {
        password = (await ctx.readTextFile(passwordFile)).replace(/\r?\n$/, '');
      } catch {
        throw new CliUsageError('cli.init.passwordFileUnreadable', { file: passwordFile });
      }
    }
    const profile = {
      name: String(values.name),
      regNo: String(values.code),
      municipality: String(values.municipality),
      schoolType: ((values['school-type'] as string | undefined) ?? 'general') as (typeof SCHOOL_TYPES)[number],
    };
    const app = await ctx.openApp();
    try {
      const coordinator = user !== undefined && password !== undefined ? { username: user, displayName: (values['admin-name'] as string | undefined) ?? user, password } : undefined;
      const result = await app.services.setUp.setUp(coordinator ? { profile, coordinator } : { profile }, { by: ctx.actor, requireNoProfile: true });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, dataDir: ctx.dataDir, organisation: result.organisation, coordinator: result.coordinator }));
      } else {
        ctx.out(ctx.t('cli.init.done', { name: result.organisation.name, dir: ctx.dataDir }));
        ctx.out(result.coordinator ? ctx.t('cli.init.doneAdmin', { user: user ?? '' }) : ctx.t('cli.init.doneNoAdmin'));
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};

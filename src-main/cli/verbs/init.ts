/**
 * `pumpurs init`: makes a school's database without questions (for IT
 * admins preparing PCs). The first coordinator account is optional here:
 * with --admin-user and --admin-password-file it is made now (the password
 * comes from a file, so it never shows in the shell history or the process
 * list); without them the school is prepared (profile, calendar, risk
 * catalogue) and the first person to open the app creates the coordinator.
 *
 * `--mode municipality --municipality NAME` and `--mode state` set up a
 * municipality's or the state's installation instead (no --name, --code or
 * --school-type: the id and name come from the list). Every mode makes the
 * installation's exchange keys.
 */
import { AUTHORITY_MODES } from '../../../src-shared/domain/exchange';
import { SCHOOL_TYPES } from '../../../src-shared/domain/organisation';
import { CliUsageError, type CliVerb } from '../cli-verb';
import { FILE_CAPS, FileTooLargeError } from '../../ports/capped-read';

export const initVerb: CliVerb = {
  name: 'init',
  summary: 'cli.init.summary',
  options: {
    name: { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.name' },
    code: { type: 'string', valueName: 'REGNO', descriptionKey: 'cli.init.option.code' },
    municipality: { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.municipality' },
    'school-type': { type: 'string', valueName: SCHOOL_TYPES.join('|'), descriptionKey: 'cli.init.option.schoolType' },
    mode: { type: 'string', valueName: 'school|municipality|state', descriptionKey: 'cli.init.option.mode' },
    'admin-user': { type: 'string', valueName: 'USER', descriptionKey: 'cli.init.option.adminUser' },
    'admin-name': { type: 'string', valueName: 'NAME', descriptionKey: 'cli.init.option.adminName' },
    'admin-password-file': { type: 'string', valueName: 'FILE', descriptionKey: 'cli.init.option.adminPasswordFile' },
  },
  notes: ['cli.init.note.admin'],

  async run(ctx, values) {
    const mode = (values.mode as string | undefined) ?? 'school';
    if (mode !== 'school' && !(AUTHORITY_MODES as readonly string[]).includes(mode)) throw new CliUsageError('cli.init.modeNotSupported', { mode });
    const notForMode = (
      mode === 'school' ? [] : mode === 'municipality' ? ['name', 'code', 'school-type'] : ['name', 'code', 'school-type', 'municipality']
    ).find((o) => values[o] !== undefined);
    if (notForMode) throw new CliUsageError('cli.init.optionNotForMode', { option: notForMode, mode });
    const missing = (mode === 'school' ? ['name', 'code', 'municipality'] : mode === 'municipality' ? ['municipality'] : []).find(
      (o) => values[o] === undefined,
    );
    if (missing) throw new CliUsageError('cli.error.missingOption', { option: missing });
    const user = values['admin-user'] as string | undefined;
    const passwordFile = values['admin-password-file'] as string | undefined;
    if ((user === undefined) !== (passwordFile === undefined)) throw new CliUsageError('cli.init.adminPair');
    let password: string | undefined;
    if (passwordFile !== undefined) {
      try {
        password = (await ctx.readTextFile(passwordFile, FILE_CAPS.passwordFile)).replace(/\r?\n$/, '');
      } catch (err) {
        if (err instanceof FileTooLargeError) throw new CliUsageError('cli.init.passwordFileTooLarge', { file: passwordFile, max: FILE_CAPS.passwordFile });
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
      const coordinator =
        user !== undefined && password !== undefined
          ? { username: user, displayName: (values['admin-name'] as string | undefined) ?? user, password }
          : undefined;
      const options = { by: ctx.actor, requireNoProfile: true };
      const result =
        mode === 'school'
          ? await app.services.setUp.setUp(coordinator ? { profile, coordinator } : { profile }, options)
          : await app.services.exchange.authoritySetUp.setUp(
              { profile: { mode: mode as (typeof AUTHORITY_MODES)[number], municipality: profile.municipality }, ...(coordinator ? { coordinator } : {}) },
              options,
            );
      await app.services.exchange.keys.ensure();
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, dataDir: ctx.dataDir, organisation: result.organisation, coordinator: result.coordinator }));
      } else {
        ctx.out(ctx.t(mode === 'school' ? 'cli.init.done' : 'cli.init.doneAuthority', { name: result.organisation.name, dir: ctx.dataDir }));
        ctx.out(result.coordinator ? ctx.t('cli.init.doneAdmin', { user: user ?? '' }) : ctx.t('cli.init.doneNoAdmin'));
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};

/**
 * `pumpurs export [--to municipality|state] [--period 2025/26-1] [--preview] --out F`:
 * the package for this installation's recipient (default: the current
 * semester). A school sends its municipality; a municipality, or a state
 * vocational school, sends the state its pseudonymised report. `--to` names
 * the recipient the operator expects, and is refused if it is not this
 * installation's. `--preview` shows what the report to the state would
 * carry (counts per school and record type, the field list) and writes
 * nothing.
 * In a municipality (or the state), decisions go down to schools:
 * `--to REGNO --out FILE`, the decisions package for one school, or
 * `--all --out DIR`, one file per school with something new.
 */
import { resolve } from 'node:path';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { STATE_RECORD_TYPES } from '../../../src-shared/domain/state-report';
import { AppError } from '../../../src-shared/ipc/result';
import type { AppInstance } from '../../app/create-app';
import { expectedRecipient } from '../../services/exchange/enrolment-service';
import { selfOrg } from '../../services/exchange/keys-service';
import { CliUsageError, type CliContext, type CliValues, type CliVerb } from '../cli-verb';

const RECIPIENT_KINDS = ['municipality', 'state'];

export const exportVerb: CliVerb = {
  name: 'export',
  summary: 'cli.export.summary',
  options: {
    to: { type: 'string', valueName: 'state', descriptionKey: 'cli.export.option.to' },
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
    preview: { type: 'boolean', descriptionKey: 'cli.export.option.preview' },
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.export.option.out' },
    all: { type: 'boolean', descriptionKey: 'cli.export.option.all' },
  },

  async run(ctx, values) {
    const period = values.period;
    if (period !== undefined && !semesterIdInputSchema.safeParse(period).success) throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const to = values.to;
    // --all, or --to naming a school (its registration number) rather than a kind of recipient, sends decisions down.
    const toSchool = to !== undefined && /^\d{1,20}$/.test(String(to));
    if (to !== undefined && !toSchool && !RECIPIENT_KINDS.includes(String(to))) throw new CliUsageError('cli.export.badTo', { to: String(to) });
    const decisions = values.all === true || toSchool;
    const preview = values.preview === true;
    if (!preview && typeof values.out !== 'string') throw new CliUsageError('cli.export.outRequired', {});
    const semester = typeof period === 'string' ? { semesterId: period } : {};
    const app = await ctx.openExistingApp();
    try {
      if (decisions) {
        if ((await selfOrg(app.database.db)).kind === 'school') throw new CliUsageError('cli.export.decisionsOnlyAuthority');
        return await exportDecisions(ctx, app, values, resolve(String(values.out)), typeof period === 'string' ? period : undefined);
      }
      const expected = await expectedRecipient(app.database.db);
      if (to !== undefined && expected?.kind !== to) {
        throw new AppError('RULE_VIOLATION', {
          messageKey: 'errors.exchange.wrongDirection',
          details: { params: { expected: expected?.kind ?? '—', found: String(to) } },
        });
      }
      if (preview) {
        const shown = await app.services.exchange.stateReport.preview(ctx.actor, semester);
        if (ctx.json) {
          ctx.out(JSON.stringify({ ok: true, preview: shown }));
          return 0;
        }
        ctx.out(ctx.t('cli.export.previewHead', { semester: shown.semesterId, recipient: shown.recipient.name }));
        for (const school of shown.schools) ctx.out(ctx.t('cli.export.previewSchool', { name: school.name, id: school.id, ...school.counts }));
        ctx.out(ctx.t('cli.export.previewTotal', { ...shown.total }));
        for (const type of STATE_RECORD_TYPES) ctx.out(ctx.t('cli.export.previewFields', { type, fields: (shown.fields[type] ?? []).join(', ') }));
        ctx.out(ctx.t('cli.export.previewNothingWritten'));
        return 0;
      }
      const path = resolve(String(values.out));
      const result = await app.services.exchange.exporter.export(ctx.actor, { path, ...semester });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, ...result }));
        return 0;
      }
      ctx.out(ctx.t('cli.export.done', { path: result.path, recipient: result.recipient.name, semester: result.semesterId, seq: result.seq }));
      const counts = result.counts;
      if (result.recipient.kind === 'state') {
        ctx.out(
          ctx.t('cli.export.stateCounts', {
            schools: counts.school ?? 0,
            students: counts.student ?? 0,
            plans: counts.plan ?? 0,
            measures: counts.measure ?? 0,
          }),
        );
      } else {
        ctx.out(
          ctx.t('cli.export.counts', {
            students: counts.student ?? 0,
            plans: counts.plan ?? 0,
            measures: counts.measure ?? 0,
            deliveries: counts.delivery ?? 0,
          }),
        );
      }
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
    values.all === true
      ? await authority.exportAll(ctx.actor, { dir: out, ...period })
      : [await authority.exportFor(ctx.actor, { schoolId: String(values.to), path: out, ...period })];
  if (ctx.json) {
    ctx.out(JSON.stringify({ ok: true, packages: results }));
    return 0;
  }
  for (const r of results)
    ctx.out(
      ctx.t('cli.export.decisionsDone', {
        path: r.path,
        school: r.schoolId,
        semester: r.semesterId,
        seq: r.seq,
        decisions: r.counts.decisions ?? 0,
        payments: r.counts.payments ?? 0,
      }),
    );
  if (results.length === 0) ctx.out(ctx.t('cli.export.nothingNew'));
  return 0;
}

/**
 * `pumpurs report [NAME] [--period P] [--by B] [--sender ID] [--school ID]
 * [--format xlsx|csv|json] [--out FILE]`: the statistics tables of this
 * installation, protected as they leave it (small counts hidden, "•").
 * Without NAME it lists the reports. Without --out it prints the tables
 * (or one JSON document with --json / --format json).
 */
import { writeFile } from 'node:fs/promises';
import { semesterIdInputSchema } from '../../../src-shared/domain/exchange';
import { BREAKDOWNS, type Breakdown } from '../../../src-shared/domain/statistics/report';
import { keyFromData } from '../../../src-shared/i18n/index';
import { AppError } from '../../../src-shared/ipc/result';
import { reportTables } from '../../services/statistics/report-tables';
import { HIDDEN, REPORT_NAMES, toCsv, toXlsx, type ReportName } from '../../services/statistics/table-export';
import { CliUsageError, type CliVerb } from '../cli-verb';

const FORMATS = ['xlsx', 'csv', 'json'] as const;

export const reportVerb: CliVerb = {
  name: 'report',
  summary: 'cli.report.summary',
  args: { valueName: 'NAME', min: 0, max: 1 },
  options: {
    period: { type: 'string', valueName: '2025/26-1', descriptionKey: 'cli.export.option.period' },
    by: { type: 'string', valueName: 'BREAKDOWN', descriptionKey: 'cli.report.option.by' },
    sender: { type: 'string', valueName: 'ID', descriptionKey: 'cli.report.option.sender' },
    school: { type: 'string', valueName: 'ID', descriptionKey: 'cli.report.option.school' },
    format: { type: 'string', valueName: 'xlsx|csv|json', descriptionKey: 'cli.report.option.format' },
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.report.option.out' },
  },

  async run(ctx, values, args) {
    const name = args?.[0];
    if (name === undefined) {
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, reports: [...REPORT_NAMES] }));
      else for (const r of REPORT_NAMES) ctx.out(`${r}  ${ctx.t(keyFromData(`cli.report.name.${r}`))}`);
      return 0;
    }
    if (!(REPORT_NAMES as readonly string[]).includes(name) && name !== 'all')
      throw new CliUsageError('cli.report.unknown', { name, names: REPORT_NAMES.join(', ') });
    const period = values.period;
    if (period !== undefined && (typeof period !== 'string' || !semesterIdInputSchema.safeParse(period).success))
      throw new CliUsageError('cli.export.badPeriod', { period: String(period) });
    const by = values.by ?? 'none';
    if (typeof by !== 'string' || !(BREAKDOWNS as readonly string[]).includes(by))
      throw new CliUsageError('cli.report.badBreakdown', { by: String(by), breakdowns: BREAKDOWNS.join(', ') });
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = values.format ?? (out?.toLowerCase().endsWith('.csv') ? 'csv' : out ? 'xlsx' : ctx.json ? 'json' : undefined);
    if (format !== undefined && (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)))
      throw new CliUsageError('cli.report.badFormat', { format: String(format) });
    if ((format === 'xlsx' || format === 'csv') && !out) throw new CliUsageError('cli.report.outNeeded');

    const app = await ctx.openExistingApp();
    try {
      const mode = (await app.services.organisation.get())?.mode ?? 'school';
      const semesterId =
        (period as string | undefined) ??
        (mode === 'school' ? await app.services.calendar.currentSemesterId() : ((await app.services.authorityStatistics.semesters(ctx.actor))[0] ?? null));
      if (!semesterId) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.exchange.noCurrentSemester' });
      const lang = ctx.t('statistics.title') === 'Statistics' ? 'en' : 'lv';
      const t = (key: string, params?: Record<string, unknown>) => ctx.t(keyFromData(key), params ?? {});
      const report = await reportTables(
        { mode, school: app.services.statistics, authority: app.services.authorityStatistics },
        ctx.actor,
        {
          name: name as ReportName | 'all',
          semesterId,
          breakdown: by as Breakdown,
          senderId: typeof values.sender === 'string' ? values.sender : undefined,
          schoolId: typeof values.school === 'string' ? values.school : undefined,
        },
        t,
        lang,
      );
      if (out && (format === 'xlsx' || format === 'csv')) {
        const bytes = format === 'xlsx' ? await toXlsx(report.tables, report.note) : Buffer.from(toCsv(report.tables, report.note), 'utf8');
        try {
          await writeFile(out, bytes, { mode: 0o600 });
        } catch (cause) {
          throw new AppError('IO_ERROR', { cause });
        }
        if (ctx.json) ctx.out(JSON.stringify({ ok: true, path: out, semesterId, tables: report.tables.map((x) => x.name) }));
        else ctx.out(ctx.t('cli.report.saved', { path: out }));
        return 0;
      }
      if (format === 'json' || ctx.json) {
        const json = JSON.stringify({ ok: true, semesterId, threshold: report.threshold, tables: report.tables });
        if (out) await writeFile(out, json, { mode: 0o600 });
        else ctx.out(json);
        return 0;
      }
      for (const table of report.tables) {
        ctx.out(`# ${table.title}`);
        ctx.out(table.headers.join(' | '));
        for (const row of table.rows) ctx.out(row.map((v) => (v === null ? HIDDEN : String(v))).join(' | '));
        ctx.out('');
      }
      ctx.out(report.note);
      return 0;
    } finally {
      await app.close();
    }
  },
};

/**
 * `pumpurs students list`: the register as a table, or as JSON rows with
 * --json. Every listing is recorded in the audit log as an export.
 */
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { PLAN_STATUS_CODES, STUDENT_STATUSES, type StudentListFilter, type StudentRow } from '../../../src-shared/domain/student';
import { CliUsageError, type CliContext, type CliValues, type CliVerb } from '../cli-verb';

function toFilter(values: CliValues): StudentListFilter {
  const filter: Record<string, unknown> = {};
  if (typeof values.query === 'string') filter.query = values.query;
  if (typeof values.class === 'string') filter.classLabel = values.class;
  if (typeof values.status === 'string') filter.status = values.status;
  if (typeof values['risk-group'] === 'string') filter.riskGroup = values['risk-group'];
  if (typeof values['plan-status'] === 'string') filter.planStatus = values['plan-status'];
  if (typeof values.grade === 'string') {
    const grade = Number(values.grade);
    if (!Number.isInteger(grade)) throw new CliUsageError('cli.error.notANumber', { option: 'grade' });
    filter.grade = grade;
  }
  return filter as StudentListFilter;
}

function table(ctx: CliContext, rows: StudentRow[]): string[] {
  const header = [
    ctx.t('cli.students.column.name'),
    ctx.t('cli.students.column.personalCode'),
    ctx.t('cli.students.column.class'),
    ctx.t('cli.students.column.status'),
    ctx.t('cli.students.column.plan'),
    ctx.t('cli.students.column.risks'),
  ];
  const lines = rows.map((r) => [
    `${r.lastName} ${r.firstName}`,
    r.personalCode,
    r.classLabel ? `${r.grade}.${r.classLabel}` : String(r.grade),
    ctx.t(`studentStatus.${r.status}`),
    r.planStatus ? ctx.t(`planStatus.${r.planStatus}`) : '—',
    r.riskGroups.map((g) => ctx.t(`riskGroup.short.${g}`)).join(', ') || '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), ...lines.map(format)];
}

export const studentsListVerb: CliVerb = {
  name: 'students list',
  summary: 'cli.students.list.summary',
  options: {
    query: { type: 'string', valueName: 'TEXT', descriptionKey: 'cli.students.option.query' },
    grade: { type: 'string', valueName: '1-12', descriptionKey: 'cli.students.option.grade' },
    class: { type: 'string', valueName: 'LABEL', descriptionKey: 'cli.students.option.class' },
    status: { type: 'string', valueName: STUDENT_STATUSES.join('|'), descriptionKey: 'cli.students.option.status' },
    'risk-group': { type: 'string', valueName: RISK_GROUPS.join('|'), descriptionKey: 'cli.students.option.riskGroup' },
    'plan-status': { type: 'string', valueName: [...PLAN_STATUS_CODES, 'none'].join('|'), descriptionKey: 'cli.students.option.planStatus' },
  },

  async run(ctx, values) {
    const filter = toFilter(values);
    const app = await ctx.openExistingApp();
    try {
      const { semesterId, rows } = await app.services.students.exportList(ctx.actor, filter, 'cli');
      if (ctx.json) {
        ctx.out(JSON.stringify({ semesterId, rows }));
        return 0;
      }
      if (rows.length > 0) for (const line of table(ctx, rows)) ctx.out(line);
      ctx.out(ctx.t('cli.students.count', { count: rows.length, semester: semesterId ?? '—' }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

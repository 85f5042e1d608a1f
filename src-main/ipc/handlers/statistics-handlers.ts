/** The statistics screen: the school's own figures, the municipality's and the state's (protected), and their exports. */
import { writeFile } from 'node:fs/promises';
import { createI18n, keyFromData } from '../../../src-shared/i18n/index';
import type { statisticsChannels } from '../../../src-shared/ipc/contract/statistics';
import { AppError } from '../../../src-shared/ipc/result';
import type { Actor } from '../../../src-shared/domain/roles';
import type { Breakdown } from '../../../src-shared/domain/statistics/report';
import { flattenIndicators, programmeIndicators } from '../../services/statistics/programme-indicators';
import { reportTables } from '../../services/statistics/report-tables';
import { toCsv, toXlsx } from '../../services/statistics/table-export';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function statisticsHandlers({ ports, services, db }: HandlerDeps): Pick<Handlers, keyof typeof statisticsChannels> {
  const { statistics, authorityStatistics } = services;
  const save = async (
    actor: Actor,
    mode: 'school' | 'municipality' | 'state',
    input: {
      semesterId: string;
      breakdown: Breakdown;
      format: 'xlsx' | 'csv';
      language: 'lv' | 'en';
      senderId?: string | undefined;
      schoolId?: string | undefined;
    },
  ) => {
    const i18n = await createI18n(input.language);
    const t = (key: string, params?: Record<string, unknown>) => i18n.t(keyFromData(key), params);
    // Build first: a refused request never opens a dialog.
    const report = await reportTables({ mode, school: statistics, authority: authorityStatistics }, actor, { name: 'all', ...input }, t, input.language);
    const file = await ports.dialogs.chooseSaveFile({
      titleKey: 'statistics.export.dialog',
      defaultName: `statistika-${input.semesterId.replace('/', '-')}.${input.format}`,
      filters: [{ nameKey: input.format === 'xlsx' ? 'statistics.export.filter.xlsx' : 'statistics.export.filter.csv', extensions: [input.format] }],
    });
    if (!file) return { saved: false, path: null };
    const bytes = input.format === 'xlsx' ? await toXlsx(report.tables, report.note) : Buffer.from(toCsv(report.tables, report.note), 'utf8');
    try {
      await writeFile(file, bytes, { mode: 0o600 });
    } catch (cause) {
      throw new AppError('IO_ERROR', { cause });
    }
    return { saved: true, path: file };
  };
  const modeOf = async () => ((await services.organisation.get())?.mode === 'state' ? 'state' : 'municipality') as 'municipality' | 'state';
  return {
    'stats:overview': async (input, ctx) => statistics.overview(ctx.actor, input),
    'stats:effectiveness': async (input, ctx) => statistics.effectiveness(ctx.actor, input),
    'stats:export': async (input, ctx) => save(ctx.actor, 'school', input),
    'stats:authorityOverview': async (input, ctx) => authorityStatistics.overview(ctx.actor, input),
    'stats:authorityEffectiveness': async (input, ctx) => authorityStatistics.effectiveness(ctx.actor, input),
    'stats:trends': async (input, ctx) => authorityStatistics.trends(ctx.actor, input),
    'stats:semesters': async (_input, ctx) => authorityStatistics.semesters(ctx.actor),
    'stats:authorityExport': async (input, ctx) => save(ctx.actor, await modeOf(), input),
    'stats:indicators': async (input, ctx) => programmeIndicators(db, authorityStatistics, ctx.actor, input),
    'stats:indicatorsExport': async (input, ctx) => {
      const i18n = await createI18n(input.language);
      const t = (key: string, params?: Record<string, unknown>) => i18n.t(keyFromData(key), params);
      // Build first: a refused request never opens a dialog.
      const indicators = await programmeIndicators(db, authorityStatistics, ctx.actor, input);
      const file = await ports.dialogs.chooseSaveFile({
        titleKey: 'statistics.export.dialog',
        defaultName: 'programmas-raditaji.xlsx',
        filters: [{ nameKey: 'statistics.export.filter.xlsx', extensions: ['xlsx'] }],
      });
      if (!file) return { saved: false, path: null };
      const bytes = await toXlsx(flattenIndicators(indicators, t), t('statistics.note', { threshold: indicators.threshold }));
      try {
        await writeFile(file, bytes, { mode: 0o600 });
      } catch (cause) {
        throw new AppError('IO_ERROR', { cause });
      }
      return { saved: true, path: file };
    },
    'stats:threshold': async () => services.settings.explain('statistics.threshold'),
    'stats:setThreshold': async (input, ctx) => {
      await services.settings.set(ctx.actor, 'statistics.threshold', input.value);
      return services.settings.explain('statistics.threshold');
    },
  };
}

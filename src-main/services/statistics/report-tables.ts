/**
 * One place that turns the statistics of any mode into the flat tables that
 * leave the installation (screen export, `pumpurs report`): the school's
 * figures are protected here (its screen shows them exact), the
 * authorities' come protected from their service.
 */
import type { Actor } from '../../../src-shared/domain/roles';
import type { Breakdown } from '../../../src-shared/domain/statistics/report';
import { suppressOverview } from '../../../src-shared/domain/statistics/suppress-report';
import type { AuthorityStatisticsService } from './authority-statistics';
import type { SchoolStatisticsService } from './school-statistics';
import { flattenEffectiveness, flattenOverview, flattenTrends, type FlatTable, type ReportName, type Translate } from './table-export';

export interface ReportInput {
  name: ReportName | 'all';
  semesterId: string;
  breakdown: Breakdown;
  senderId?: string | undefined;
  schoolId?: string | undefined;
}

export async function reportTables(
  deps: { mode: 'school' | 'municipality' | 'state'; school: SchoolStatisticsService; authority: AuthorityStatisticsService },
  actor: Actor,
  input: ReportInput,
  t: Translate,
  lang: 'lv' | 'en',
): Promise<{ tables: FlatTable[]; note: string; threshold: number }> {
  const authority = deps.mode !== 'school';
  const scope = { senderId: input.senderId, schoolId: input.schoolId };
  // One setting for every mode (threshold.ts); the school's exports use it too.
  const threshold = await deps.authority.threshold();
  const want = (n: ReportName) => input.name === 'all' || input.name === n;
  const tables: FlatTable[] = [];
  if (want('overview') || want('measures') || want('units')) {
    const overview = authority
      ? await deps.authority.overview(actor, { semesterId: input.semesterId, breakdown: input.breakdown, ...scope })
      : suppressOverview(await deps.school.overview(actor, { semesterId: input.semesterId, breakdown: input.breakdown }), threshold);
    for (const table of flattenOverview(overview, t, lang)) {
      const kind: ReportName = table.name === 'measures' ? 'measures' : table.name === 'units' ? 'units' : 'overview';
      if (want(kind)) tables.push(table);
    }
  }
  if (want('trends') && authority) tables.push(flattenTrends(await deps.authority.trends(actor, scope), t));
  if (want('effectiveness')) {
    const e = authority
      ? await deps.authority.effectiveness(actor, { semesterIds: [], ...scope })
      : await deps.school.effectiveness(actor, { semesterIds: [] });
    // The school's n under the threshold leave as hidden too.
    const few = (n: number | null) => (n !== null && n > 0 && n < threshold ? null : n);
    tables.push(
      flattenEffectiveness(
        {
          ...e,
          kinds: e.kinds.map((k) => ({
            ...k,
            risksLessened:
              k.risksLessened.kind === 'notEnoughData'
                ? { ...k.risksLessened, exposed: few(k.risksLessened.exposed), comparison: few(k.risksLessened.comparison) }
                : k.risksLessened,
            stillInEducation:
              k.stillInEducation.kind === 'notEnoughData'
                ? { ...k.stillInEducation, exposed: few(k.stillInEducation.exposed), comparison: few(k.stillInEducation.comparison) }
                : k.stillInEducation,
          })),
        },
        t,
        lang,
      ),
    );
  }
  return { tables, note: t('statistics.note', { threshold }), threshold };
}

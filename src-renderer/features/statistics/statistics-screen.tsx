/**
 * The school's statistics for a semester: count tables broken down by one
 * dimension (kept in the address, so coming back restores the view),
 * measures planned against delivered, and the effect estimates per measure
 * kind worded as associations. Every figure is a text table; the measures
 * also have a chart (loaded lazily, lazy-charts.tsx) beside their table.
 */
import { useTranslation } from 'react-i18next';
import { BREAKDOWNS, type Breakdown, type StatEffectiveness, type StatOverview } from '../../../src-shared/domain/statistics/report';
import { formatHours, formatMoney } from '../../../src-shared/domain/format';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../routes';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useLocalLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { hrefFor, navigate } from '../../ui/router';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { LazyMeasuresChart } from './lazy-charts';
import { StatTable, useCell } from './stat-table';
import './statistics.css';

const ROW_KEY_PREFIX: Record<StatOverview['tables'][number]['id'], string | null> = {
  students: 'statistics.row.',
  riskGroups: 'riskGroup.',
  riskFactors: null,
  plansByStatus: 'planStatus.',
  outcomes: 'studentOutcome.',
};

function isBreakdown(v: string | null): v is Breakdown {
  return (BREAKDOWNS as readonly string[]).includes(v ?? '');
}

export default function StatisticsScreen({ query }: RouteProps) {
  const { t } = useTranslation();
  const by = query.get('by');
  const breakdown: Breakdown = isBreakdown(by) ? by : 'none';
  const choice = useSemesterChoice(query.get('semester'));
  const overview = useLoad('stats:overview', { semesterId: choice.semesterId ?? '', breakdown }, { enabled: choice.semesterId !== null });
  const effect = useLoad('stats:effectiveness', { semesterIds: [] });
  const exporting = useSubmit();
  const go = (next: { semester?: string; by?: Breakdown }) =>
    navigate(
      hrefFor(paths.statistics(), { semester: next.semester ?? choice.semesterId, by: (next.by ?? breakdown) === 'none' ? null : (next.by ?? breakdown) }),
      { replace: true },
    );

  return (
    <Page title={t('statistics.title')}>
      <p className="muted">{t('statistics.intro')}</p>
      <div className="statistics-controls">
        <SemesterPicker choice={choice} onChange={(semester) => go({ semester })} />
        <Field label={t('statistics.breakdown')}>
          <select value={breakdown} onChange={(e) => go({ by: e.target.value as Breakdown })}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`statistics.breakdown.${b}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {choice.semesterId ? (
        <ExportButtons
          onExport={(format, language) => exporting.submit('stats:export', { semesterId: choice.semesterId ?? '', breakdown, format, language })}
        />
      ) : null}
      {overview.error ? <ErrorBanner error={overview.error} /> : null}
      {overview.data ? <Overview data={overview.data} charts /> : null}
      {effect.error ? <ErrorBanner error={effect.error} /> : null}
      {effect.data ? <Effects data={effect.data} /> : null}
    </Page>
  );
}

export function useColumnLabel(breakdown: Breakdown) {
  const { t } = useTranslation();
  return (col: string) => {
    if (breakdown === 'none') return t('statistics.column.all');
    // Column keys come from main (src-shared/domain/statistics/report.ts); dynamic-keys.ts lists their families.
    if (breakdown === 'gradeBand') return t(keyFromData(`statistics.gradeBand.${col}`));
    if (breakdown === 'gender') return t(keyFromData(`gender.${col}`));
    return t(keyFromData(`educationLevel.${col}`));
  };
}

export function Overview({ data, charts }: { data: StatOverview; charts?: boolean }) {
  const { t } = useTranslation();
  const cell = useCell();
  const columnLabel = useColumnLabel(data.breakdown);
  const localLabel = useLocalLabel();
  const withTotal = data.columns.length > 1;
  const withMoney = data.threshold != null;
  const amount = (m: StatOverview['measures'][number], minutes: number | null, cents: number | null, participations: number | null) =>
    minutes === null || cents === null
      ? cell(null)
      : m.category === 'consultation'
        ? t('statistics.measures.hours', { hours: formatHours(minutes) })
        : m.category === 'compensation'
          ? formatMoney(cents)
          : participations === null
            ? '—'
            : t('statistics.measures.participations', { count: participations });
  const money = (m: StatOverview['measures'][number], cents: number | null | undefined) =>
    m.category === 'compensation' ? (cents == null ? cell(null) : formatMoney(cents)) : '';
  return (
    <>
      {data.tables.map((table) => {
        const prefix = ROW_KEY_PREFIX[table.id];
        return (
          <StatTable
            key={table.id}
            id={`stat-${table.id}`}
            title={t(`statistics.table.${table.id}`)}
            columns={[
              ...data.columns.map((c) => ({ key: c, label: columnLabel(c) })),
              ...(withTotal ? [{ key: 'total', label: t('statistics.column.total') }] : []),
            ]}
            rows={table.rows.map((row) => ({
              key: row.key,
              label: prefix ? t(keyFromData(`${prefix}${row.key}`)) : localLabel({ labelLv: row.labelLv ?? row.key, labelEn: row.labelEn ?? row.key }),
              cells: [...row.values.map((v) => cell(v)), ...(withTotal ? [cell(row.total)] : [])],
            }))}
          />
        );
      })}
      <StatTable
        id="stat-measures"
        title={t('statistics.measures.title')}
        firstColumn={t('statistics.measures.kind')}
        before={charts ? <LazyMeasuresChart measures={data.measures} /> : null}
        columns={[
          { key: 'plans', label: t('statistics.measures.plans') },
          { key: 'measures', label: t('statistics.measures.measures') },
          { key: 'planned', label: t('statistics.measures.planned') },
          { key: 'delivered', label: t('statistics.measures.delivered') },
          ...(withMoney
            ? [
                { key: 'approved', label: t('statistics.measures.approved') },
                { key: 'paid', label: t('statistics.measures.paid') },
              ]
            : []),
        ]}
        rows={data.measures.map((m) => ({
          key: m.kindCode,
          label: localLabel(m),
          cells: [
            cell(m.plans),
            cell(m.measures),
            amount(m, m.plannedMinutes, m.plannedCents, null),
            amount(m, m.deliveredMinutes, m.deliveredCents, m.participations),
            ...(withMoney ? [money(m, m.approvedCents), money(m, m.paidCents)] : []),
          ],
        }))}
      />
    </>
  );
}

export function Effects({ data }: { data: StatEffectiveness }) {
  const { t, i18n } = useTranslation();
  const localLabel = useLocalLabel();
  const locale = i18n.language === 'en' ? 'en-GB' : 'lv-LV';
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const describe = (e: StatEffectiveness['kinds'][number]['risksLessened']) =>
    e.kind === 'notEnoughData'
      ? t('statistics.effect.notEnough', {
          exposed: e.exposed ?? t('statistics.effect.fewer', { threshold: data.threshold }),
          comparison: e.comparison ?? t('statistics.effect.fewer', { threshold: data.threshold }),
        })
      : t('statistics.effect.sentence', {
          exposedShare: pct.format(e.exposedShare),
          comparisonShare: pct.format(e.comparisonShare),
          difference: points.format(e.difference * 100),
          lower: points.format(e.lower * 100),
          upper: points.format(e.upper * 100),
          exposed: e.exposed,
          comparison: e.comparison,
        });
  return (
    <section className="card" aria-labelledby="stat-effect">
      <h2 id="stat-effect">{t('statistics.effect.title')}</h2>
      <p className="muted">{t('statistics.effect.explain', { threshold: data.threshold })}</p>
      {data.kinds.length === 0 ? (
        <p>{t('statistics.table.empty')}</p>
      ) : (
        <div className="stat-scroll">
          <DataTable
            plain
            className="table"
            labelledBy="stat-effect"
            caption={t('statistics.effect.allSemesters')}
            rows={data.kinds}
            rowKey={(k) => k.kindCode}
            columns={[
              { key: 'kind', label: t('statistics.effect.kind'), rowHeader: true, cell: (k) => localLabel(k) },
              { key: 'risks', label: t('statistics.effect.risks'), cell: (k) => describe(k.risksLessened) },
              { key: 'stay', label: t('statistics.effect.stay'), cell: (k) => describe(k.stillInEducation) },
            ]}
          />
        </div>
      )}
    </section>
  );
}

/** XLSX and CSV of the tables as shown, protected, saved where the user chooses. */
export function ExportButtons({
  onExport,
}: {
  onExport: (format: 'xlsx' | 'csv', language: 'lv' | 'en') => Promise<{ saved: boolean; path: string | null } | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const language = i18n.language === 'en' ? 'en' : 'lv';
  const run = async (format: 'xlsx' | 'csv') => {
    const result = await onExport(format, language);
    if (result?.saved) toast.success(t('statistics.export.saved', { path: result.path ?? '' }));
  };
  return (
    <div className="statistics-export">
      <button type="button" className="button" onClick={() => void run('xlsx')}>
        {t('statistics.export.xlsx')}
      </button>
      <button type="button" className="button" onClick={() => void run('csv')}>
        {t('statistics.export.csv')}
      </button>
    </div>
  );
}

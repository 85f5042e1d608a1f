/**
 * The statistics of a municipality (its schools) and of the state (its
 * municipalities and state vocational schools), from their imported data:
 * the same tables, breakdowns and effect estimates as the school's screen,
 * every count protected in main (small cells hidden as "•"). Semester,
 * breakdown and scope live in the address; the table by school or
 * municipality drills down one level (state → municipality → school;
 * municipality → school, with a link to that school's plans).
 */
import { useTranslation } from 'react-i18next';
import { BREAKDOWNS, TREND_METRICS, UNIT_METRICS, type Breakdown, type StatOverview, type StatTrends } from '../../../src-shared/domain/statistics/report';
import { formatMoney } from '../../../src-shared/domain/format';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../routes';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Page } from '../../ui/page';
import { hrefFor, Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad, useSubmit } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { LazyTrendChart } from './lazy-charts';
import { Effects, ExportButtons, Overview } from './statistics-screen';
import { hoursText, StatTable, useCell } from './stat-table';
import './statistics.css';

function isBreakdown(v: string | null): v is Breakdown {
  return (BREAKDOWNS as readonly string[]).includes(v ?? '');
}

export default function AuthorityStatisticsScreen({ query }: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const mode = session.organisation.mode === 'state' ? 'state' : 'municipality';
  const by = query.get('by');
  const breakdown: Breakdown = isBreakdown(by) ? by : 'none';
  const sender = query.get('sender');
  const school = query.get('school');
  const choice = useSemesterChoice(query.get('semester'));
  const scope = { ...(sender ? { senderId: sender } : {}), ...(school ? { schoolId: school } : {}) };
  const overview = useLoad('stats:authorityOverview', { semesterId: choice.semesterId ?? '', breakdown, ...scope }, { enabled: choice.semesterId !== null });
  const effect = useLoad('stats:authorityEffectiveness', { semesterIds: [], ...scope });
  const trends = useLoad('stats:trends', scope);
  const exporting = useSubmit();
  const href = (next: { semester?: string | null; by?: Breakdown; sender?: string | null; school?: string | null }) => {
    const b = next.by ?? breakdown;
    return hrefFor(paths.authorityStatistics(), {
      semester: next.semester === undefined ? choice.semesterId : next.semester,
      by: b === 'none' ? null : b,
      sender: next.sender === undefined ? sender : next.sender,
      school: next.school === undefined ? school : next.school,
    });
  };
  const threshold = overview.data?.threshold ?? 5;

  return (
    <Page title={t('statistics.title')}>
      <p className="muted">{t(mode === 'state' ? 'statistics.intro.state' : 'statistics.intro.municipality', { max: threshold - 1 })}</p>
      <div className="statistics-controls">
        <SemesterPicker choice={choice} onChange={(semester) => navigate(href({ semester }), { replace: true })} />
        <Field label={t('statistics.breakdown')}>
          <select value={breakdown} onChange={(e) => navigate(href({ by: e.target.value as Breakdown }), { replace: true })}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`statistics.breakdown.${b}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {sender || school ? (
        <p className="stat-scope" data-testid="stat-scope">
          <strong>{t('statistics.scope.showing', { name: overview.data?.scope?.name ?? school ?? sender ?? '' })}</strong>
          <a href={`#${href({ sender: null, school: null })}`}>{t('statistics.scope.back')}</a>
          {school && mode === 'state' && sender ? <a href={`#${href({ school: null })}`}>{t('statistics.scope.up')}</a> : null}
        </p>
      ) : (
        <p className="stat-scope">
          <strong>{t('statistics.scope.all')}</strong>
        </p>
      )}
      <p>
        <Link to={paths.indicators()}>{t('indicators.link')}</Link>
      </p>
      {choice.semesterId ? (
        <ExportButtons
          onExport={(format, language) =>
            exporting.submit('stats:authorityExport', { semesterId: choice.semesterId ?? '', breakdown, format, language, ...scope })
          }
        />
      ) : null}
      {overview.error ? <ErrorBanner error={overview.error} /> : null}
      {overview.data?.units ? <Units data={overview.data} mode={mode} href={href} /> : null}
      {overview.data ? <Overview data={overview.data} charts /> : null}
      {overview.data ? <p className="muted">{t('statistics.note', { threshold })}</p> : null}
      {trends.error ? <ErrorBanner error={trends.error} /> : null}
      {trends.data ? <Trends data={trends.data} /> : null}
      {effect.error ? <ErrorBanner error={effect.error} /> : null}
      {effect.data ? <Effects data={effect.data} /> : null}
    </Page>
  );
}

function Units({
  data,
  mode,
  href,
}: {
  data: StatOverview;
  mode: 'municipality' | 'state';
  href: (next: { sender?: string | null; school?: string | null }) => string;
}) {
  const { t } = useTranslation();
  const cell = useCell();
  const units = data.units;
  if (!units) return null;
  const title = t(units.level === 'school' ? 'statistics.units.school' : 'statistics.units.municipality');
  // At the state, the top table lists senders; one sender's table lists its schools. At the municipality, schools are senders.
  const link = (id: string) => (units.level === 'municipality' || mode === 'municipality' ? href({ sender: id, school: null }) : href({ school: id }));
  const plansColumn = mode === 'municipality';
  return (
    <StatTable
      id="stat-units"
      testId="stat-units"
      title={title}
      firstColumn={t('statistics.units.name')}
      columns={[
        ...UNIT_METRICS.map((m) => ({ key: m, label: t(keyFromData(`statistics.unit.${m}`)) })),
        ...(plansColumn ? [{ key: 'plans-link', label: t('statistics.units.plansLink'), numeric: false }] : []),
      ]}
      rows={[
        ...units.rows.map((r) => ({
          key: r.id,
          label: <a href={`#${link(r.id)}`}>{r.name}</a>,
          cells: [
            ...r.values.map((v) => cell(v)),
            ...(plansColumn
              ? [
                  <a key="plans" href={`#${paths.school(r.id, data.semesterId)}`} aria-label={`${t('statistics.units.plansLink')}: ${r.name}`}>
                    {t('statistics.units.plansLink')}
                  </a>,
                ]
              : []),
          ],
        })),
        { key: 'total', label: t('statistics.units.total'), cells: [...units.totals.map((v) => cell(v)), ...(plansColumn ? [null] : [])] },
      ]}
    />
  );
}

/** The count metrics drawn as lines (the table below has every metric). */
const CHARTED: readonly (typeof TREND_METRICS)[number][] = ['screened', 'atRisk', 'plans'];

function Trends({ data }: { data: StatTrends }) {
  const { t } = useTranslation();
  const cell = useCell();
  const money = TREND_METRICS.indexOf('deliveredCents');
  const hoursAt = TREND_METRICS.indexOf('deliveredHours');
  // Oldest first, as a line over time reads.
  const rows = [...data.rows].sort((a, b) => a.semesterId.localeCompare(b.semesterId));
  const chart = (
    <LazyTrendChart
      semesters={rows.map((r) => r.semesterId)}
      series={CHARTED.map((m) => ({
        key: m,
        label: t(keyFromData(`statistics.trend.${m}`)),
        values: rows.map((r) => r.values[TREND_METRICS.indexOf(m)] ?? null),
      }))}
    />
  );
  return (
    <StatTable
      id="stat-trends"
      title={t('statistics.trends.title')}
      firstColumn={t('statistics.trends.semester')}
      before={chart}
      columns={TREND_METRICS.map((m) => ({ key: m, label: t(keyFromData(`statistics.trend.${m}`)) }))}
      rows={data.rows.map((r) => ({
        key: r.semesterId,
        label: r.semesterId,
        cells: r.values.map((v, i) => (v === null ? cell(null) : i === money ? formatMoney(v) : i === hoursAt ? hoursText(v) : cell(v))),
      }))}
    />
  );
}

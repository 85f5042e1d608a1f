/**
 * The school's statistics for a semester: count tables broken down by one
 * dimension (kept in the address, so coming back restores the view),
 * measures planned against delivered, and the effect estimates per measure
 * kind worded as associations. Every figure is a text table (no chart yet).
 */
import { useTranslation } from 'react-i18next';
import { BREAKDOWNS, type Breakdown, type StatEffectiveness, type StatOverview } from '../../../src-shared/domain/statistics/report';
import { formatMoney } from '../../../src-shared/domain/format';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../routes';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useLocalLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { hrefFor, navigate } from '../../ui/router';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../exchange/semester-picker';
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
  const go = (next: { semester?: string; by?: Breakdown }) =>
    navigate(hrefFor(paths.statistics(), { semester: next.semester ?? choice.semesterId, by: (next.by ?? breakdown) === 'none' ? null : (next.by ?? breakdown) }), { replace: true });

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
      {overview.error ? <ErrorBanner error={overview.error} /> : null}
      {overview.data ? <Overview data={overview.data} /> : null}
      {effect.error ? <ErrorBanner error={effect.error} /> : null}
      {effect.data ? <Effects data={effect.data} /> : null}
    </Page>
  );
}

function useColumnLabel(breakdown: Breakdown) {
  const { t } = useTranslation();
  return (col: string) => {
    if (breakdown === 'none') return t('statistics.column.all');
    // Column keys come from main (src-shared/domain/statistics/report.ts); dynamic-keys.ts lists their families.
    if (breakdown === 'gradeBand') return t(keyFromData(`statistics.gradeBand.${col}`));
    if (breakdown === 'gender') return t(keyFromData(`gender.${col}`));
    return t(keyFromData(`educationLevel.${col}`));
  };
}

function Overview({ data }: { data: StatOverview }) {
  const { t, i18n } = useTranslation();
  const columnLabel = useColumnLabel(data.breakdown);
  const localLabel = useLocalLabel();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'lv-LV');
  const hours = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'lv-LV', { maximumFractionDigits: 1 });
  const withTotal = data.columns.length > 1;
  return (
    <>
      {data.tables.map((table) => {
        const prefix = ROW_KEY_PREFIX[table.id];
        const headingId = `stat-${table.id}`;
        return (
          <section key={table.id} className="card" aria-labelledby={headingId}>
            <h2 id={headingId}>{t(`statistics.table.${table.id}`)}</h2>
            {table.rows.length === 0 ? (
              <p>{t('statistics.table.empty')}</p>
            ) : (
              <div className="stat-scroll">
                <table className="table stat-table" aria-labelledby={headingId}>
                  <thead>
                    <tr>
                      <th scope="col">{t(`statistics.table.${table.id}`)}</th>
                      {data.columns.map((c) => (
                        <th key={c} scope="col" className="num">
                          {columnLabel(c)}
                        </th>
                      ))}
                      {withTotal ? (
                        <th scope="col" className="num">
                          {t('statistics.column.total')}
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row) => (
                      <tr key={row.key}>
                        <th scope="row">{prefix ? t(keyFromData(`${prefix}${row.key}`)) : localLabel({ labelLv: row.labelLv ?? row.key, labelEn: row.labelEn ?? row.key })}</th>
                        {row.values.map((v, i) => (
                          <td key={data.columns[i]} className="num">
                            {number.format(v)}
                          </td>
                        ))}
                        {withTotal ? <td className="num">{number.format(row.total)}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      <section className="card" aria-labelledby="stat-measures">
        <h2 id="stat-measures">{t('statistics.measures.title')}</h2>
        {data.measures.length === 0 ? (
          <p>{t('statistics.table.empty')}</p>
        ) : (
          <div className="stat-scroll">
            <table className="table stat-table" aria-labelledby="stat-measures">
              <thead>
                <tr>
                  <th scope="col">{t('statistics.measures.kind')}</th>
                  <th scope="col" className="num">{t('statistics.measures.plans')}</th>
                  <th scope="col" className="num">{t('statistics.measures.measures')}</th>
                  <th scope="col" className="num">{t('statistics.measures.planned')}</th>
                  <th scope="col" className="num">{t('statistics.measures.delivered')}</th>
                </tr>
              </thead>
              <tbody>
                {data.measures.map((m) => {
                  const amount = (minutes: number, cents: number, participations: number | null) =>
                    m.category === 'consultation'
                      ? t('statistics.measures.hours', { hours: hours.format(minutes / 60) })
                      : m.category === 'compensation'
                        ? formatMoney(cents)
                        : participations === null
                          ? '—'
                          : t('statistics.measures.participations', { count: participations });
                  return (
                    <tr key={m.kindCode}>
                      <th scope="row">{localLabel(m)}</th>
                      <td className="num">{number.format(m.plans)}</td>
                      <td className="num">{number.format(m.measures)}</td>
                      <td className="num">{amount(m.plannedMinutes, m.plannedCents, null)}</td>
                      <td className="num">{amount(m.deliveredMinutes, m.deliveredCents, m.participations)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Effects({ data }: { data: StatEffectiveness }) {
  const { t, i18n } = useTranslation();
  const localLabel = useLocalLabel();
  const locale = i18n.language === 'en' ? 'en-GB' : 'lv-LV';
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const describe = (e: StatEffectiveness['kinds'][number]['risksLessened']) =>
    e.kind === 'notEnoughData'
      ? t('statistics.effect.notEnough', { exposed: e.exposed, comparison: e.comparison })
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
          <table className="table" aria-labelledby="stat-effect">
            <caption className="visually-hidden">{t('statistics.effect.allSemesters')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statistics.effect.kind')}</th>
                <th scope="col">{t('statistics.effect.risks')}</th>
                <th scope="col">{t('statistics.effect.stay')}</th>
              </tr>
            </thead>
            <tbody>
              {data.kinds.map((k) => (
                <tr key={k.kindCode}>
                  <th scope="row">{localLabel(k)}</th>
                  <td>{describe(k.risksLessened)}</td>
                  <td>{describe(k.stillInEducation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * First counts from the imported data, per school and measure kind, for a
 * semester: plans with the measure, measures, deliveries, hours ("1 091,8")
 * and money ("12,50 €"). Kinds by group, then name. Withdrawn records are left out by main. A total row per
 * school and one for all schools. Kinds are named as the school named them
 * (its measure-kinds records); our own catalogue, then the code, otherwise.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { MuniCounts } from '../../../src-shared/domain/exchange';
import { formatHours, formatMoney } from '../../../src-shared/domain/format';
import { MEASURE_CATEGORIES } from '../../../src-shared/domain/measure-kinds';
import { paths, type RouteProps } from '../../paths';
import { ErrorBanner } from '../../ui/error-banner';
import { useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { useKindLabel } from '../../ui/plan-labels';
import '../exchange/exchange.css';

type Row = MuniCounts['rows'][number];
type Sums = Pick<Row, 'plans' | 'measures' | 'deliveries' | 'minutes' | 'cents'>;

function sum(rows: readonly Row[]): Sums {
  return rows.reduce<Sums>(
    (acc, r) => ({
      plans: acc.plans + r.plans,
      measures: acc.measures + r.measures,
      deliveries: acc.deliveries + r.deliveries,
      minutes: acc.minutes + r.minutes,
      cents: acc.cents + r.cents,
    }),
    { plans: 0, measures: 0, deliveries: 0, minutes: 0, cents: 0 },
  );
}

export default function CountsScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice();
  const counts = useLoad('muni:counts', choice.semesterId ? { semesterId: choice.semesterId } : {}, { enabled: choice.semesterId !== null });
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const localLabel = useLocalLabel();
  const rows = counts.data?.rows ?? [];
  const bySchool = new Map<string, Row[]>();
  for (const row of rows) bySchool.set(row.schoolId, [...(bySchool.get(row.schoolId) ?? []), row]);
  // Kinds as people look for them: by group (consultations, compensations, projects), then by name; not by internal code.
  const name = (row: Row) => (row.kind ? localLabel(row.kind) : kindLabel(row.kindCode));
  const groupAt = (row: Row) => {
    const at = MEASURE_CATEGORIES.indexOf(row.category as (typeof MEASURE_CATEGORIES)[number]);
    return at < 0 ? MEASURE_CATEGORIES.length : at;
  };
  for (const schoolRows of bySchool.values()) schoolRows.sort((a, b) => groupAt(a) - groupAt(b) || name(a).localeCompare(name(b), 'lv'));

  return (
    <Page title={t('muni.counts.title')} subtitle={semesterLabel(choice.semesterId)}>
      <SemesterPicker choice={choice} />
      <p className="muted">{t('muni.counts.note')}</p>
      {counts.error ? <ErrorBanner error={counts.error} /> : null}
      {counts.loading && !counts.data ? <p role="status">{t('app.loading')}</p> : null}
      {counts.data && rows.length === 0 ? <p className="calm-box">{t('muni.counts.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="table card" data-testid="counts-table">
          <caption className="visually-hidden">{t('muni.counts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('muni.col.school')}</th>
              <th scope="col">{t('muni.counts.kind')}</th>
              <th scope="col">{t('muni.counts.category')}</th>
              <th scope="col" className="num">
                {t('muni.counts.plans')}
              </th>
              <th scope="col" className="num">
                {t('muni.counts.measures')}
              </th>
              <th scope="col" className="num">
                {t('muni.counts.deliveries')}
              </th>
              <th scope="col" className="num">
                {t('muni.counts.hours')}
              </th>
              <th scope="col" className="num">
                {t('muni.counts.money')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...bySchool.entries()].map(([schoolId, schoolRows]) => {
              const total = sum(schoolRows);
              const schoolName = schoolRows[0]?.schoolName ?? schoolId;
              return (
                <Fragment key={schoolId}>
                  {schoolRows.map((row, index) => (
                    <tr key={row.kindCode}>
                      {index === 0 ? (
                        <th scope="rowgroup" rowSpan={schoolRows.length + 1}>
                          <Link to={paths.school(schoolId, counts.data?.semesterId ?? null)}>{schoolName}</Link>
                        </th>
                      ) : null}
                      <td>{name(row)}</td>
                      <td>{row.category ? t(`measureCategory.${row.category}`, { defaultValue: row.category }) : '—'}</td>
                      <td className="num">{row.plans}</td>
                      <td className="num">{row.measures}</td>
                      <td className="num">{row.deliveries}</td>
                      <td className="num">{row.minutes > 0 ? formatHours(row.minutes) : '—'}</td>
                      <td className="num">{row.cents > 0 ? formatMoney(row.cents) : '—'}</td>
                    </tr>
                  ))}
                  <tr className="subtotal">
                    <td colSpan={2}>{t('muni.counts.schoolTotal')}</td>
                    <td className="num">—</td>
                    <td className="num">{total.measures}</td>
                    <td className="num">{total.deliveries}</td>
                    <td className="num">{total.minutes > 0 ? formatHours(total.minutes) : '—'}</td>
                    <td className="num">{total.cents > 0 ? formatMoney(total.cents) : '—'}</td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <Totals label={t('muni.counts.total')} sums={sum(rows)} />
          </tfoot>
        </table>
      ) : null}
    </Page>
  );
}

function Totals({ label, sums }: { label: string; sums: Sums }) {
  return (
    <tr>
      <th scope="row" colSpan={4}>
        {label}
      </th>
      <td className="num">{sums.measures}</td>
      <td className="num">{sums.deliveries}</td>
      <td className="num">{sums.minutes > 0 ? formatHours(sums.minutes) : '—'}</td>
      <td className="num">{sums.cents > 0 ? formatMoney(sums.cents) : '—'}</td>
    </tr>
  );
}

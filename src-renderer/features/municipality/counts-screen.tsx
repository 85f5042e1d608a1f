/**
 * First counts from the imported data, per school and measure kind, for a
 * semester: plans with the measure, measures, deliveries, hours ("1 091,8")
 * and money ("12,50 €"). Kinds by group, then name. Withdrawn records are left out by main. A total row per
 * school and one for all schools. Kinds are named as the school named them
 * (its measure-kinds records); our own catalogue, then the code, otherwise.
 */
import { useTranslation } from 'react-i18next';
import type { MuniCounts } from '../../../src-shared/domain/exchange';
import { formatHours, formatMoney } from '../../../src-shared/domain/format';
import { MEASURE_CATEGORIES } from '../../../src-shared/domain/measure-kinds';
import { paths, type RouteProps } from '../../paths';
import { DataTable, type DataColumn, type DataSummaryCell } from '../../ui/data-table';
import { useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
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
  const columns: DataColumn<Row>[] = [
    { key: 'school', label: t('muni.col.school'), groupLabel: true, cell: () => null },
    { key: 'kind', label: t('muni.counts.kind'), cell: name },
    {
      key: 'category',
      label: t('muni.counts.category'),
      cell: (row) => (row.category ? t(`measureCategory.${row.category}`, { defaultValue: row.category }) : '—'),
    },
    { key: 'plans', label: t('muni.counts.plans'), num: true, cell: (row) => row.plans },
    { key: 'measures', label: t('muni.counts.measures'), num: true, cell: (row) => row.measures },
    { key: 'deliveries', label: t('muni.counts.deliveries'), num: true, cell: (row) => row.deliveries },
    { key: 'hours', label: t('muni.counts.hours'), num: true, cell: (row) => (row.minutes > 0 ? formatHours(row.minutes) : '—') },
    { key: 'money', label: t('muni.counts.money'), num: true, cell: (row) => (row.cents > 0 ? formatMoney(row.cents) : '—') },
  ];

  return (
    <Page title={t('muni.counts.title')} subtitle={semesterLabel(choice.semesterId)}>
      <SemesterPicker choice={choice} />
      <p className="muted">{t('muni.counts.note')}</p>
      <LoadState loaded={counts} isEmpty={(d) => d.rows.length === 0} empty={<p className="calm-box">{t('muni.counts.none')}</p>}>
        {() => (
          <DataTable
            plain
            className="table card"
            testId="counts-table"
            caption={t('muni.counts.title')}
            columns={columns}
            rowKey={(row) => row.kindCode}
            groups={[...bySchool.entries()].map(([schoolId, schoolRows]) => {
              const total = sum(schoolRows);
              return {
                key: schoolId,
                rows: schoolRows,
                label: <Link to={paths.school(schoolId, counts.data?.semesterId ?? null)}>{schoolRows[0]?.schoolName ?? schoolId}</Link>,
                subtotal: {
                  key: `${schoolId}-total`,
                  className: 'subtotal',
                  cells: [{ content: t('muni.counts.schoolTotal'), colSpan: 2 }, { content: '—', num: true }, ...sumCells(total)],
                },
              };
            })}
            footer={[{ key: 'total', cells: [{ content: t('muni.counts.total'), header: true, colSpan: 4 }, ...sumCells(sum(rows))] }]}
          />
        )}
      </LoadState>
    </Page>
  );
}

/** The measures, deliveries, hours and money of a subtotal or total row. */
function sumCells(sums: Sums): DataSummaryCell[] {
  return [
    { content: sums.measures, num: true },
    { content: sums.deliveries, num: true },
    { content: sums.minutes > 0 ? formatHours(sums.minutes) : '—', num: true },
    { content: sums.cents > 0 ? formatMoney(sums.cents) : '—', num: true },
  ];
}

/**
 * The one table of the statistics screens (the school's and the
 * authorities'): a titled card with a scrolling table whose first column
 * names the row and whose other cells are right-aligned figures. Hidden
 * (small-cell) figures show as "•" with a spoken label (`useCell`).
 * Drawn by the app's one DataTable (plain: every row drawn, for print,
 * tests and screen readers).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatHours } from '../../../src-shared/domain/format';
import { DataTable, type DataColumn } from '../../ui/data-table';

export interface StatTableRow {
  key: string;
  /** The row header (first column). */
  label: ReactNode;
  /** The other cells, in column order. */
  cells: readonly ReactNode[];
}

export interface StatTableColumn {
  key: string;
  label: ReactNode;
  /** A figure column (right-aligned, tabular digits); default true. */
  numeric?: boolean;
}

export function StatTable({
  id,
  title,
  firstColumn,
  columns,
  rows,
  before,
  testId,
}: {
  /** The heading's id (the table is labelled by it). */
  id: string;
  title: ReactNode;
  /** The header of the row-name column (defaults to the title). */
  firstColumn?: ReactNode;
  columns: readonly StatTableColumn[];
  rows: readonly StatTableRow[];
  /** Shown between the heading and the table (e.g. a chart). */
  before?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('statistics.table.empty')}</p>
      ) : (
        <>
          {before}
          <div className="stat-scroll">
            <DataTable
              plain
              className="table stat-table"
              labelledBy={id}
              testId={testId}
              rows={rows}
              rowKey={(row) => row.key}
              columns={[
                { key: 'label', label: firstColumn ?? title, rowHeader: true, cell: (row) => row.label },
                ...columns.map((c, i): DataColumn<StatTableRow> => ({ key: c.key, label: c.label, num: c.numeric !== false, cell: (row) => row.cells[i] })),
              ]}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** A count as shown: hidden cells as "•" with a spoken label. */
export function useCell(): (v: number | null) => ReactNode {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'lv-LV');
  return (v) => (v === null ? <abbr title={t('statistics.hidden.label')}>{t('statistics.hidden')}</abbr> : number.format(v));
}

/** Hours (a sum, possibly fractional) in the app's one format for sums of hours ("1 091,8"). */
export function hoursText(hours: number): string {
  return formatHours(Math.round(hours * 60));
}

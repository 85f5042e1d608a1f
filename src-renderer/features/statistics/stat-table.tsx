/**
 * The one table of the statistics screens (the school's and the
 * authorities'): a titled card with a scrolling table whose first column
 * names the row and whose other cells are right-aligned figures. Hidden
 * (small-cell) figures show as "•" with a spoken label (`useCell`).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatHours } from '../../../src-shared/domain/format';

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
            <table className="table stat-table" aria-labelledby={id} data-testid={testId}>
              <thead>
                <tr>
                  <th scope="col">{firstColumn ?? title}</th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className={c.numeric === false ? undefined : 'num'}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell, i) => (
                      <td key={columns[i]?.key ?? i} className={columns[i]?.numeric === false ? undefined : 'num'}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
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

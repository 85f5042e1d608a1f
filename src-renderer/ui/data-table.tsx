/**
 * The app's one table for long lists (issue 8): a scrolling region with a
 * sticky header, sortable column headers (aria-sort), and only the rows in
 * view drawn, so thousands of rows stay fast. Rows keep their place for
 * assistive technology (aria-rowcount, aria-rowindex).
 *
 * Keyboard: each row's first cell holds its action (a button or link marked
 * `data-row-action`); ArrowDown/ArrowUp move to the next or previous row's
 * action, Home/End to the first or last row, scrolling it into view. A table
 * whose cells are inputs (settings edited in place) passes
 * `rowNavigation={false}`: the cursor keys then stay with the input.
 *
 *   <DataTable rows={rows} rowKey={(r) => r.id} caption={t('…')} columns={[
 *     { key: 'code', label: t('…'), cell: (r) => r.code, rowHeader: true },
 *     { key: 'cents', label: t('…'), num: true, cell: (r) => formatMoney(r.cents) },
 *   ]} sort={{ key: 'code', dir: 'asc' }} onSort={(key) => …} />
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './data-table.css';

export type SortDir = 'asc' | 'desc';

export interface DataColumn<T> {
  /** The column's id, and its sort key when sortable. */
  key: string;
  /** The header text, already translated. */
  label: string;
  cell(row: T): ReactNode;
  /** Right-aligned numbers. */
  num?: boolean;
  /** The first column of a row names it (<th scope="row">). */
  rowHeader?: boolean;
  /** Default true when the table has onSort. */
  sortable?: boolean;
  /** Class of the body cell (e.g. for tests or styling). */
  cellClassName?: string;
  /** CSS width of the column, e.g. '13%'. */
  width?: string;
  /** The header is read by screen readers only (a column of buttons). */
  hideLabel?: boolean;
  /** Class of the header cell (e.g. 'center'). */
  headClassName?: string;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey(row: T): string;
  /** Read by screen readers (hidden unless captionVisible). */
  caption: string;
  /** The scrolling region's name when the caption is already the name of the section around it (landmark names stay unique). */
  regionLabel?: string;
  /** Show the caption above the table (several tables on one screen, each named). */
  captionVisible?: boolean;
  /** Extra class of a body row (e.g. 'row-off' for something switched off). */
  rowClassName?(row: T): string | undefined;
  sort?: { key: string; dir: SortDir };
  onSort?(key: string): void;
  /** The row shown as chosen. */
  selectedKey?: string | null;
  /** Shown under the header when there are no rows. */
  emptyText?: string;
  rowHeight?: number;
  testId?: string;
  /** Extra classes of the scrolling region and of the table. */
  scrollClassName?: string;
  className?: string;
  /** A short table laid out like a plain one: cells wrap and columns take the room their text needs (settings lists). */
  wrap?: boolean;
  /** A short list (a queue on the home screen): the region is as tall as its rows, up to the usual height, instead of always that tall. */
  fit?: boolean;
  /** Arrow keys, Home and End move between rows (default). False for a table of inputs, where those keys move the text cursor or change a number. */
  rowNavigation?: boolean;
}

/** The row the key moves to from row `at` of `count`, or null when the key is not the table's (or row navigation is off). */
export function rowNavigationTarget(key: string, at: number, count: number, rowNavigation = true): number | null {
  if (!rowNavigation || count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(at + 1, count - 1);
    case 'ArrowUp':
      return Math.max(at - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

const DEFAULT_ROW_HEIGHT = 41;

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  captionVisible = false,
  regionLabel,
  rowClassName,
  sort,
  onSort,
  selectedKey,
  emptyText,
  rowHeight = DEFAULT_ROW_HEIGHT,
  testId,
  scrollClassName,
  className,
  fit = false,
  wrap = false,
  rowNavigation = true,
}: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  function focusRow(index: number, attempt = 0) {
    const action = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] [data-row-action]`);
    if (action) {
      action.focus();
      return;
    }
    if (attempt < 5) requestAnimationFrame(() => focusRow(index, attempt + 1));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (rowNavigationTarget(event.key, 0, rows.length, rowNavigation) === null) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    if (!row) return;
    const at = Number(row.dataset.index);
    const next = rowNavigationTarget(event.key, at, rows.length, rowNavigation) ?? at;
    event.preventDefault();
    if (next === at) return;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusRow(next);
  }

  return (
    <div
      ref={scrollRef}
      className={['data-table-scroll', fit ? 'data-table-fit' : null, scrollClassName].filter(Boolean).join(' ')}
      role="region"
      aria-labelledby={regionLabel === undefined ? captionId : undefined}
      aria-label={regionLabel}
      tabIndex={0}
    >
      <table
        className={['table data-table', wrap ? 'data-table-wrap' : null, className].filter(Boolean).join(' ')}
        aria-rowcount={rows.length + 1}
        data-testid={testId}
      >
        <caption id={captionId} className={captionVisible ? undefined : 'visually-hidden'}>
          {caption}
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((col) => {
              const sortable = onSort !== undefined && col.sortable !== false;
              const sorted = sort?.key === col.key;
              return (
                <th
                  key={col.key}
                  scope="col"
                  className={[col.num ? 'num' : null, col.headClassName].filter(Boolean).join(' ') || undefined}
                  style={col.width ? { width: col.width } : undefined}
                  aria-sort={sortable && sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={() => onSort(col.key)}>
                      {col.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    <span className={col.hideLabel ? 'visually-hidden' : 'plain-head'}>{col.label}</span>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {top > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: top }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const key = rowKey(row);
            return (
              <tr
                key={key}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={[key === selectedKey ? 'selected' : null, rowClassName?.(row)].filter(Boolean).join(' ') || undefined}
                style={{ height: rowHeight }}
              >
                {columns.map((col) => {
                  const classes = [col.num ? 'num' : null, col.cellClassName].filter(Boolean).join(' ') || undefined;
                  return col.rowHeader ? (
                    <th key={col.key} scope="row" className={classes}>
                      {col.cell(row)}
                    </th>
                  ) : (
                    <td key={col.key} className={classes}>
                      {col.cell(row)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {rows.length === 0 && emptyText ? <p className="register-empty">{emptyText}</p> : null}
    </div>
  );
}

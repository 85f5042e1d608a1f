/**
 * The app's one table (issue 8). For long lists: a scrolling region with a
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
 *
 * Short tables (a plan's measures, statistics, counts, print-like summaries)
 * use the same component with `plain`: every row is drawn (tests, print and
 * screen readers see them all), no scrolling region of its own, cells wrap,
 * and the table's classes are the caller's (`className`, e.g. 'table compact',
 * 'bars', 'print-table'). Plain tables may also have:
 *   - `groups` instead of `rows`: row groups, each with an optional group
 *     header row (`header`), a label drawn once in the column marked
 *     `groupLabel` (<th scope="rowgroup" rowSpan>), and a subtotal row;
 *   - `footer`: summary rows (totals) in <tfoot>;
 *   - `noHeader`: no header row (a bar chart whose columns need no names).
 * Summary rows (group headers, subtotals, footers) are lists of cells with
 * colSpan, `num` (right-aligned) and `header` (<th scope="row">).
 * `footer` works in long lists too (after the drawn rows).
 * A table named by a heading around it takes `labelledBy` (its caption is
 * then optional). Rows found by tests or scripts keep their data attributes
 * (`rowData`), cells their test ids (`cellTestId`, a summary cell's `testId`),
 * and a cell's class may depend on its row (`cellClassName` as a function).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './data-table.css';

export type SortDir = 'asc' | 'desc';

export interface DataColumn<T> {
  /** The column's id, and its sort key when sortable. */
  key: string;
  /** The header text, already translated. */
  label: ReactNode;
  cell(row: T): ReactNode;
  /** Right-aligned numbers. */
  num?: boolean;
  /** The first column of a row names it (<th scope="row">). */
  rowHeader?: boolean;
  /** Default true when the table has onSort. */
  sortable?: boolean;
  /** Class of the body cell (e.g. for tests or styling), or of each row's cell (e.g. 'zero' for a count of nothing). */
  cellClassName?: string | ((row: T) => string | undefined);
  /** Test id of each body cell of the column. */
  cellTestId?: string;
  /** CSS width of the column, e.g. '13%'. */
  width?: string;
  /** The header is read by screen readers only (a column of buttons). */
  hideLabel?: boolean;
  /** Class of the header cell (e.g. 'center'). */
  headClassName?: string;
  /** Grouped plain tables: this column holds each group's label, drawn once as <th scope="rowgroup"> spanning the group's rows and its subtotal. */
  groupLabel?: boolean;
}

/** One cell of a summary row (group header, subtotal, footer). */
export interface DataSummaryCell {
  content: ReactNode;
  colSpan?: number;
  /** Right-aligned numbers. */
  num?: boolean;
  /** The cell names the row (<th scope="row">). */
  header?: boolean;
  className?: string;
  testId?: string;
}

/** A row that is not one of the table's rows: a group's header or subtotal, a total in the footer. */
export interface DataSummaryRow {
  key: string;
  cells: readonly DataSummaryCell[];
  className?: string;
}

/** A group of rows (plain tables): e.g. a school's measure kinds with the school's subtotal. */
export interface DataRowGroup<T> {
  key: string;
  rows: readonly T[];
  /** Drawn in the column marked `groupLabel`, once, spanning the group's rows (and its subtotal). */
  label?: ReactNode;
  /** A row before the group's rows. */
  header?: DataSummaryRow;
  /** A row after the group's rows; with a `groupLabel` column it leaves that column out. */
  subtotal?: DataSummaryRow;
}

/** A table is named by its caption, or by a heading around it (`labelledBy`, the heading's id), or by both. */
type DataTableName = { caption: string; labelledBy?: string } | { caption?: string; labelledBy: string };

type DataTableProps<T> = DataTableName & DataTableOptions<T>;

interface DataTableOptions<T> {
  /** The rows (or `groups`, in a plain table). */
  rows?: readonly T[];
  /** Plain tables only: the rows in groups, each with its label, header and subtotal rows. */
  groups?: readonly DataRowGroup<T>[];
  columns: readonly DataColumn<T>[];
  rowKey(row: T): string;
  /** The caption's id (default a generated one), for a label elsewhere that points at it. */
  captionId?: string;
  /** The scrolling region's name when the caption is already the name of the section around it (landmark names stay unique). */
  regionLabel?: string;
  /** Show the caption above the table (several tables on one screen, each named). */
  captionVisible?: boolean;
  /** Extra class of a body row (e.g. 'row-off' for something switched off). */
  rowClassName?(row: T): string | undefined;
  /** Data attributes of a body row, without the 'data-' prefix (e.g. { kind: 'consultation.talk' } gives data-kind), for tests and scripts that find a row by its id. */
  rowData?(row: T): Record<string, string>;
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
  /** A short table: every row drawn, no scrolling region of its own, cells wrap; the table's classes are the caller's. */
  plain?: boolean;
  /** Summary rows (totals) in <tfoot>. */
  footer?: readonly DataSummaryRow[];
  /** No header row (a bar chart whose columns need no names; plain tables). */
  noHeader?: boolean;
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

function classes(...names: (string | false | null | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}

function SummaryRow({ row, before, rowIndex }: { row: DataSummaryRow; before?: ReactNode; rowIndex?: number }) {
  return (
    <tr className={row.className} aria-rowindex={rowIndex}>
      {before}
      {row.cells.map((cell, i) => {
        const className = classes(cell.num && 'num', cell.className);
        return cell.header ? (
          <th key={i} scope="row" colSpan={cell.colSpan} className={className} data-testid={cell.testId}>
            {cell.content}
          </th>
        ) : (
          <td key={i} colSpan={cell.colSpan} className={className} data-testid={cell.testId}>
            {cell.content}
          </td>
        );
      })}
    </tr>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const {
    columns,
    rowKey,
    caption,
    labelledBy,
    captionVisible = false,
    regionLabel,
    rowClassName,
    rowData,
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
    plain = false,
    groups,
    footer,
    noHeader = false,
    rowNavigation = true,
  } = props;
  const rows: readonly T[] = groups ? groups.flatMap((g) => g.rows) : (props.rows ?? []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const generatedId = useId();
  const captionId = props.captionId ?? generatedId;
  const virtualizer = useVirtualizer({
    count: plain ? 0 : rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const tableRef = useRef<HTMLTableElement>(null);

  function focusRow(index: number, attempt = 0) {
    const root = plain ? tableRef.current : scrollRef.current;
    const action = root?.querySelector<HTMLElement>(`tr[data-index="${index}"] [data-row-action]`);
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
    if (!plain) virtualizer.scrollToIndex(next, { align: 'auto' });
    focusRow(next);
  }

  const captionElement =
    caption === undefined ? null : (
      <caption id={captionId} className={captionVisible ? undefined : 'visually-hidden'}>
        {caption}
      </caption>
    );

  const head = noHeader ? null : (
    <thead>
      <tr aria-rowindex={plain ? undefined : 1}>
        {columns.map((col) => {
          const sortable = onSort !== undefined && col.sortable !== false;
          const sorted = sort?.key === col.key;
          return (
            <th
              key={col.key}
              scope="col"
              className={classes(col.num && 'num', col.headClassName)}
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
              ) : col.hideLabel ? (
                <span className="visually-hidden">{col.label}</span>
              ) : plain ? (
                col.label
              ) : (
                <span className="plain-head">{col.label}</span>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );

  /** A body row; `group` draws the group's label in its column (first row of a group) or leaves the column out (the rows after). */
  function bodyRow(row: T, index: number, group?: { label: ReactNode; span: number; first: boolean }) {
    const key = rowKey(row);
    const data = Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([name, value]) => [`data-${name}`, value]));
    return (
      <tr
        {...data}
        key={key}
        data-index={index}
        aria-rowindex={plain ? undefined : index + 2}
        className={classes(key === selectedKey && 'selected', rowClassName?.(row))}
        style={plain ? undefined : { height: rowHeight }}
      >
        {columns.map((col) => {
          const cellClass = classes(col.num && 'num', typeof col.cellClassName === 'function' ? col.cellClassName(row) : col.cellClassName);
          if (group && col.groupLabel) {
            return group.first ? (
              <th key={col.key} scope="rowgroup" rowSpan={group.span} className={cellClass}>
                {group.label}
              </th>
            ) : null;
          }
          return col.rowHeader ? (
            <th key={col.key} scope="row" className={cellClass} data-testid={col.cellTestId}>
              {col.cell(row)}
            </th>
          ) : (
            <td key={col.key} className={cellClass} data-testid={col.cellTestId}>
              {col.cell(row)}
            </td>
          );
        })}
      </tr>
    );
  }

  if (plain) {
    const hasGroupLabel = columns.some((col) => col.groupLabel);
    let index = 0;
    const body = groups
      ? groups.map((group) => {
          const span = group.rows.length + (group.subtotal ? 1 : 0);
          const labelled = hasGroupLabel && span > 0;
          const drawn = group.rows.map((row, i) => bodyRow(row, index++, labelled ? { label: group.label, span, first: i === 0 } : undefined));
          // A group with no rows of its own: its label opens the subtotal row.
          const labelOnSubtotal =
            labelled && group.rows.length === 0 ? (
              <th scope="rowgroup" rowSpan={1}>
                {group.label}
              </th>
            ) : undefined;
          return (
            <Fragment key={group.key}>
              {group.header ? <SummaryRow row={group.header} /> : null}
              {drawn}
              {group.subtotal ? <SummaryRow row={group.subtotal} before={labelOnSubtotal} /> : null}
            </Fragment>
          );
        })
      : rows.map((row, i) => bodyRow(row, i));
    return (
      <>
        <table ref={tableRef} className={classes('data-table-plain', className)} aria-labelledby={labelledBy} data-testid={testId}>
          {captionElement}
          {head}
          <tbody onKeyDown={onKeyDown}>{body}</tbody>
          {footer && footer.length > 0 ? (
            <tfoot>
              {footer.map((row) => (
                <SummaryRow key={row.key} row={row} />
              ))}
            </tfoot>
          ) : null}
        </table>
        {rows.length === 0 && emptyText ? <p className="register-empty">{emptyText}</p> : null}
      </>
    );
  }

  return (
    <div
      ref={scrollRef}
      className={classes('data-table-scroll', fit && 'data-table-fit', scrollClassName)}
      role="region"
      aria-labelledby={regionLabel === undefined ? (caption === undefined ? labelledBy : captionId) : undefined}
      aria-label={regionLabel}
      tabIndex={0}
    >
      <table
        className={classes('table data-table', wrap && 'data-table-wrap', className)}
        aria-rowcount={rows.length + 1 + (footer?.length ?? 0)}
        aria-labelledby={labelledBy}
        data-testid={testId}
      >
        {captionElement}
        {head}
        <tbody onKeyDown={onKeyDown}>
          {top > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: top }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            return row === undefined ? null : bodyRow(row, item.index);
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columns.length} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
        {footer && footer.length > 0 ? (
          <tfoot>
            {footer.map((row, i) => (
              <SummaryRow key={row.key} row={row} rowIndex={rows.length + 2 + i} />
            ))}
          </tfoot>
        ) : null}
      </table>
      {rows.length === 0 && emptyText ? <p className="register-empty">{emptyText}</p> : null}
    </div>
  );
}

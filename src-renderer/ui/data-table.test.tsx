/**
 * The table's header and names, rendered to HTML under Node (no rows are drawn
 * without a scrolling element, so the body is left to the e2e specs).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, rowNavigationTarget } from './data-table';

const columns = [
  { key: 'name', label: 'Name', rowHeader: true, cell: (r: { id: string }) => r.id },
  { key: 'actions', label: 'Actions', hideLabel: true, headClassName: 'center', cell: () => null },
];

describe('DataTable', () => {
  it('hides the caption by default and names the region by it', () => {
    const html = renderToStaticMarkup(<DataTable rows={[]} columns={columns} rowKey={(r) => r.id} caption="Staff" />);
    expect(html).toMatch(/<caption id="([^"]+)" class="visually-hidden">Staff<\/caption>/);
    const id = /<caption id="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`aria-labelledby="${id}"`);
  });

  it('shows the caption when asked, and a region label keeps the landmark name apart from it', () => {
    const html = renderToStaticMarkup(
      <DataTable rows={[]} columns={columns} rowKey={(r) => r.id} caption="Backups" captionVisible regionLabel="List of backups" />,
    );
    expect(html).toMatch(/<caption id="[^"]+">Backups<\/caption>/);
    expect(html).toContain('aria-label="List of backups"');
    expect(html).not.toContain('aria-labelledby');
  });

  it('reads a hidden column label to screen readers only, with the header class', () => {
    const html = renderToStaticMarkup(<DataTable rows={[]} columns={columns} rowKey={(r) => r.id} caption="Staff" />);
    expect(html).toContain('<th scope="col" class="center"><span class="visually-hidden">Actions</span></th>');
    expect(html).toContain('<span class="plain-head">Name</span>');
  });

  it('lays a short table out like a plain one when it wraps', () => {
    const html = renderToStaticMarkup(<DataTable rows={[]} columns={columns} rowKey={(r) => r.id} caption="Staff" wrap />);
    expect(html).toContain('class="table data-table data-table-wrap"');
  });
});

describe('rowNavigationTarget', () => {
  it('moves between rows with the arrow keys, Home and End, staying inside the table', () => {
    expect(rowNavigationTarget('ArrowDown', 1, 5)).toBe(2);
    expect(rowNavigationTarget('ArrowDown', 4, 5)).toBe(4);
    expect(rowNavigationTarget('ArrowUp', 0, 5)).toBe(0);
    expect(rowNavigationTarget('ArrowUp', 3, 5)).toBe(2);
    expect(rowNavigationTarget('Home', 3, 5)).toBe(0);
    expect(rowNavigationTarget('End', 1, 5)).toBe(4);
    expect(rowNavigationTarget('a', 1, 5)).toBeNull();
    expect(rowNavigationTarget('ArrowDown', 0, 0)).toBeNull();
  });

  it('leaves every key to the inputs of a table with row navigation off', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End']) expect(rowNavigationTarget(key, 1, 5, false)).toBeNull();
  });
});

interface Kind {
  school: string;
  kind: string;
  count: number;
}

const kindColumns = [
  { key: 'school', label: 'School', groupLabel: true, cell: (r: Kind) => r.school },
  { key: 'kind', label: 'Kind', rowHeader: true, cell: (r: Kind) => r.kind },
  { key: 'count', label: 'Count', num: true, cell: (r: Kind) => String(r.count) },
];

describe('DataTable, plain', () => {
  const kinds: Kind[] = Array.from({ length: 60 }, (_, i) => ({ school: 'A', kind: `k${i}`, count: i }));

  it('draws every row of a plain table, with no scrolling region, numbers right-aligned and the caller’s classes', () => {
    const html = renderToStaticMarkup(
      <DataTable plain className="table compact" testId="kinds" rows={kinds} columns={kindColumns.slice(1)} rowKey={(r) => r.kind} caption="Kinds" />,
    );
    expect(html.match(/<tr data-index=/g)).toHaveLength(60);
    expect(html).toContain('<th scope="row">k59</th><td class="num">59</td>');
    expect(html).not.toContain('role="region"');
    expect(html).not.toContain('aria-rowcount');
    expect(html).toContain('<table class="data-table-plain table compact" data-testid="kinds">');
    expect(html).toContain('<th scope="col" class="num">Count</th>');
  });

  it('draws groups: a header row, the label once across the group’s rows and subtotal, and the subtotal', () => {
    const html = renderToStaticMarkup(
      <DataTable
        plain
        caption="Counts"
        columns={kindColumns}
        rowKey={(r) => `${r.school}/${r.kind}`}
        groups={[
          {
            key: 'A',
            label: 'School A',
            header: { key: 'A-head', cells: [{ content: 'Group A', colSpan: 3 }] },
            rows: [
              { school: 'A', kind: 'talk', count: 2 },
              { school: 'A', kind: 'meal', count: 3 },
            ],
            subtotal: { key: 'A-sum', className: 'subtotal', cells: [{ content: 'Total of A' }, { content: '5', num: true }] },
          },
          { key: 'B', label: 'School B', rows: [{ school: 'B', kind: 'talk', count: 7 }] },
        ]}
        footer={[
          {
            key: 'all',
            cells: [
              { content: 'All', header: true, colSpan: 2 },
              { content: '12', num: true },
            ],
          },
        ]}
      />,
    );
    expect(html).toContain('<tr><td colSpan="3">Group A</td></tr>');
    expect(html).toContain('<tr data-index="0"><th scope="rowgroup" rowSpan="3">School A</th><th scope="row">talk</th><td class="num">2</td></tr>');
    expect(html).toContain('<tr data-index="1"><th scope="row">meal</th><td class="num">3</td></tr>');
    expect(html).toContain('<tr class="subtotal"><td>Total of A</td><td class="num">5</td></tr>');
    expect(html).toContain('<tr data-index="2"><th scope="rowgroup" rowSpan="1">School B</th><th scope="row">talk</th><td class="num">7</td></tr>');
    expect(html).toContain('<tfoot><tr><th scope="row" colSpan="2">All</th><td class="num">12</td></tr></tfoot>');
  });

  it('leaves the header row out of a bar chart, and a table named by a heading has no caption', () => {
    const html = renderToStaticMarkup(
      <DataTable plain noHeader labelledBy="risk-title" rows={kinds.slice(0, 1)} columns={kindColumns.slice(1)} rowKey={(r) => r.kind} />,
    );
    expect(html).not.toContain('<thead>');
    expect(html).not.toContain('<caption');
    expect(html).toContain('aria-labelledby="risk-title"');
  });

  it('shows the empty text of a plain table with no rows', () => {
    const html = renderToStaticMarkup(<DataTable plain rows={[]} columns={kindColumns} rowKey={(r) => r.kind} caption="Kinds" emptyText="Nothing yet" />);
    expect(html).toContain('<p class="register-empty">Nothing yet</p>');
  });
});

describe('DataTable, long lists', () => {
  it('names its region by the heading when the table has no caption, and counts footer rows', () => {
    const html = renderToStaticMarkup(
      <DataTable
        labelledBy="queue-title"
        rows={[]}
        columns={columns}
        rowKey={(r) => r.id}
        footer={[{ key: 'total', cells: [{ content: 'Total', header: true }, { content: '' }] }]}
      />,
    );
    expect(html).toContain('role="region" aria-labelledby="queue-title"');
    expect(html).toContain('aria-rowcount="2"');
    expect(html).toContain('<tfoot><tr aria-rowindex="2"><th scope="row">Total</th><td></td></tr></tfoot>');
  });
});

describe('DataTable, rows found by their data', () => {
  it('gives a row its data attributes, a cell its class from the row, and cells their test ids', () => {
    const html = renderToStaticMarkup(
      <DataTable
        plain
        caption="Kinds"
        rows={[
          { school: 'A', kind: 'talk', count: 0 },
          { school: 'A', kind: 'meal', count: 2 },
        ]}
        columns={[
          {
            key: 'count',
            label: 'Count',
            num: true,
            cellTestId: 'count-cell',
            cellClassName: (r: Kind) => (r.count > 0 ? undefined : 'zero'),
            cell: (r: Kind) => r.count,
          },
        ]}
        rowKey={(r) => r.kind}
        rowData={(r) => ({ kind: r.kind })}
        footer={[{ key: 'total', cells: [{ content: 2, num: true, testId: 'count-total' }] }]}
      />,
    );
    expect(html).toContain('<tr data-kind="talk" data-index="0"><td class="num zero" data-testid="count-cell">0</td></tr>');
    expect(html).toContain('<tr data-kind="meal" data-index="1"><td class="num" data-testid="count-cell">2</td></tr>');
    expect(html).toContain('<tfoot><tr><td class="num" data-testid="count-total">2</td></tr></tfoot>');
  });
});

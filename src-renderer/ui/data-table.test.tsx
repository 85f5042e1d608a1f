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

/** The shared filter bar, rendered to HTML under Node: labels tied to their fields, "all" first, the clear button kept in its place. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FilterBar, FilterSelect, SearchFilter } from './filter-bar';

const noop = () => undefined;

function bar(canClear: boolean) {
  return renderToStaticMarkup(
    <FilterBar clearLabel="Notīrīt" canClear={canClear} onClear={noop}>
      <SearchFilter label="Meklēt" hint="Vārds vai kods" value="ozol" onChange={noop} />
      <FilterSelect label="Klase" allLabel="Visas" value={5} options={[4, 5, 6].map((g) => ({ value: g, label: String(g) }))} onChange={noop} />
      <FilterSelect label="Statuss" allLabel="Visi" allValue="all" value="all" options={[{ value: 'active', label: 'Mācās' }]} onChange={noop} />
    </FilterBar>,
  );
}

describe('FilterBar', () => {
  it('is a search landmark with each field labelled and the search box without autocomplete', () => {
    const html = bar(true);
    expect(html).toMatch(/^<div class="filters" role="search">/);
    for (const [label, id] of [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)].map((m) => [m[2], m[1]] as const)) {
      expect(html, `the field labelled ${label}`).toContain(`id="${id}"`);
    }
    const input = /<input [^>]*>/.exec(html)?.[0] ?? '';
    for (const part of ['type="search"', 'value="ozol"', 'autoComplete="off"', 'spellCheck="false"', '-hint"']) expect(input).toContain(part);
  });

  it('puts "all" first with the value that sets no filter, then the options', () => {
    const html = bar(false);
    expect(html).toContain('<option value="">Visas</option><option value="4">4</option><option value="5" selected="">5</option>');
    expect(html).toContain('<option value="all" selected="">Visi</option><option value="active">Mācās</option>');
  });

  it('keeps the clear button in its place, hidden while nothing is set', () => {
    expect(bar(false)).toContain('<button type="button" class="filter-clear" style="visibility:hidden">Notīrīt</button>');
    expect(bar(true)).toContain('<button type="button" class="filter-clear" style="visibility:visible">Notīrīt</button>');
  });
});

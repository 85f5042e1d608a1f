/** The shared load-state markup, rendered to HTML under Node: each state shows what it should and nothing else. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadState } from './load-state';
import type { Loaded } from './use-api';

function loaded(patch: Partial<Loaded<string[]>>): Loaded<string[]> {
  return { data: undefined, error: null, loading: false, reload: () => undefined, ...patch };
}

const render = (state: Loaded<string[]>) =>
  renderToStaticMarkup(
    <LoadState loaded={state} isEmpty={(d) => d.length === 0} emptyText="Nothing here">
      {(d) => <ul>{d.join(',')}</ul>}
    </LoadState>,
  );

describe('LoadState', () => {
  it('says it is loading until the first answer', () => {
    const html = render(loaded({ loading: true }));
    expect(html).toContain('role="status"');
    expect(html).not.toContain('<ul>');
  });

  it('shows the problem with a button to try again, and no content', () => {
    const html = render(loaded({ error: { code: 'INTERNAL', messageKey: 'errors.code.INTERNAL' } }));
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/<button type="button">[^<]+<\/button>/);
    expect(html).not.toContain('role="status"');
    expect(html).not.toContain('<ul>');
  });

  it('leaves a lost session to the lock screen (no banner)', () => {
    const html = render(loaded({ error: { code: 'NOT_SIGNED_IN', messageKey: 'errors.code.NOT_SIGNED_IN' } }));
    expect(html).not.toContain('role="alert"');
  });

  it('shows the empty text for an empty answer, and the content otherwise', () => {
    expect(render(loaded({ data: [] }))).toContain('<p class="notice">Nothing here</p>');
    const html = render(loaded({ data: ['a', 'b'], loading: true }));
    expect(html).toContain('<ul>a,b</ul>');
    expect(html).not.toContain('Nothing here');
    expect(html).not.toContain('role="status"');
  });
});

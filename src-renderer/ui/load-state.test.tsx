/** The shared load-state markup, rendered to HTML under Node: each state shows what it should and nothing else. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bothLoaded, LoadGate, LoadState } from './load-state';
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

  it("shows the screen's own empty markup when given one", () => {
    const html = renderToStaticMarkup(
      <LoadState loaded={loaded({ data: [] })} isEmpty={(d) => d.length === 0} empty={<div className="calm-box">Own empty</div>}>
        {(d) => <ul>{d.join(',')}</ul>}
      </LoadState>,
    );
    expect(html).toBe('<div class="calm-box">Own empty</div>');
  });

  it('as a full-page gate: the problem in its frame, without a button to try again', () => {
    const gate = (state: Loaded<string[]>) =>
      renderToStaticMarkup(
        <LoadState loaded={state} retry={false} frame={(problem) => <main>{problem}</main>}>
          {(d) => <ul>{d.join(',')}</ul>}
        </LoadState>,
      );
    const html = gate(loaded({ error: { code: 'NOT_FOUND', messageKey: 'errors.code.NOT_FOUND' } }));
    expect(html).toMatch(/^<main><div[^>]*role="alert"/);
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<ul>');
    // Loading and content are not framed: the content is its own page.
    expect(gate(loaded({ loading: true }))).not.toContain('<main>');
    expect(gate(loaded({ data: ['a'] }))).toBe('<ul>a</ul>');
  });
});

describe('LoadGate', () => {
  const gate = (state: Loaded<string[]>) =>
    renderToStaticMarkup(
      <LoadGate loaded={state} title="The plan" breadcrumbs={<a href="#/back">Back</a>}>
        {(d) => <ul>{d.join(',')}</ul>}
      </LoadGate>,
    );

  it('puts the problem on a page with the title and the way back, without trying again', () => {
    const html = gate(loaded({ error: { code: 'NOT_FOUND', messageKey: 'errors.code.NOT_FOUND' } }));
    expect(html).toContain('The plan</h1>');
    expect(html).toContain('<a href="#/back">Back</a>');
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('<button');
  });

  it('shows only "loading", then only the screen', () => {
    const waiting = gate(loaded({ loading: true }));
    expect(waiting).toContain('role="status"');
    expect(waiting).not.toContain('<h1');
    expect(gate(loaded({ data: ['a'] }))).toBe('<ul>a</ul>');
  });
});

describe('bothLoaded', () => {
  const a = loaded({ data: ['a'] });
  it('has data only once both have answered', () => {
    expect(bothLoaded(a, loaded({ loading: true })).data).toBeUndefined();
    expect(bothLoaded(a, loaded({ data: ['b'] })).data).toEqual([['a'], ['b']]);
  });

  it('carries the first problem and loads while either loads', () => {
    const error = { code: 'INTERNAL', messageKey: 'errors.code.INTERNAL' } as const;
    const both = bothLoaded(a, loaded({ error, loading: true }));
    expect(both.error).toBe(error);
    expect(both.loading).toBe(true);
    expect(bothLoaded(a, a).loading).toBe(false);
  });

  it('reloads both', () => {
    const calls: string[] = [];
    bothLoaded(loaded({ reload: () => calls.push('a') }), loaded({ reload: () => calls.push('b') })).reload();
    expect(calls).toEqual(['a', 'b']);
  });
});

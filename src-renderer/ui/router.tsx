/**
 * A tiny hash router: the location is what follows `#` (`#/students/42?q=ozol`).
 * Hash routes need no server and work the same under app:// in Electron and
 * over HTTP in the test bridge. Screens read the location with `useLocation`,
 * move with `navigate` or `<Link>`, and the route table (src-renderer/routes.tsx)
 * maps patterns like `/students/:id` to screens.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';

export interface Location {
  /** The path, always starting with `/`, without the query. */
  path: string;
  /** The query after `?` in the hash. */
  query: URLSearchParams;
  /** The raw hash without `#`, for keys and comparisons. */
  href: string;
}

function currentHref(): string {
  const raw = window.location.hash.replace(/^#/, '');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  return parseHref(href);
}

export function parseHref(href: string): Location {
  const [path = '/', search = ''] = href.split('?', 2);
  return { path: path || '/', query: new URLSearchParams(search), href };
}

/** Builds `/students?q=a&grade=5` from a path and query values, leaving out empty ones. */
export function hrefFor(path: string, query: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Goes to a path; `replace` keeps the browser history from growing (for filter changes). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const hash = `#${to}`;
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = to;
  }
}

/**
 * Matches `/students/:id` against `/students/42` -> `{ id: '42' }`, or null.
 * Segments are compared exactly; parameters are URI-decoded.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** Fills a pattern: `pathFor('/plans/:id', { id })`. */
export function pathFor(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real link (`<a href="#/...">`): opens with Enter, shows its target, works with the history. */
export function Link({ to, ...rest }: LinkProps) {
  return <a {...rest} href={`#${to}`} />;
}

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

function normalize(raw: string): string {
  const href = raw.replace(/^#/, '');
  return href.startsWith('/') ? href : `/${href}`;
}

/**
 * Navigation blockers: while one is registered (a form with unsaved changes),
 * a link click, Back/Forward or a typed hash first asks it; the screens keep
 * showing the accepted location meanwhile, and if the person stays the hash
 * is put back. `navigate()` is the app's own decision and is not asked.
 * A blocker answers true to let the navigation go on.
 */
export type NavigationBlocker = (to: string) => boolean | Promise<boolean>;

const blockers = new Set<NavigationBlocker>();
const listeners = new Set<() => void>();
let accepted: string | null = null;
let asking = false;

function currentHref(): string {
  accepted ??= normalize(window.location.hash);
  return accepted;
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

/** Registers a blocker; returns the function that removes it. */
export function addNavigationBlocker(blocker: NavigationBlocker): () => void {
  blockers.add(blocker);
  return () => {
    blockers.delete(blocker);
  };
}

async function mayLeave(to: string): Promise<boolean> {
  if (asking) return false;
  asking = true;
  try {
    for (const blocker of [...blockers]) if (!(await blocker(to))) return false;
    return true;
  } finally {
    asking = false;
  }
}

/**
 * Asks the registered blockers (a form with unsaved changes) whether the
 * current page may be left without navigating: for leaving it another way
 * (switching user). True when nothing objects.
 */
export function confirmLeavingPage(): Promise<boolean> {
  return blockers.size === 0 ? Promise.resolve(true) : mayLeave(currentHref());
}

/** The current location, outside React (see `useLocation`). */
export function currentLocation(): Location {
  return parseHref(currentHref());
}

function onHashChange(): void {
  const raw = normalize(window.location.hash);
  const from = currentHref();
  if (raw === from || blockers.size === 0) {
    accepted = raw;
    notify();
    return;
  }
  // Back, Forward or a typed hash: show the old location again until answered.
  window.history.replaceState(window.history.state, '', `#${from}`);
  void mayLeave(raw).then((ok) => {
    if (!ok || currentHref() !== from) return;
    accepted = raw;
    window.history.replaceState(window.history.state, '', `#${raw}`);
    notify();
  });
}

function onLinkClick(event: MouseEvent): void {
  if (blockers.size === 0 || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
  const to = normalize(link.getAttribute('href') ?? '');
  if (to === currentHref()) return;
  event.preventDefault();
  void mayLeave(to).then((ok) => {
    if (ok) navigate(to);
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', onHashChange);
  document.addEventListener('click', onLinkClick);
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
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
  accepted = normalize(to);
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

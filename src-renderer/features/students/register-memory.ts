/**
 * Where the register was left: its address (search and filters), the row
 * that was active and how far the list was scrolled. Kept for the tab's
 * session, so the student card's "← list" link and the browser's Back both
 * return to the same list, row and position.
 */
export interface RegisterPlace {
  /** The register's address with its query, e.g. `/students?q=ozol&grade=7`. */
  href: string;
  activeId: string | null;
  scrollTop: number;
}

const KEY = 'pumpurs.register.place';

export function rememberRegisterPlace(place: RegisterPlace): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(place));
  } catch {
    // Storage refused (private mode, quota): coming back then starts at the top.
  }
}

export function registerPlace(): RegisterPlace | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const place = JSON.parse(raw) as Partial<RegisterPlace>;
    if (typeof place.href !== 'string' || !place.href.startsWith('/students')) return null;
    return { href: place.href, activeId: typeof place.activeId === 'string' ? place.activeId : null, scrollTop: Number(place.scrollTop) || 0 };
  } catch {
    return null;
  }
}

/** Where "← list" on a student card goes: the register as it was left, else the whole register. */
export function registerReturnHref(): string {
  return registerPlace()?.href ?? '/students';
}

/**
 * The municipality's table of one school's imported plans, as data: the
 * search (student, personal code, plan code, class such as "7.b", status),
 * the filters and the sort, all read from and written to the URL query so
 * coming back to the table restores them. Pure, so thousands of rows are
 * filtered and sorted without the page and can be unit-tested.
 */
import type { MuniPlans } from '../../../src-shared/domain/exchange';

export type PlanView = MuniPlans['plans'][number];

export const SORT_KEYS = ['student', 'code', 'class', 'status', 'consent', 'measures', 'minutes', 'cents'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export const CONSENT_FILTERS = ['yes', 'no'] as const;
export type ConsentFilter = (typeof CONSENT_FILTERS)[number];

export interface PlanTableState {
  q: string;
  status: string | null;
  grade: number | null;
  consent: ConsentFilter | null;
  sort: SortKey;
  dir: SortDir;
}

export function tableStateFrom(query: URLSearchParams): PlanTableState {
  const sort = query.get('sort');
  const grade = Number(query.get('grade'));
  const consent = query.get('consent');
  return {
    q: query.get('q') ?? '',
    status: query.get('status') || null,
    grade: Number.isInteger(grade) && grade >= 1 && grade <= 12 ? grade : null,
    consent: (CONSENT_FILTERS as readonly string[]).includes(consent ?? '') ? (consent as ConsentFilter) : null,
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'student',
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The query for a state, leaving defaults out so the URL stays short. */
export function tableQuery(state: PlanTableState): Record<string, string | number | undefined> {
  return {
    q: state.q.trim() || undefined,
    status: state.status ?? undefined,
    grade: state.grade ?? undefined,
    consent: state.consent ?? undefined,
    sort: state.sort === 'student' ? undefined : state.sort,
    dir: state.dir === 'asc' ? undefined : state.dir,
  };
}

const collator = new Intl.Collator('lv', { sensitivity: 'base', numeric: true });

export function studentName(view: PlanView): string {
  return [view.student.lastName, view.student.firstName].filter(Boolean).join(' ');
}

export function classText(view: PlanView): string {
  return view.student.grade !== null ? `${view.student.grade}.${view.student.classLabel ?? ''}` : '';
}

function totals(view: PlanView): { minutes: number; cents: number } {
  let minutes = 0;
  let cents = 0;
  for (const m of view.measures) {
    minutes += m.minutes;
    cents += m.cents;
  }
  return { minutes, cents };
}

/** Lower case without diacritics, so "berzina" finds "Bērziņa". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Every word of the search must match the plan somewhere: the student's
 * name, personal code, plan code, class ("7.b", "7b") or the status as the
 * user reads it (`statusLabel`).
 */
export function matchesSearch(view: PlanView, q: string, statusLabel: (status: string) => string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold([studentName(view), view.student.personalCode ?? '', view.plan.code, statusLabel(view.plan.status)].join(' '));
  return words.every((word) => {
    // "7.b", "7b" or "7.": that class exactly ("17.b" is not "7.b").
    const cls = CLASS_WORD.exec(word);
    if (cls) return view.student.grade === Number(cls[1]) && (!cls[2] || fold(view.student.classLabel ?? '') === cls[2]);
    return hay.includes(word);
  });
}

const CLASS_WORD = /^(\d{1,2})\.?([a-z]{0,3})$/;

export function filterAndSort(plans: readonly PlanView[], state: PlanTableState, statusLabel: (status: string) => string): PlanView[] {
  const rows = plans.filter(
    (view) =>
      (state.status === null || view.plan.status === state.status) &&
      (state.grade === null || view.student.grade === state.grade) &&
      (state.consent === null || view.plan.consentRecorded === (state.consent === 'yes')) &&
      matchesSearch(view, state.q, statusLabel),
  );
  const key = sortValue(state.sort, statusLabel);
  const sign = state.dir === 'asc' ? 1 : -1;
  return rows
    .map((view) => ({ view, key: key(view) }))
    .sort((a, b) => {
      const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return c !== 0 ? sign * c : collator.compare(a.view.plan.code, b.view.plan.code);
    })
    .map((r) => r.view);
}

function sortValue(sort: SortKey, statusLabel: (status: string) => string): (view: PlanView) => string | number {
  switch (sort) {
    case 'student':
      return studentName;
    case 'code':
      return (v) => v.plan.code;
    case 'class':
      return (v) => (v.student.grade ?? 0) * 100 + (v.student.classLabel ? v.student.classLabel.toLowerCase().charCodeAt(0) : 0);
    case 'status':
      return (v) => statusLabel(v.plan.status);
    case 'measures':
      return (v) => v.measures.length;
    case 'minutes':
      return (v) => totals(v).minutes;
    case 'cents':
      return (v) => totals(v).cents;
    case 'consent':
      // Without consent first when ascending: those are the plans to ask about.
      return (v) => (v.plan.consentRecorded ? `1${v.plan.consentOn ?? ''}` : '0');
  }
}

export { totals as planTotals };

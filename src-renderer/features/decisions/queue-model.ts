/**
 * The decision queue as data: search and filters (the shared filterQueue),
 * the sort, and the URL query they live in, so coming back from a review
 * restores the table; and which plan comes next after a decision. Pure, so
 * thousands of rows are filtered and sorted without the page and tested
 * under Node.
 */
import { filterQueue, type QueueRow } from '../../../src-shared/domain/decisions';

export const QUEUE_SORT_KEYS = ['waiting', 'code', 'school', 'class', 'status', 'kinds', 'cents'] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface QueueState {
  q: string;
  school: string | null;
  status: string | null;
  kind: string | null;
  /** Only plans waiting since this day or earlier (YYYY-MM-DD). */
  since: string | null;
  sort: QueueSortKey;
  dir: SortDir;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function queueStateFrom(query: URLSearchParams): QueueState {
  const sort = query.get('sort');
  const since = query.get('since');
  return {
    q: query.get('q') ?? '',
    school: query.get('school') || null,
    status: query.get('status') || null,
    kind: query.get('kind') || null,
    since: since && ISO_DAY.test(since) ? since : null,
    sort: (QUEUE_SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as QueueSortKey) : 'waiting',
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The query for a state, defaults left out. */
export function queueQuery(state: QueueState): Record<string, string | undefined> {
  return {
    q: state.q.trim() || undefined,
    school: state.school ?? undefined,
    status: state.status ?? undefined,
    kind: state.kind ?? undefined,
    since: state.since ?? undefined,
    sort: state.sort === 'waiting' ? undefined : state.sort,
    dir: state.dir === 'asc' ? undefined : state.dir,
  };
}

const collator = new Intl.Collator('lv', { sensitivity: 'base', numeric: true });

/** The key of a row: a plan id is unique only within its school. */
export const queueKey = (row: Pick<QueueRow, 'schoolId' | 'planId'>): string => `${row.schoolId}/${row.planId}`;

function sortValue(sort: QueueSortKey, statusLabel: (status: string) => string): (row: QueueRow) => string | number {
  switch (sort) {
    case 'waiting':
      return (r) => r.waitingSince;
    case 'code':
      return (r) => r.planCode;
    case 'school':
      return (r) => r.schoolName;
    case 'class':
      return (r) => r.classLabel;
    case 'status':
      return (r) => statusLabel(r.status);
    case 'kinds':
      return (r) => r.kinds.length;
    case 'cents':
      return (r) => r.plannedCents;
  }
}

export function filterAndSortQueue(rows: readonly QueueRow[], state: QueueState, statusLabel: (status: string) => string = (s) => s): QueueRow[] {
  const filtered = filterQueue(rows, {
    ...(state.q.trim() ? { query: state.q } : {}),
    ...(state.school ? { schoolId: state.school } : {}),
    ...(state.status ? { status: state.status } : {}),
    ...(state.kind ? { kindCode: state.kind } : {}),
    ...(state.since ? { waitingSinceBefore: state.since } : {}),
  });
  const key = sortValue(state.sort, statusLabel);
  const sign = state.dir === 'asc' ? 1 : -1;
  return filtered
    .map((row) => ({ row, key: key(row) }))
    .sort((a, b) => {
      const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return c !== 0 ? sign * c : collator.compare(a.row.planCode, b.row.planCode) || collator.compare(a.row.schoolId, b.row.schoolId);
    })
    .map((r) => r.row);
}

/**
 * The plan to review after deciding on `decidedKey`: the one after it in the
 * queue as it was shown, else the one before it (it was the last), else none.
 * `rows` is the queue as it was before the decision.
 */
export function nextAfter(rows: readonly QueueRow[], decidedKey: string): QueueRow | null {
  const at = rows.findIndex((r) => queueKey(r) === decidedKey);
  if (at === -1) return rows[0] ?? null;
  return rows[at + 1] ?? rows[at - 1] ?? null;
}

/** The distinct schools and measure kinds of the queue, for the filter lists. */
export function queueFacets(rows: readonly QueueRow[]): { schools: { id: string; name: string }[]; kinds: string[]; statuses: string[] } {
  const schools = new Map<string, string>();
  const kinds = new Set<string>();
  const statuses = new Set<string>();
  for (const r of rows) {
    schools.set(r.schoolId, r.schoolName);
    for (const k of r.kinds) kinds.add(k);
    statuses.add(r.status);
  }
  return {
    schools: [...schools].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name)),
    kinds: [...kinds].sort(),
    statuses: [...statuses].sort(),
  };
}

/**
 * The home screen's queue of plans waiting for the signed-in person (for a
 * director: the plans to approve), as a sortable table: the longest waiting
 * first unless a header says otherwise.
 */
import type { WaitingPlan } from '../../src-shared/domain/plan';
import type { MessageKey } from '../../src-shared/i18n/index';

export type WaitingSort = 'sentAt' | 'student' | 'class' | 'reason';
export const WAITING_COLUMNS = [
  { key: 'student', label: 'home.waiting.col.student', width: '17%' },
  { key: 'class', label: 'home.waiting.col.class', width: '6%' },
  { key: 'reason', label: 'home.waiting.col.reason', width: '18%' },
  { key: null, label: 'home.waiting.col.status', width: '13%' },
  { key: null, label: 'home.waiting.col.sentBy', width: '12%' },
  { key: 'sentAt', label: 'home.waiting.col.sentAt', width: '9%' },
  { key: null, label: 'home.waiting.col.code', width: '25%' },
] as const satisfies readonly { key: WaitingSort | null; label: MessageKey; width: string }[];

/** The waiting plans in the order asked for: the longest waiting first unless a header says otherwise. */
export function sortWaiting(rows: readonly WaitingPlan[], sort: WaitingSort, dir: 'asc' | 'desc'): WaitingPlan[] {
  const collator = new Intl.Collator('lv', { numeric: true, sensitivity: 'base' });
  const value = (p: WaitingPlan) =>
    sort === 'student'
      ? p.studentName
      : sort === 'class'
        ? `${String(p.grade).padStart(2, '0')}.${p.classLabel}`
        : sort === 'reason'
          ? p.reason
          : (p.sentAt ?? p.updatedAt);
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * collator.compare(value(a), value(b)) || collator.compare(a.studentName, b.studentName));
}

/**
 * How plan values read on the plan, delivery, semester-end and print
 * screens: amounts in their unit, consent relations, lifecycle actions,
 * staff names, times. The i18n keys are listed here in full, so the
 * catalogue test sees each of them and a new value does not compile
 * without its text.
 */
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../src-shared/domain/format';
import type { MeasureCategory, MeasureKind } from '../../src-shared/domain/measure-kinds';
import type { ConsentRelation } from '../../src-shared/domain/plan';
import type { UserPlanAction } from '../../src-shared/domain/plan-lifecycle';
import type { StaffMember } from '../../src-shared/domain/staff';
import type { FieldErrors, FieldMessage } from './field';
import { useLocalLabel } from './labels';
import type { MessageKey } from '../../src-shared/i18n/index';

export const CONSENT_RELATION_KEYS: Record<ConsentRelation, MessageKey> = {
  mother: 'plans.consent.relation.mother',
  father: 'plans.consent.relation.father',
  guardian: 'plans.consent.relation.guardian',
  other: 'plans.consent.relation.other',
  student: 'plans.consent.relation.student',
};

interface ActionTexts {
  /** The button. */
  label: MessageKey;
  /** The confirmation dialog's title and text. */
  title: MessageKey;
  body: MessageKey;
  /** The toast after it is done. */
  done: MessageKey;
}

export const ACTION_KEYS: Record<UserPlanAction, ActionTexts> = {
  submit: { label: 'plans.action.submit', title: 'plans.action.submit.title', body: 'plans.action.submit.body', done: 'plans.action.submit.done' },
  approve: { label: 'plans.action.approve', title: 'plans.action.approve.title', body: 'plans.action.approve.body', done: 'plans.action.approve.done' },
  return: { label: 'plans.action.return', title: 'plans.action.return.title', body: 'plans.action.return.body', done: 'plans.action.return.done' },
  start: { label: 'plans.action.start', title: 'plans.action.start.title', body: 'plans.action.start.body', done: 'plans.action.start.done' },
  review: { label: 'plans.action.review', title: 'plans.action.review.title', body: 'plans.action.review.body', done: 'plans.action.review.done' },
  resume: { label: 'plans.action.resume', title: 'plans.action.resume.title', body: 'plans.action.resume.body', done: 'plans.action.resume.done' },
  suspend: { label: 'plans.action.suspend', title: 'plans.action.suspend.title', body: 'plans.action.suspend.body', done: 'plans.action.suspend.done' },
  revise: { label: 'plans.action.revise', title: 'plans.action.revise.title', body: 'plans.action.revise.body', done: 'plans.action.revise.done' },
  deactivate: {
    label: 'plans.action.deactivate',
    title: 'plans.action.deactivate.title',
    body: 'plans.action.deactivate.body',
    done: 'plans.action.deactivate.done',
  },
};

/** The order buttons appear in: the usual next step first, stopping last. */
export const ACTION_ORDER: readonly UserPlanAction[] = ['submit', 'approve', 'start', 'resume', 'review', 'return', 'revise', 'suspend', 'deactivate'];

/** An amount in its measure's unit: "240 min", "12,50 €", "2 reizes". */
export function useAmount(): (category: MeasureCategory, value: number | null) => string {
  const { t } = useTranslation();
  return (category, value) => {
    if (value === null) return '—';
    if (category === 'consultation') return t('plans.amount.minutes', { count: value });
    if (category === 'compensation') return formatMoney(value);
    return t('plans.amount.times', { count: value });
  };
}

/** A measure kind's name in the user's language, or its code when it is unknown. */
export function useKindLabel(kinds: readonly MeasureKind[] | undefined): (code: string) => string {
  const label = useLocalLabel();
  return (code) => {
    const kind = kinds?.find((k) => k.code === code);
    return kind ? label(kind) : code;
  };
}

export function staffName(staff: readonly StaffMember[] | undefined, id: string | null): string {
  if (!id) return '—';
  return staff?.find((s) => s.id === id)?.displayName ?? '—';
}

/** "2025-10-15T08:30:00Z" -> "15.10.2025 11:30" in the computer's time zone. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${formatDate(day)} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Services send dates in messages as YYYY-MM-DD ("within 2025-09-01–2025-12-19");
 * people read dd.mm.yyyy.
 */
export function tidyFieldErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) out[path] = tidyMessage(message);
  return out;
}

function tidyMessage(message: FieldMessage): FieldMessage {
  if (typeof message === 'string' || !message.params) return message;
  const params = Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v]),
  );
  return { messageKey: message.messageKey, params };
}

/** Euros as typed in a form: 1250 -> "12,50" (no currency sign, no grouping). */
export function centsToText(cents: number | null): string {
  if (cents === null) return '';
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

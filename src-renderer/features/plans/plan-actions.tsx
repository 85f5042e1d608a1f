/**
 * The plan's status and what the signed-in person may do next (the
 * lifecycle in src-shared/domain/plan-lifecycle.ts). Every action asks
 * first, in a dialog that explains what happens; where the rules require a
 * comment (returning, suspending, deactivating) the dialog requires it too.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { findTransition, type UserPlanAction } from '../../../src-shared/domain/plan-lifecycle';
import type { PlanView } from '../../../src-shared/domain/plan';
import { Dialog } from '../../ui/dialog';
import { Field, type FieldMessage } from '../../ui/field';
import { PlanStatusBadge } from '../../ui/labels';
import { ACTION_KEYS, ACTION_ORDER } from '../../ui/plan-labels';
import type { MessageKey } from '../../../src-shared/i18n/index';

export interface ReadinessItem {
  key: MessageKey;
  ok: boolean;
}

interface PlanActionsProps {
  plan: PlanView;
  /** Shown for drafts: what submission needs, ticked off live. */
  readiness: ReadinessItem[] | null;
  busy: boolean;
  /** Runs the action; resolves to a comment error to show, or null when done or handled elsewhere. */
  onAction(action: UserPlanAction, comment: string): Promise<FieldMessage | null>;
  /** A note under the buttons (e.g. "unsaved changes will be saved first"). */
  note?: string | undefined;
  /** Shown under the buttons after an action, e.g. the next plan waiting for approval. */
  after?: ReactNode;
}

export function PlanActions({ plan, readiness, busy, onAction, note, after }: PlanActionsProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<UserPlanAction | null>(null);
  const actions = ACTION_ORDER.filter((a) => plan.allowedActions.includes(a));

  return (
    <section className="card plan-status" aria-labelledby="plan-status-title">
      <h2 id="plan-status-title" tabIndex={-1}>
        {t('plans.status.title')} <PlanStatusBadge status={plan.status} completed={plan.completed} />
      </h2>
      <p className="muted">{t(STATUS_HELP[plan.status])}</p>
      {readiness ? (
        <ul className="readiness" aria-label={t('plans.readiness.title')}>
          {readiness.map((item) => (
            <li key={item.key} className={item.ok ? 'ready' : 'not-ready'}>
              <span aria-hidden="true">{item.ok ? '✓' : '○'} </span>
              <span className="visually-hidden">{item.ok ? t('plans.readiness.done') : t('plans.readiness.todo')}: </span>
              {t(item.key)}
            </li>
          ))}
        </ul>
      ) : null}
      {actions.length > 0 ? (
        <div className="form-actions plan-action-buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'submit' || action === 'approve' ? 'primary' : action === 'deactivate' || action === 'suspend' ? 'danger' : undefined}
              disabled={busy}
              onClick={() => setAsking(action)}
            >
              {t(ACTION_KEYS[action].label)}
            </button>
          ))}
        </div>
      ) : null}
      {note ? <p className="muted small">{note}</p> : null}
      {after}
      {asking ? (
        <ActionDialog
          plan={plan}
          action={asking}
          busy={busy}
          onClose={() => setAsking(null)}
          onConfirm={async (comment) => {
            const problem = await onAction(asking, comment);
            if (problem === null) setAsking(null);
            return problem;
          }}
        />
      ) : null}
    </section>
  );
}

const STATUS_HELP: Record<PlanView['status'], MessageKey> = {
  draft: 'plans.status.help.draft',
  inApproval: 'plans.status.help.inApproval',
  approved: 'plans.status.help.approved',
  active: 'plans.status.help.active',
  underReview: 'plans.status.help.underReview',
  suspended: 'plans.status.help.suspended',
  inactive: 'plans.status.help.inactive',
};

function ActionDialog({
  plan,
  action,
  busy,
  onClose,
  onConfirm,
}: {
  plan: PlanView;
  action: UserPlanAction;
  busy: boolean;
  onClose(): void;
  onConfirm(comment: string): Promise<FieldMessage | null>;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>(undefined);
  const required = findTransition(plan.status, action)?.commentRequired ?? false;
  const texts = ACTION_KEYS[action];
  const formId = 'plan-action-form';

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (required && comment.trim() === '') {
      setError('errors.plan.commentRequired');
      return;
    }
    const problem = await onConfirm(comment);
    setError(problem ?? undefined);
  }

  return (
    <Dialog
      title={t(texts.title)}
      open
      onClose={onClose}
      returnFocus={() => document.querySelector<HTMLElement>('[data-focus-after-action]') ?? document.getElementById('plan-status-title')}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('ui.cancel')}
          </button>
          <button type="submit" form={formId} className={action === 'deactivate' || action === 'suspend' ? 'danger-solid' : 'primary'} disabled={busy}>
            {t(texts.label)}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={confirm} noValidate>
        <p>{t(texts.body, { code: plan.code })}</p>
        <Field
          label={required ? t('plans.action.comment.required') : t('plans.action.comment')}
          hint={required ? t('plans.action.comment.requiredHint') : t('plans.action.comment.hint')}
          errorKey={error}
          required={required}
        >
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus={required} />
        </Field>
      </form>
    </Dialog>
  );
}

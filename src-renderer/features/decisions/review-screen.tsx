/**
 * One plan waiting for the municipality: its risks, measures with their
 * planned amounts, consent, and what is left of each compensation kind's
 * budget (free text never leaves the school, so none is shown). The decision:
 * approve (optionally a smaller amount per compensation), return for changes
 * (comment required) or refuse measures (comment required); going over a
 * budget needs a reason. After a confirmation the next plan of the queue (as
 * it was filtered and sorted: the query came along) opens.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateRange, formatMoney } from '../../../src-shared/domain/format';
import type { PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../paths';
import { useConfirm } from '../../ui/confirm';
import { DataTable } from '../../ui/data-table';
import { Field, useFieldMessage } from '../../ui/field';
import { PlanStatusBadge, useLocalLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useKindLabel } from '../../ui/plan-labels';
import { RadioGroup } from '../../ui/radio-group';
import { filterAndSortQueue, nextAfter, queueStateFrom } from './queue-model';
import { overBudget, readAmounts, takenByKind, type Outcome, type ReviewMeasure } from './review-model';
import '../exchange/exchange.css';
import './decisions.css';

const OUTCOMES: Outcome[] = ['approved', 'returned', 'measureRefused'];

export default function ReviewScreen(props: RouteProps) {
  // A new plan (the next one after a decision) starts with a fresh form.
  return <Review key={`${props.params.school ?? ''}/${props.params.plan ?? ''}`} {...props} />;
}

function Review({ params, query }: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const fieldMessage = useFieldMessage();
  const localLabel = useLocalLabel();
  const schoolId = params.school ?? '';
  const planId = params.plan ?? '';
  const semesterId = query.get('semester');
  const semester = semesterId ? { semesterId } : {};
  const review = useLoad('decisions:review', { schoolId, planId, ...semester });
  const queue = useLoad('decisions:queue', semester);
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const { submit, busy, fieldErrors, clearFieldError } = useSubmit();
  const [confirmDialog, confirm] = useConfirm();
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [amountTexts, setAmountTexts] = useState<Record<number, string>>({});
  const [refused, setRefused] = useState<Set<number>>(new Set());
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const canDecide = session.can('exchange.import');

  const plan = review.data;
  const measures = useMemo(() => plan?.measures ?? [], [plan]);
  const read = useMemo(() => readAmounts(measures, amountTexts), [measures, amountTexts]);
  const taken = useMemo(() => takenByKind(measures, read.amounts, refused, outcome), [measures, read.amounts, refused, outcome]);
  const over = plan ? overBudget(plan.budgetLeft, taken) : [];
  const queueQuery = Object.fromEntries([...query.entries()]);
  const backHref = paths.decisions(queueQuery);
  const decided = plan ? !(queue.data ?? []).some((r) => r.schoolId === plan.schoolId && r.planId === plan.planId) && queue.data !== undefined : false;

  const commentMissing = outcome !== 'approved' && comment.trim() === '';
  const refusedMissing = outcome === 'measureRefused' && refused.size === 0;
  const reasonMissing = over.length > 0 && reason.trim() === '';

  async function decide() {
    if (!plan) return;
    setTried(true);
    if (commentMissing || refusedMissing || reasonMissing || read.invalid.length > 0) return;
    const yes = await confirm({
      title: t(`authority.review.confirm.title.${outcome}`, { code: plan.planCode }),
      body: t(`authority.review.confirm.body.${outcome}`, { school: plan.schoolName }),
      confirmLabel: t(`authority.review.confirm.do.${outcome}`),
      danger: outcome !== 'approved',
    });
    if (!yes) return;
    const before = queue.data ? filterAndSortQueue(queue.data, queueStateFrom(query)) : [];
    const done = await submit('decisions:decide', {
      schoolId: plan.schoolId,
      planId: plan.planId,
      semesterId: plan.semesterId,
      outcome,
      amounts: outcome === 'returned' ? [] : read.amounts,
      refused: outcome === 'measureRefused' ? [...refused] : [],
      comment: comment.trim(),
      overBudgetReason: reason.trim(),
    });
    if (!done) return;
    toast.success(t(`authority.review.done.${outcome}`, { code: done.planCode }));
    const next = nextAfter(before, `${plan.schoolId}/${plan.planId}`);
    navigate(next ? paths.review(next.schoolId, next.planId, queueQuery) : backHref);
  }

  return (
    <Page
      title={plan ? t('authority.review.title', { code: plan.planCode }) : t('authority.review.titleLoading')}
      subtitle={plan ? `${plan.schoolName} · ${plan.classLabel || '—'}` : undefined}
      breadcrumbs={<Link to={backHref}>{t('authority.queue.title')}</Link>}
      className="page-decision-review"
    >
      <LoadState loaded={review}>
        {(plan) => (
          <>
            <section className="card" aria-labelledby="review-plan">
              <h2 id="review-plan">{t('authority.review.plan')}</h2>
              <dl className="facts" data-testid="review-facts">
                <dt>{t('authority.review.student')}</dt>
                <dd>{plan.studentName || '—'}</dd>
                <dt>{t('authority.review.school')}</dt>
                <dd>
                  {plan.schoolName} <span className="muted">({plan.schoolId})</span>
                </dd>
                <dt>{t('authority.review.status')}</dt>
                <dd>
                  <PlanStatusBadge status={plan.status as PlanStatus} />
                </dd>
                <dt>{t('authority.review.consent')}</dt>
                <dd>{plan.consentRecorded ? t('authority.review.consentOn', { date: formatDate(plan.consentOn) }) : t('authority.review.noConsent')}</dd>
              </dl>
            </section>

            <section className="card" aria-labelledby="review-risks">
              <h2 id="review-risks">{t('authority.review.risks')}</h2>
              {plan.risks.length === 0 ? (
                <p className="muted">{t('authority.review.noRisks')}</p>
              ) : (
                <ul className="risk-list" data-testid="review-risks">
                  {plan.risks.map((r) => (
                    <li key={r.id}>
                      <span className="muted">{t(keyFromData(`riskGroup.${r.group}`))}:</span> {localLabel(r)}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="card" aria-labelledby="review-measures">
              <h2 id="review-measures">{t('authority.review.measures')}</h2>
              <DataTable
                plain
                className="table compact"
                testId="review-measures"
                caption={t('authority.review.measures')}
                rows={measures}
                rowKey={(m) => m.id}
                columns={[
                  { key: 'no', label: t('authority.review.col.no'), num: true, cell: (m) => m.no },
                  { key: 'kind', label: t('authority.review.col.kind'), rowHeader: true, cell: (m) => kindLabel(m.kindCode) },
                  { key: 'period', label: t('authority.review.col.period'), cell: (m) => formatDateRange(m.startsOn, m.endsOn) },
                  {
                    key: 'planned',
                    label: t('authority.review.col.planned'),
                    num: true,
                    cell: (m) =>
                      m.plannedMinutes !== null ? t('muni.minutes', { count: m.plannedMinutes }) : m.plannedCents !== null ? formatMoney(m.plannedCents) : '—',
                  },
                  ...(canDecide && outcome !== 'returned'
                    ? [
                        {
                          key: 'approved',
                          label: t('authority.review.col.approved'),
                          cell: (m: ReviewMeasure) =>
                            m.category === 'compensation' ? (
                              <Field
                                label={t('authority.review.amountFor', { no: m.no })}
                                className="inline-field visually-hidden-label"
                                errorKey={tried && read.invalid.includes(m.no) ? 'authority.review.amountInvalid' : fieldErrors[`amounts.${m.no}`]}
                              >
                                <input
                                  type="text"
                                  inputMode="decimal"
                                  className="money-input"
                                  placeholder={m.plannedCents !== null ? formatMoney(m.plannedCents) : ''}
                                  value={amountTexts[m.no] ?? ''}
                                  onChange={(e) => {
                                    setAmountTexts((a) => ({ ...a, [m.no]: e.target.value }));
                                    clearFieldError(`amounts.${m.no}`);
                                  }}
                                />
                              </Field>
                            ) : (
                              <span className="muted">—</span>
                            ),
                        },
                      ]
                    : []),
                  ...(canDecide && outcome === 'measureRefused'
                    ? [
                        {
                          key: 'refuse',
                          label: t('authority.review.col.refuse'),
                          cell: (m: ReviewMeasure) => (
                            <label className="check">
                              <input
                                type="checkbox"
                                checked={refused.has(m.no)}
                                onChange={(e) =>
                                  setRefused((s) => {
                                    const next = new Set(s);
                                    if (e.target.checked) next.add(m.no);
                                    else next.delete(m.no);
                                    return next;
                                  })
                                }
                              />
                              {t('authority.review.refuseMeasure', { no: m.no })}
                            </label>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </section>

            <section className="card" aria-labelledby="review-budget">
              <h2 id="review-budget">{t('authority.review.budget')}</h2>
              {plan.budgetLeft.length === 0 ? (
                <p className="muted">{t('authority.review.noBudget')}</p>
              ) : (
                <DataTable
                  plain
                  className="table compact"
                  testId="review-budget"
                  caption={t('authority.review.budget')}
                  rows={plan.budgetLeft.map((b) => ({ ...b, afterCents: b.leftCents - (taken.get(b.kindCode) ?? 0) }))}
                  rowKey={(b) => b.kindCode}
                  rowClassName={(b) => (b.afterCents < 0 ? 'over-budget' : undefined)}
                  columns={[
                    { key: 'kind', label: t('authority.money.col.kind'), rowHeader: true, cell: (b) => kindLabel(b.kindCode) },
                    { key: 'budget', label: t('authority.money.col.budget'), num: true, cell: (b) => formatMoney(b.budgetCents) },
                    { key: 'left', label: t('authority.money.col.left'), num: true, cell: (b) => formatMoney(b.leftCents) },
                    { key: 'after', label: t('authority.review.col.afterDecision'), num: true, cell: (b) => formatMoney(b.afterCents) },
                  ]}
                />
              )}
            </section>

            {plan.history.length > 0 ? (
              <section className="card" aria-labelledby="review-history">
                <h2 id="review-history">{t('authority.review.history')}</h2>
                <ul data-testid="review-history">
                  {plan.history.map((h) => (
                    <li key={h.id}>
                      {formatDate(h.decidedAt)} · {t(`authority.outcome.${h.outcome}`)} · {h.decidedBy}
                      {h.comment ? <span className="muted"> — {h.comment}</span> : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {canDecide && decided ? <p className="calm-box">{t('authority.review.notWaiting')}</p> : null}
            {canDecide && !decided ? (
              <section className="card decision-form" aria-labelledby="review-decide">
                <h2 id="review-decide">{t('authority.review.decide')}</h2>
                <RadioGroup
                  legend={t('authority.review.outcome')}
                  name="outcome"
                  value={outcome}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`authority.review.outcome.${o}`) }))}
                  onChange={setOutcome}
                />
                {tried && refusedMissing ? (
                  <p className="field-error" role="alert">
                    {t('errors.decisions.refuseWhich')}
                  </p>
                ) : null}
                <Field
                  label={t(outcome === 'approved' ? 'authority.review.commentOptional' : 'authority.review.comment')}
                  hint={t('authority.review.commentHint')}
                  required={outcome !== 'approved'}
                  errorKey={tried && commentMissing ? 'errors.decisions.commentRequired' : fieldErrors.comment}
                >
                  <textarea
                    rows={3}
                    maxLength={2000}
                    value={comment}
                    onChange={(e) => {
                      setComment(e.target.value);
                      clearFieldError('comment');
                    }}
                  />
                </Field>
                {over.length > 0 || fieldErrors.overBudgetReason ? (
                  <Field
                    label={t('authority.review.overBudgetReason')}
                    hint={t('authority.review.overBudgetHint', { kinds: over.map(kindLabel).join(', ') })}
                    required
                    errorKey={
                      tried && reasonMissing
                        ? { messageKey: 'errors.decisions.overBudgetReason', params: { kinds: over.map(kindLabel).join(', ') } }
                        : fieldErrors.overBudgetReason
                    }
                  >
                    <textarea
                      rows={2}
                      maxLength={2000}
                      value={reason}
                      onChange={(e) => {
                        setReason(e.target.value);
                        clearFieldError('overBudgetReason');
                      }}
                    />
                  </Field>
                ) : null}
                {fieldErrors.refused ? (
                  <p className="field-error" role="alert">
                    {fieldMessage(fieldErrors.refused)}
                  </p>
                ) : null}
                <div className="form-actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => void decide()}>
                    {t(`authority.review.submit.${outcome}`)}
                  </button>
                  <Link to={backHref} className="button">
                    {t('authority.review.back')}
                  </Link>
                </div>
              </section>
            ) : null}
          </>
        )}
      </LoadState>
      {confirmDialog}
    </Page>
  );
}

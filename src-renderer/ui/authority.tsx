/**
 * A school's plans and its municipality (issue 9): the badge that says a plan
 * waits for the municipality (and which one) or what it decided, the package
 * deadline notice (home and data exchange), and the plan screen's panel with
 * the decisions received, approved and paid amounts, and payments.
 */
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../src-shared/domain/format';
import type { MeasureKind } from '../../src-shared/domain/measure-kinds';
import { measureDecisionNote, type AuthorityPlanState, type DecisionsOverview, type DeadlineView } from '../../src-shared/domain/school-decisions';
import { paths } from '../paths';
import { DataTable } from './data-table';
import { ErrorBanner } from './error-banner';
import { Link } from './router';
import { useSession } from './session';
import { useLoad } from './use-api';
import { formatDateTime, useKindLabel } from './plan-labels';
import '../features/plans/work.css';

/** The school's plans that stand somewhere with the municipality, by plan id (nothing outside school mode). */
export function useAuthorityStates(): { overview: DecisionsOverview | undefined; byPlan: ReadonlyMap<string, AuthorityPlanState> } {
  const session = useSession();
  const loaded = useLoad('decisions:overview', {}, { enabled: session.organisation.mode === 'school' });
  const byPlan = new Map((loaded.data?.plans ?? []).map((p) => [p.planId, p]));
  return { overview: loaded.data, byPlan };
}

/** "waiting for the decision of Madonas novads", "approved by the municipality", …; nothing when the plan does not need it. */
export function AuthorityBadge({ state, authorityName }: { state: AuthorityPlanState | undefined; authorityName: string | null | undefined }) {
  const { t } = useTranslation();
  if (!state) return null;
  const authority = authorityName ?? t('schoolDecisions.panel.unknownAuthority');
  return (
    <>
      {state.authorityState ? (
        <span className={`badge badge-authority-${state.authorityState}`} data-testid="authority-badge">
          {state.authorityState === 'waiting' ? t('schoolDecisions.badge.waiting', { authority }) : t(`decisions.authorityState.${state.authorityState}`)}
        </span>
      ) : null}
      {state.staleDecisions > 0 ? (
        <span className="badge badge-authority-stale" data-testid="authority-stale">
          ⚠ {t('schoolDecisions.badge.stale')}
        </span>
      ) : null}
    </>
  );
}

/** The package deadline: the next one (highlighted within a week), or the one missed. */
export function DeadlineNotice({ overview, withLink = false }: { overview: DecisionsOverview | undefined; withLink?: boolean }) {
  const { t } = useTranslation();
  if (!overview) return null;
  const d: DeadlineView = overview.deadline;
  const tone = d.state === 'overdue' ? 'deadline-overdue' : d.state === 'soon' ? 'deadline-soon' : 'deadline-ok';
  return (
    <section className={`card deadline ${tone}`} aria-labelledby="deadline-title" data-testid="deadline" data-state={d.state}>
      <h2 id="deadline-title">{t('schoolDecisions.deadline.title')}</h2>
      {!overview.settingsReceived ? (
        <p className="muted">{t('schoolDecisions.deadline.noSettings')}</p>
      ) : d.state === 'none' || d.deadline === null ? (
        <p className="muted">{t('schoolDecisions.deadline.none')}</p>
      ) : d.state === 'overdue' ? (
        <p role="alert">
          <strong>{t('schoolDecisions.deadline.overdue', { date: formatDate(d.deadline) })}</strong>
        </p>
      ) : (
        <p>
          <strong>{t('schoolDecisions.deadline.next', { date: formatDate(d.deadline) })}</strong>{' '}
          {d.days === 0 ? t('schoolDecisions.deadline.today') : t('schoolDecisions.deadline.daysLeft', { days: d.days ?? 0 })}
        </p>
      )}
      {withLink && (d.state === 'overdue' || d.state === 'soon') ? (
        <p className="card-links">
          <Link to={paths.exchange()}>{t('schoolDecisions.deadline.toExchange')}</Link>
        </p>
      ) : null}
    </section>
  );
}

/**
 * The plan screen's panel: where the plan stands with the municipality, every
 * decision received (a decision on a changed version flagged, not applied),
 * each compensation's planned, approved and paid amounts, and the payments.
 * Shown only when there is something to show. The plan screen keys it by
 * the plan's version, so a transition loads it again.
 */
export function PlanDecisionsPanel({ planId, kinds }: { planId: string; kinds: readonly MeasureKind[] }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel(kinds);
  const loaded = useLoad('decisions:forPlan', { planId });
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  const data = loaded.data;
  if (!data || (data.authorityState === null && data.decisions.length === 0 && data.payments.length === 0)) return null;
  const authority = data.authorityName ?? t('schoolDecisions.panel.unknownAuthority');
  const latest = data.decisions.find((d) => !d.stale);
  const stale = data.decisions.filter((d) => d.stale);
  const money = data.measures.filter((m) => m.category === 'compensation');
  const waits = data.authorityState === 'waiting' || data.authorityState === 'returned';
  return (
    <section className="card authority-panel" aria-labelledby="authority-panel-title" data-testid="authority-panel">
      <h2 id="authority-panel-title">{t('schoolDecisions.panel.title')}</h2>
      {data.authorityState ? (
        <p className={`authority-state authority-${data.authorityState}`} data-testid="authority-state">
          {data.authorityState === 'waiting'
            ? t('schoolDecisions.panel.waiting', { authority })
            : t(`schoolDecisions.decided.${data.authorityState}`, { authority })}
        </p>
      ) : null}
      {latest && latest.comment && data.authorityState !== 'waiting' ? (
        <blockquote className="history-comment prewrap" data-testid="authority-comment">
          {latest.comment}
        </blockquote>
      ) : null}
      {stale.length > 0 && (!latest || stale[0]!.decidedAt >= latest.decidedAt) ? (
        <p className="warning-inline" role="note" data-testid="authority-stale-note">
          <span aria-hidden="true">⚠</span> {t('schoolDecisions.panel.stale')}
        </p>
      ) : null}

      {money.length > 0 ? (
        <DataTable
          plain
          className="table compact"
          testId="authority-money"
          caption={t('schoolDecisions.money.title')}
          captionVisible
          rows={money}
          rowKey={(m) => m.id}
          rowData={(m) => ({ kind: m.kindCode })}
          columns={[
            { key: 'measure', label: t('schoolDecisions.col.measure'), rowHeader: true, cell: (m) => kindLabel(m.kindCode) },
            { key: 'planned', label: t('schoolDecisions.col.planned'), num: true, cell: (m) => (m.plannedCents === null ? '—' : formatMoney(m.plannedCents)) },
            {
              key: 'approved',
              label: t('schoolDecisions.col.approved'),
              num: true,
              cellTestId: 'approved-cell',
              cell: (m) => {
                const note = measureDecisionNote(m);
                return note?.kind === 'refused' ? (
                  <span className="badge badge-suspended">{t('schoolDecisions.measure.refused')}</span>
                ) : waits ? (
                  <span className="muted">{t('schoolDecisions.measure.waits')}</span>
                ) : note?.kind === 'approvedLess' ? (
                  <strong>{t('schoolDecisions.measure.approvedLess', { amount: formatMoney(note.approvedCents) })}</strong>
                ) : m.approvedCents !== null ? (
                  formatMoney(m.approvedCents)
                ) : m.plannedCents !== null && data.authorityState ? (
                  formatMoney(m.plannedCents)
                ) : (
                  '—'
                );
              },
            },
            { key: 'paid', label: t('schoolDecisions.col.paid'), num: true, cellTestId: 'paid-cell', cell: (m) => formatMoney(m.paidCents) },
          ]}
        />
      ) : null}

      <h3>{t('schoolDecisions.payments.title')}</h3>
      {data.payments.length === 0 ? (
        <p className="muted">{t('schoolDecisions.payments.none')}</p>
      ) : (
        <DataTable
          plain
          className="table compact"
          testId="authority-payments"
          caption={t('schoolDecisions.payments.title')}
          rows={data.payments}
          rowKey={(p) => p.id}
          rowData={() => ({ testid: 'payment-row' })}
          columns={[
            { key: 'paidOn', label: t('schoolDecisions.col.paidOn'), cell: (p) => formatDate(p.paidOn) },
            {
              key: 'measure',
              label: t('schoolDecisions.col.measure'),
              cell: (p) => kindLabel(data.measures.find((m) => m.id === p.measureId)?.kindCode ?? ''),
            },
            { key: 'amount', label: t('schoolDecisions.col.amount'), num: true, cell: (p) => formatMoney(p.cents) },
            { key: 'payee', label: t('schoolDecisions.col.payee'), cell: (p) => t(`schoolDecisions.payee.${p.payee}`) },
          ]}
        />
      )}

      {data.decisions.length > 0 ? (
        <>
          <h3>{t('schoolDecisions.decisions.title')}</h3>
          <ol className="history-list" data-testid="authority-decisions">
            {data.decisions.map((d) => (
              <li key={d.id} data-outcome={d.outcome} data-stale={d.stale ? 'true' : 'false'}>
                <div>
                  {t('schoolDecisions.decision.line', { outcome: t(`schoolDecisions.outcome.${d.outcome}`), date: formatDateTime(d.decidedAt) })}
                  {d.stale ? <span className="badge badge-authority-stale"> ⚠ {t('schoolDecisions.decision.staleTag')}</span> : null}
                </div>
                {d.comment ? <div className="history-comment prewrap">{t('schoolDecisions.decision.comment', { comment: d.comment })}</div> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

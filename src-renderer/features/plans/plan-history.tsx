/** Who changed the plan's status, when, and with what comment. */
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { StaffMember } from '../../../src-shared/domain/staff';
import { PlanStatusBadge } from '../../ui/labels';
import { formatDateTime, staffName } from '../../ui/plan-labels';

export function PlanHistory({ plan, staff }: { plan: PlanView; staff: readonly StaffMember[] }) {
  const { t } = useTranslation();
  const changes = [...plan.history].reverse();
  return (
    <section className="card plan-history" aria-labelledby="plan-history-title">
      <h2 id="plan-history-title">{t('plans.history')}</h2>
      <ol className="history-list">
        {changes.map((change, i) => (
          <li key={`${change.changedAt}-${i}`}>
            <div>
              <PlanStatusBadge status={change.to} completed={i === 0 && plan.completed} />
              <span className="muted"> {formatDateTime(change.changedAt)}</span>
            </div>
            <div className="small">{staffName(staff, change.changedBy)}</div>
            {change.comment ? <div className="history-comment prewrap">{change.comment}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

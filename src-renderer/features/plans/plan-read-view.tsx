/**
 * A plan as it stands, for reading: when it is no longer a draft, or the
 * person may not edit it (a director deciding on approval reads this).
 */
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateRange } from '../../../src-shared/domain/format';
import type { MeasureKind } from '../../../src-shared/domain/measure-kinds';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { ReceivedYouthProject } from '../../../src-shared/domain/school-decisions';
import type { ScreeningFactor } from '../../../src-shared/domain/screening';
import type { StaffMember } from '../../../src-shared/domain/staff';
import { useLocalLabel } from '../../ui/labels';
import { CONSENT_RELATION_KEYS, staffName, useAmount, useKindLabel } from '../../ui/plan-labels';

export function PlanReadView({
  plan,
  kinds,
  staff,
  factors,
  projects = [],
}: {
  plan: PlanView;
  kinds: readonly MeasureKind[];
  staff: readonly StaffMember[];
  factors: readonly ScreeningFactor[];
  /** The municipality's youth projects register (school), to name an NGO measure's project. */
  projects?: readonly ReceivedYouthProject[];
}) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const kindLabel = useKindLabel(kinds);
  const amount = useAmount();
  const factorLabel = (id: string) => {
    const factor = factors.find((f) => f.id === id);
    return factor ? label(factor) : id;
  };

  return (
    <>
      <section className="card" aria-labelledby="plan-goals-title">
        <h2 id="plan-goals-title">{t('plans.goals')}</h2>
        <p className="prewrap">{plan.goals || <span className="muted">{t('plans.empty')}</span>}</p>
      </section>
      <section className="card" aria-labelledby="plan-measures-title">
        <h2 id="plan-measures-title">{t('plans.measures')}</h2>
        {plan.measures.length === 0 ? <p className="muted">{t('plans.measures.none')}</p> : null}
        {plan.measures.map((m, i) => (
          <article key={m.id} className="measure-read" aria-labelledby={`measure-read-${i}`}>
            <h3 id={`measure-read-${i}`}>
              {t('plans.measure.n', { n: i + 1 })}: {kindLabel(m.kindCode)}
            </h3>
            <dl className="facts">
              <dt>{t('plans.measure.planned')}</dt>
              <dd>
                {m.category === 'ngo' ? t('plans.measure.ngoNoAmount') : amount(m.category, m.category === 'consultation' ? m.plannedMinutes : m.plannedCents)}
              </dd>
              {m.youthProjectId ? (
                <>
                  <dt>{t('schoolDecisions.youthProject')}</dt>
                  <dd data-testid="measure-youth-project">
                    {projects.find((p) => p.id === m.youthProjectId)?.title ?? t('schoolDecisions.youthProject.unknown')}
                  </dd>
                </>
              ) : null}
              <dt>{t('plans.measure.responsible')}</dt>
              <dd>{staffName(staff, m.responsibleId)}</dd>
              <dt>{t('plans.measure.period')}</dt>
              <dd>{formatDateRange(m.startsOn, m.endsOn)}</dd>
              <dt>{t('plans.measure.risks')}</dt>
              <dd>{m.riskFactorIds.map(factorLabel).join('; ')}</dd>
              <dt>{t('plans.measure.justification')}</dt>
              <dd className="prewrap">{m.justification}</dd>
            </dl>
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="plan-consent-title">
        <h2 id="plan-consent-title">{t('plans.consent')}</h2>
        {plan.consent ? (
          <p>
            {t('plans.consent.given', {
              by: plan.consent.by,
              relation: t(CONSENT_RELATION_KEYS[plan.consent.relation]),
              date: formatDate(plan.consent.on),
            })}
          </p>
        ) : (
          <p className="muted">{t('plans.consent.none')}</p>
        )}
      </section>
    </>
  );
}

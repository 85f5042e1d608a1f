/**
 * One school's imported support plans for a semester, read-only, exactly as
 * the school sent them: student, plan code and status, consent (yes/no and
 * date), measures with planned and delivered amounts, the semester outcome.
 * Free text (goals, justifications, comments, notes) never leaves the
 * school, so there is none to show. Opening the list is audited by main.
 */
import { useTranslation } from 'react-i18next';
import type { MuniPlans } from '../../../src-shared/domain/exchange';
import { formatDate, formatMoney } from '../../../src-shared/domain/format';
import type { PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { paths, type RouteProps } from '../../paths';
import { ErrorBanner } from '../../ui/error-banner';
import { PlanStatusBadge, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../exchange/semester-picker';
import { useKindLabel } from '../plans/plan-labels';
import '../exchange/exchange.css';

type PlanView = MuniPlans['plans'][number];

export default function SchoolPlansScreen({ params, query }: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const schoolId = params.id ?? '';
  const choice = useSemesterChoice(query.get('semester'));
  const plans = useLoad('muni:plans', choice.semesterId ? { schoolId, semesterId: choice.semesterId } : { schoolId }, { enabled: choice.semesterId !== null });
  const kinds = useLoad('measureKinds:list', {});
  const ownKindLabel = useKindLabel(kinds.data);
  const localLabel = useLocalLabel();
  // The school's own label for the kind (it may have added the kind itself); else ours; else the code.
  const kindLabel = (code: string, kind: PlanView['measures'][number]['kind']) => (kind ? localLabel(kind) : ownKindLabel(code));
  const list = plans.data?.plans ?? [];
  const live = list.filter((p) => !p.withdrawn);
  const state = session.organisation.mode === 'state';

  return (
    <Page
      title={plans.data?.school.name ?? t('muni.plans.title')}
      subtitle={t('muni.plans.subtitle', { semester: semesterLabel(choice.semesterId), id: schoolId })}
      breadcrumbs={<Link to={paths.schools()}>{t(state ? 'muni.schools.titleState' : 'muni.schools.title')}</Link>}
    >
      <SemesterPicker choice={choice} onChange={(semesterId) => navigate(paths.school(schoolId, semesterId), { replace: true })} />
      <p className="calm-box">{t('muni.plans.readOnly')}</p>
      {plans.error ? <ErrorBanner error={plans.error} /> : null}
      {plans.loading && !plans.data ? <p role="status">{t('app.loading')}</p> : null}
      {plans.data && list.length === 0 ? <p className="muted">{t('muni.plans.none')}</p> : null}
      {plans.data && list.length > 0 ? <p data-testid="plans-count">{t('muni.plans.count', { count: live.length })}</p> : null}
      {list.map((view) => (
        <PlanCard key={view.plan.id} view={view} kindLabel={kindLabel} />
      ))}
    </Page>
  );
}

function PlanCard({ view, kindLabel }: { view: PlanView; kindLabel(code: string, kind: PlanView['measures'][number]['kind']): string }) {
  const { t } = useTranslation();
  const { plan, student, outcome } = view;
  const name = [student.lastName, student.firstName].filter(Boolean).join(' ') || t('muni.plans.unknownStudent');
  const headingId = `plan-${plan.id.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <article className="card plan-card" aria-labelledby={headingId} data-testid="imported-plan">
      <h2 id={headingId}>
        <span>{name}</span>
        <span className="plan-code muted">{plan.code}</span>
        <PlanStatusBadge status={plan.status as PlanStatus} />
        {view.withdrawn ? <span className="badge badge-withdrawn">{t('muni.plans.withdrawn')}</span> : null}
      </h2>
      <dl className="facts">
        <dt>{t('muni.plans.personalCode')}</dt>
        <dd>{student.personalCode ?? '—'}</dd>
        <dt>{t('muni.plans.class')}</dt>
        <dd>{student.grade !== null ? `${student.grade}.${student.classLabel ?? ''}` : '—'}</dd>
        <dt>{t('muni.plans.consent')}</dt>
        <dd>{plan.consentRecorded ? t('muni.plans.consentOn', { date: formatDate(plan.consentOn) }) : t('muni.plans.noConsent')}</dd>
        <dt>{t('muni.plans.created')}</dt>
        <dd>{formatDate(plan.createdAt)}</dd>
        {plan.closedAt ? (
          <>
            <dt>{t('muni.plans.closed')}</dt>
            <dd>{formatDate(plan.closedAt)}</dd>
          </>
        ) : null}
        <dt>{t('muni.plans.outcome')}</dt>
        <dd>{outcome?.studentOutcome ? t(`studentOutcome.${outcome.studentOutcome}`) : t('muni.plans.noOutcome')}</dd>
      </dl>
      {view.measures.length === 0 ? (
        <p className="muted">{t('muni.plans.noMeasures')}</p>
      ) : (
        <table className="table compact">
          <caption className="visually-hidden">{t('muni.plans.measures', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('muni.plans.measure')}</th>
              <th scope="col">{t('muni.plans.period')}</th>
              <th scope="col" className="num">
                {t('muni.plans.planned')}
              </th>
              <th scope="col" className="num">
                {t('muni.plans.deliveries')}
              </th>
              <th scope="col" className="num">
                {t('muni.plans.delivered')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.measures.map(({ measure, kind, deliveries, minutes, cents }) => (
              <tr key={measure.id}>
                <th scope="row">{kindLabel(measure.kindCode, kind)}</th>
                <td>
                  {formatDate(measure.startsOn)} – {formatDate(measure.endsOn)}
                </td>
                <td className="num">
                  {measure.plannedMinutes !== null ? t('muni.minutes', { count: measure.plannedMinutes }) : measure.plannedCents !== null ? formatMoney(measure.plannedCents) : '—'}
                </td>
                <td className="num">{deliveries}</td>
                <td className="num">{[minutes > 0 ? t('muni.minutes', { count: minutes }) : null, cents > 0 ? formatMoney(cents) : null].filter(Boolean).join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

/**
 * The student card: who the student is, their guardians, and for every
 * semester their screening, plan, deliveries and outcomes, with links into
 * the screening form, plan editor, delivery log, semester end and printable
 * plan (their URLs come from `paths` in routes.tsx).
 */
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateRange, formatMoney } from '../../../src-shared/domain/format';
import type { Semester } from '../../../src-shared/domain/calendar';
import type { PlanListItem } from '../../../src-shared/domain/plan';
import type { Student } from '../../../src-shared/domain/student';
import { paths, type RouteProps } from '../../paths';
import { studentCardSections } from '../../student-card-sections';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { AuthorityBadge, useAuthorityStates } from '../../ui/authority';
import { PlanStatusBadge, RiskGroupChips, useClassLabel, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { registerReturnHref } from './register-memory';
import { useLoad } from '../../ui/use-api';

export default function StudentCard({ params }: RouteProps) {
  const { t } = useTranslation();
  const id = params.id ?? '';
  const student = useLoad('students:get', { id });
  return (
    <LoadGate loaded={student} title={t('student.card.title')} breadcrumbs={<Link to={registerReturnHref()}>← {t('student.backToList')}</Link>}>
      {(s) => <Card student={s} />}
    </LoadGate>
  );
}

function Card({ student }: { student: Student }) {
  const { t } = useTranslation();
  const session = useSession();
  const classLabel = useClassLabel();
  const calendar = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const plans = useLoad('plans:listForStudent', { studentId: student.id });
  const authority = useAuthorityStates();
  const today = current.data?.today ?? '';
  // Semesters that have begun, newest first: the card's history.
  const semesters: Semester[] = (calendar.data ?? [])
    .flatMap((year) => year.semesters)
    .filter((s) => !today || s.startsOn <= today || s.id === current.data?.semester.id)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn));

  return (
    <Page
      title={`${student.lastName} ${student.firstName}`}
      subtitle={
        <>
          {classLabel(student)} · {t(`studentStatus.${student.status}`)}
        </>
      }
      breadcrumbs={<Link to={registerReturnHref()}>← {t('student.backToList')}</Link>}
      actions={
        session.can('student.write') ? (
          <Link className="button" to={paths.editStudent(student.id)}>
            {t('student.edit')}
          </Link>
        ) : null
      }
    >
      <div className="card-columns">
        <section className="card" aria-labelledby="student-facts">
          <h2 id="student-facts">{t('student.section.person')}</h2>
          <dl className="facts">
            <dt>{t('student.personalCode')}</dt>
            <dd data-testid="student-personal-code">{student.personalCode}</dd>
            <dt>{t('student.birthDate')}</dt>
            <dd>{formatDate(student.birthDate) || '—'}</dd>
            <dt>{t('student.gender')}</dt>
            <dd>{t(`gender.${student.gender}`)}</dd>
            <dt>{t('student.educationLevel')}</dt>
            <dd>
              {t(`educationLevel.${student.educationLevel}`)}
              {student.programme ? `, ${student.programme}` : ''}
            </dd>
            <dt>{t('student.enrolledOn')}</dt>
            <dd>{formatDate(student.enrolledOn) || '—'}</dd>
            {student.leftOn ? (
              <>
                <dt>{t('student.leftOn')}</dt>
                <dd>{formatDate(student.leftOn)}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="student-guardians">
          <h2 id="student-guardians">{t('student.section.guardians')}</h2>
          {student.guardians.length === 0 ? <p className="muted">{t('student.guardians.none')}</p> : null}
          <ul className="plain-list guardians">
            {student.guardians.map((g) => (
              <li key={g.id}>
                <span>
                  <strong>{g.name}</strong> <span className="muted">({t(`guardianRelation.${g.relation}`)})</span>
                </span>
                <span>{[g.phone, g.email].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {calendar.error ? <ErrorBanner error={calendar.error} /> : null}
      {plans.error ? <ErrorBanner error={plans.error} /> : null}
      <h2 className="section-title">{t('student.semesters')}</h2>
      {semesters.map((semester) => (
        <SemesterSection
          key={semester.id}
          student={student}
          semester={semester}
          isCurrent={semester.id === current.data?.semester.id}
          plan={plans.data?.find((p) => p.semesterId === semester.id) ?? null}
          authority={authority}
        />
      ))}
      {studentCardSections.map((section) => (
        <section.render key={section.id} student={student} />
      ))}
    </Page>
  );
}

function SemesterSection({
  student,
  semester,
  isCurrent,
  plan,
  authority,
}: {
  student: Student;
  semester: Semester;
  isCurrent: boolean;
  plan: PlanListItem | null;
  authority: ReturnType<typeof useAuthorityStates>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const screening = useLoad('screening:get', { studentId: student.id, semesterId: semester.id });
  const s = screening.data;
  const presentGroups = s ? s.groups.filter((g) => g.present > 0).map((g) => g.group) : [];
  const titleId = `semester-${semester.id.replace(/\W/g, '-')}`;

  return (
    <section className={isCurrent ? 'card semester semester-current' : 'card semester'} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {semesterLabel(semester.id)}
        {isCurrent ? <span className="badge badge-current">{t('student.currentSemester')}</span> : null}
        <span className="muted semester-dates">{formatDateRange(semester.startsOn, semester.endsOn)}</span>
      </h3>
      <div className="semester-grid">
        <div>
          <h4>{t('student.screening')}</h4>
          {screening.error ? <ErrorBanner error={screening.error} /> : null}
          {s && s.id ? (
            <p>
              {t('student.screening.done', { date: formatDate(s.screenedOn) })} <RiskGroupChips groups={presentGroups} />
              <br />
              <span className="muted">{t(`riskLevel.${s.level.level}`)}</span>
            </p>
          ) : s ? (
            <p className="muted">{t('student.screening.none')}</p>
          ) : null}
          <p className="card-links">
            {s && (s.id || (isCurrent && session.can('screening.write'))) ? (
              <Link to={paths.screening(student.id, semester.id)}>{s.id ? t('student.screening.open') : t('student.screening.start')}</Link>
            ) : null}
          </p>
        </div>
        <div>
          <h4>{t('student.plan')}</h4>
          {plan ? (
            <>
              <p>
                <Link to={paths.plan(plan.id)} className="plan-code">
                  {plan.code}
                </Link>{' '}
                <PlanStatusBadge status={plan.status} />{' '}
                <AuthorityBadge state={authority.byPlan.get(plan.id)} authorityName={authority.overview?.authorityName} />
              </p>
              <p className="card-links">
                <Link to={paths.deliveries(plan.id)}>{t('student.plan.deliveries')}</Link>
                <Link to={paths.printPlan(plan.id)}>{t('student.plan.print')}</Link>
                <Link to={paths.semesterEnd(plan.id)}>{t('student.plan.semesterEnd')}</Link>
              </p>
            </>
          ) : (
            <>
              <p className="muted">{t('student.plan.none')}</p>
              {isCurrent && session.can('plan.write') && student.status === 'active' ? (
                <p className="card-links">
                  <Link to={paths.newPlan(student.id, semester.id)}>{t('student.plan.create')}</Link>
                </p>
              ) : null}
            </>
          )}
        </div>
        {plan ? <PlanResults planId={plan.id} semesterName={semesterLabel(semester.id)} /> : null}
      </div>
    </section>
  );
}

/** Deliveries against the plan and the semester-end outcome of one plan. */
/** `semesterName` names the table, so each semester's region of deliveries has its own name. */
function PlanResults({ planId, semesterName }: { planId: string; semesterName: string }) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const deliveries = useLoad('deliveries:listForPlan', { planId });
  const outcome = useLoad('semesterEnd:get', { planId });
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = (code: string) => {
    const kind = kinds.data?.find((k) => k.code === code);
    return kind ? label(kind) : code;
  };
  const amount = (category: string, value: number | null) =>
    value === null
      ? '—'
      : category === 'consultation'
        ? t('student.minutes', { count: value })
        : category === 'compensation'
          ? formatMoney(value)
          : String(value);

  return (
    <>
      <div>
        <h4>{t('student.deliveries')}</h4>
        {deliveries.error ? <ErrorBanner error={deliveries.error} /> : null}
        {deliveries.data && deliveries.data.measures.length === 0 ? <p className="muted">{t('student.deliveries.none')}</p> : null}
        {deliveries.data && deliveries.data.measures.length > 0 ? (
          <DataTable
            fit
            wrap
            className="compact"
            rows={deliveries.data.measures}
            rowKey={(m) => m.measureId}
            caption={`${t('student.deliveries')} · ${semesterName}`}
            columns={[
              { key: 'measure', label: t('student.measure'), rowHeader: true, cell: (m) => kindLabel(m.kindCode) },
              { key: 'delivered', label: t('student.delivered'), num: true, cell: (m) => amount(m.category, m.delivered) },
              { key: 'planned', label: t('student.planned'), num: true, cell: (m) => amount(m.category, m.planned) },
            ]}
          />
        ) : null}
      </div>
      <div>
        <h4>{t('student.outcome')}</h4>
        {outcome.error ? <ErrorBanner error={outcome.error} /> : null}
        {outcome.data ? (
          outcome.data.studentOutcome ? (
            <p>
              {t(`studentOutcome.${outcome.data.studentOutcome}`)}
              {outcome.data.risks.some((r) => r.change) ? (
                <>
                  <br />
                  <span className="muted">
                    {t('student.outcome.risks', {
                      lessened: outcome.data.risks.filter((r) => r.change === 'lessened').length,
                      unchanged: outcome.data.risks.filter((r) => r.change === 'unchanged').length,
                      grew: outcome.data.risks.filter((r) => r.change === 'grew').length,
                    })}
                  </span>
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted">{t('student.outcome.none')}</p>
          )
        ) : null}
      </div>
    </>
  );
}

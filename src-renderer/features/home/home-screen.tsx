/**
 * Home: this semester at a glance. Plans waiting for my action first (that is
 * what people come for), then students at risk by group, plans by status,
 * this month's deliveries, and compensation spending against the caps.
 * Every number links to the list behind it where there is one.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatHours, formatMoney } from '../../../src-shared/domain/format';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { PLAN_STATUSES } from '../../../src-shared/domain/plan-lifecycle';
import { paths, type RouteProps } from '../../paths';
import type { WaitingPlan } from '../../../src-shared/domain/plan';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { PlanStatusBadge, useClassLabel, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { AuthorityBadge, DeadlineNotice, useAuthorityStates } from '../../ui/authority';
import { StudentsAtRisk } from './students-at-risk';
import { NEXT_STEP_TEXT, nextStep } from './next-step';
import { sortWaiting, WAITING_COLUMNS, type WaitingSort } from '../../ui/waiting-sort';

export default function HomeScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const summary = useLoad('plans:summary', {});
  const authority = useAuthorityStates();
  const plans = summary.data;
  return (
    <Page
      title={t('home.title')}
      subtitle={summary.data?.semesterId ? t('home.semester', { semester: semesterLabel(summary.data.semesterId) }) : session.organisation.name}
    >
      {summary.data ? <NextStepCard semesterId={summary.data.semesterId} plans={summary.data.total} /> : null}
      <div className="dashboard">
        <DeadlineNotice overview={authority.overview} withLink />
        <WaitingForMe authority={authority} />
        <StudentsAtRisk />
        <section className="card" aria-labelledby="home-plans">
          <h2 id="home-plans">{t('home.plans.title')}</h2>
          {summary.error ? <ErrorBanner error={summary.error} /> : null}
          {plans ? (
            plans.total === 0 ? (
              <p className="muted">{t('home.plans.none')}</p>
            ) : (
              <DataTable
                plain
                noHeader
                className="bars"
                caption={t('home.plans.title')}
                rows={PLAN_STATUSES.filter((status) => plans.byStatus[status] > 0)}
                rowKey={(status) => status}
                columns={[
                  {
                    key: 'status',
                    label: t('home.plans.title'),
                    rowHeader: true,
                    cell: (status) => (
                      <Link to={paths.students({ plan: status, status: 'all' })}>
                        <PlanStatusBadge status={status} />
                      </Link>
                    ),
                  },
                  {
                    key: 'bar',
                    label: t('home.plans.title'),
                    cellClassName: 'bar-cell',
                    cell: (status) => <span className="bar" style={{ width: `${Math.max(2, (plans.byStatus[status] / (plans.total || 1)) * 100)}%` }} />,
                  },
                  { key: 'count', label: t('home.total'), num: true, cell: (status) => plans.byStatus[status] },
                ]}
                footer={[
                  {
                    key: 'total',
                    cells: [{ content: t('home.total'), header: true }, { content: null }, { content: plans.total, num: true }],
                  },
                ]}
              />
            )
          ) : null}
        </section>
        <DeliveriesThisMonth />
        <Spending />
      </div>
    </Page>
  );
}

/** A school that is only starting is told what to do next, with the link to do it. */
function NextStepCard({ semesterId, plans }: { semesterId: string | null; plans: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const students = useLoad('students:list', { status: 'active' }, { enabled: plans === 0 && semesterId !== null });
  if (semesterId !== null && plans === 0 && !students.data) return null;
  const step = nextStep({ semesterId, plans, activeStudents: students.data?.rows.length ?? 0, can: session.can });
  if (!step) return null;
  const text = NEXT_STEP_TEXT[step];
  const to = step === 'calendar' ? paths.settings('calendar') : step === 'students' ? paths.newStudent() : paths.students();
  return (
    <section className="card next-step" aria-labelledby="home-next-step" data-testid="next-step">
      <h2 id="home-next-step">{t('home.next.title')}</h2>
      <p>{t(text.body)}</p>
      <p>
        <Link className="button primary" to={to}>
          {t(text.link)}
        </Link>
      </p>
    </section>
  );
}

function WaitingForMe({ authority }: { authority: ReturnType<typeof useAuthorityStates> }) {
  const { t } = useTranslation();
  const WAITING_CELLS: Record<(typeof WAITING_COLUMNS)[number]['label'], Pick<DataColumn<WaitingPlan>, 'cell' | 'rowHeader' | 'cellClassName'>> = {
    'home.waiting.col.student': {
      rowHeader: true,
      cell: (plan) => (
        <Link to={paths.plan(plan.id)} data-row-action="">
          {plan.studentName}
        </Link>
      ),
    },
    'home.waiting.col.class': { cell: (plan) => classLabel(plan) },
    'home.waiting.col.reason': { cell: (plan) => t(`home.waiting.${plan.reason}`), cellClassName: 'waiting-reason' },
    'home.waiting.col.status': {
      cell: (plan) => (
        <>
          <PlanStatusBadge status={plan.status} /> <AuthorityBadge state={authority.byPlan.get(plan.id)} authorityName={authority.overview?.authorityName} />
        </>
      ),
    },
    'home.waiting.col.sentBy': { cell: (plan) => plan.sentBy ?? '' },
    'home.waiting.col.sentAt': { cell: (plan) => (plan.sentAt ? formatDate(localDay(new Date(plan.sentAt))) : '') },
    'home.waiting.col.code': { cell: (plan) => plan.code, cellClassName: 'muted plan-code' },
  };
  const waiting = useLoad('plans:listWaiting', {});
  const forAuthority = authority.overview?.plans.filter((p) => p.authorityState === 'waiting').length ?? 0;
  const classLabel = useClassLabel();
  const [sort, setSort] = useState<{ key: WaitingSort; dir: 'asc' | 'desc' }>({ key: 'sentAt', dir: 'asc' });
  const rows = useMemo(() => sortWaiting(waiting.data ?? [], sort.key, sort.dir), [waiting.data, sort]);
  return (
    <section className="card dashboard-wide" aria-labelledby="home-waiting">
      <h2 id="home-waiting">{t('home.waiting.title')}</h2>
      {waiting.error ? <ErrorBanner error={waiting.error} /> : null}
      {waiting.data && waiting.data.length === 0 ? <p className="muted">{t('home.waiting.none')}</p> : null}
      {rows.length > 0 ? (
        <DataTable
          fit
          rows={rows}
          rowKey={(plan) => `${plan.id}-${plan.reason}`}
          caption={t('home.waiting.caption')}
          testId="waiting-table"
          className="waiting-table"
          sort={sort}
          onSort={(key) => setSort((now) => ({ key: key as WaitingSort, dir: now.key === key && now.dir === 'asc' ? 'desc' : 'asc' }))}
          columns={WAITING_COLUMNS.map((col) => ({
            key: col.key ?? col.label,
            label: t(col.label),
            sortable: col.key !== null,
            width: col.width,
            ...WAITING_CELLS[col.label],
          }))}
        />
      ) : null}
      {forAuthority > 0 ? <p data-testid="home-authority-waiting">{t('schoolDecisions.home.waiting', { count: forAuthority })}</p> : null}
    </section>
  );
}

function DeliveriesThisMonth() {
  const { t } = useTranslation();
  const month = useLoad('deliveries:month', {});
  const m = month.data;
  return (
    <section className="card" aria-labelledby="home-month">
      <h2 id="home-month">{t('home.month.title')}</h2>
      {month.error ? <ErrorBanner error={month.error} /> : null}
      {m ? (
        m.count === 0 ? (
          <p className="muted">{t('home.month.none')}</p>
        ) : (
          <dl className="facts">
            <dt>{t('home.month.deliveries')}</dt>
            <dd>{t('home.month.count', { count: m.count, mine: m.recordedByMe })}</dd>
            <dt>{t('home.month.students')}</dt>
            <dd>{m.students}</dd>
            <dt>{t('home.month.consultations')}</dt>
            <dd>{t('home.month.hours', { hours: formatHours(m.consultationMinutes) })}</dd>
            <dt>{t('home.month.compensations')}</dt>
            <dd>{formatMoney(m.compensationCents)}</dd>
            <dt>{t('home.month.ngo')}</dt>
            <dd>{m.ngoParticipations}</dd>
          </dl>
        )
      ) : null}
    </section>
  );
}

function Spending() {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const spending = useLoad('deliveries:spending', {});
  const kinds = (spending.data?.kinds ?? []).filter((k) => k.spentCents > 0 || k.capCents !== null);
  return (
    <section className="card dashboard-wide" aria-labelledby="home-spending">
      <h2 id="home-spending">{t('home.spending.title')}</h2>
      {spending.error ? <ErrorBanner error={spending.error} /> : null}
      {spending.data && kinds.length === 0 ? <p className="muted">{t('home.spending.none')}</p> : null}
      {kinds.length > 0 ? (
        <DataTable
          fit
          wrap
          rows={kinds}
          rowKey={(k) => k.kindCode}
          caption={t('home.spending.caption')}
          columns={[
            { key: 'kind', label: t('home.spending.kind'), rowHeader: true, cell: (k) => label(k) },
            { key: 'spent', label: t('home.spending.spent'), num: true, cell: (k) => formatMoney(k.spentCents) },
            {
              key: 'cap',
              label: t('home.spending.cap'),
              num: true,
              cell: (k) => (k.capCents === null ? t('home.spending.noCap') : formatMoney(k.capCents)),
            },
            { key: 'students', label: t('home.spending.students'), num: true, cell: (k) => k.students },
            {
              key: 'overCap',
              label: t('home.spending.overCap'),
              num: true,
              cell: (k) => (k.studentsOverCap > 0 ? <span className="over-cap">{k.studentsOverCap}</span> : k.studentsOverCap),
            },
          ]}
        />
      ) : null}
    </section>
  );
}

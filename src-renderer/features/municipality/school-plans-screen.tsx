/**
 * One school's imported support plans for a semester, read-only, exactly as
 * the school sent them, as a table that stays fast with thousands of plans
 * (only the rows in view are drawn): search by student, personal code, plan
 * code, class or status, filters by status, grade and consent, sorting by
 * any column. Search, filters, sort and the opened plan live in the URL, so
 * Back returns to the same table. Opening a row shows the plan's consent,
 * measures with planned and delivered amounts and the semester outcome.
 * Free text (goals, justifications, comments, notes) never leaves the
 * school, so there is none to show. Opening the list is audited by main.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateRange, formatMoney } from '../../../src-shared/domain/format';
import { PLAN_STATUSES, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { paths, type RouteProps } from '../../paths';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { FilterBar, FilterSelect, SearchFilter } from '../../ui/filter-bar';
import { PlanStatusBadge, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { hrefFor, Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { useKindLabel } from '../../ui/plan-labels';
import {
  classText,
  CONSENT_FILTERS,
  filterAndSort,
  planTotals,
  studentName,
  tableQuery,
  tableStateFrom,
  type ConsentFilter,
  type PlanTableState,
  type PlanView,
  type SortKey,
} from './plan-table-model';
import '../exchange/exchange.css';
import './plans-table.css';
import { keyFromData } from '../../../src-shared/i18n/index';

const SEARCH_DELAY_MS = 150;
const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

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
  const state = useMemo(() => tableStateFrom(query), [query]);
  const openId = query.get('open');
  const [search, setSearch] = useState(state.q);
  const statusLabel = (status: string) => t(keyFromData(`planStatus.${status}`));
  const list = plans.data?.plans;
  const rows = useMemo(() => (list ? filterAndSort(list, state, (s) => t(keyFromData(`planStatus.${s}`))) : []), [list, state, t]);
  const live = (list ?? []).filter((p) => !p.withdrawn).length;
  const opened = openId ? list?.find((view) => view.plan.id === openId) : undefined;
  const isState = session.organisation.mode === 'state';

  function go(change: Partial<PlanTableState>, open: string | null = openId) {
    navigate(
      hrefFor(`/schools/${encodeURIComponent(schoolId)}`, { semester: query.get('semester'), ...tableQuery({ ...state, ...change }), open: open ?? undefined }),
      { replace: true },
    );
  }

  // Typing updates the URL after a short pause, so each key press does not filter thousands of rows.
  useEffect(() => {
    if (state.q === search.trim()) return;
    const timer = window.setTimeout(() => go({ q: search }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  });

  const anyFilter = Boolean(state.q || state.status || state.grade || state.consent);

  return (
    <Page
      title={plans.data?.school.name ?? t('muni.plans.title')}
      subtitle={t('muni.plans.subtitle', { semester: semesterLabel(choice.semesterId), id: schoolId })}
      breadcrumbs={<Link to={paths.schools()}>{t(isState ? 'muni.schools.titleState' : 'muni.schools.title')}</Link>}
      className="page-muni-plans"
    >
      <SemesterPicker choice={choice} onChange={(semesterId) => navigate(paths.school(schoolId, semesterId), { replace: true })} />
      <p className="calm-box">{t('muni.plans.readOnly')}</p>
      <LoadState loaded={plans} isEmpty={(d) => d.plans.length === 0} empty={<p className="muted">{t('muni.plans.none')}</p>}>
        {({ plans: all }) => (
          <>
            <FilterBar
              clearLabel={t('muni.plans.filter.clear')}
              canClear={anyFilter}
              onClear={() => {
                setSearch('');
                go({ q: '', status: null, grade: null, consent: null });
              }}
            >
              <SearchFilter label={t('muni.plans.search')} hint={t('muni.plans.searchHint')} value={search} onChange={setSearch} />
              <FilterSelect
                label={t('muni.plans.filter.status')}
                allLabel={t('muni.plans.filter.all')}
                value={state.status ?? ''}
                options={PLAN_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                onChange={(value) => go({ status: value || null })}
              />
              <FilterSelect
                label={t('muni.plans.filter.grade')}
                allLabel={t('muni.plans.filter.all')}
                value={state.grade ?? ''}
                options={GRADES.map((g) => ({ value: g, label: String(g) }))}
                onChange={(value) => go({ grade: value ? Number(value) : null })}
              />
              <FilterSelect
                label={t('muni.plans.consent')}
                allLabel={t('muni.plans.filter.all')}
                value={state.consent ?? ''}
                options={CONSENT_FILTERS.map((c) => ({ value: c, label: t(`muni.plans.filter.consent.${c}`) }))}
                onChange={(value) => go({ consent: (value || null) as ConsentFilter | null })}
              />
            </FilterBar>
            <p role="status" aria-live="polite" data-testid="plans-count">
              {rows.length === all.length ? t('muni.plans.count', { count: live }) : t('muni.plans.shown', { count: rows.length, total: all.length })}
            </p>
            <PlanTable
              rows={rows}
              state={state}
              openId={openId}
              onSort={(sort) => go({ sort, dir: state.sort === sort && state.dir === 'asc' ? 'desc' : 'asc' })}
              onOpen={(id) => go({}, id)}
            />
            {opened ? <PlanDetails key={opened.plan.id} view={opened} kindLabel={kindLabel} onClose={() => go({}, null)} /> : null}
          </>
        )}
      </LoadState>
    </Page>
  );
}

function PlanTable({
  rows,
  state,
  openId,
  onSort,
  onOpen,
}: {
  rows: PlanView[];
  state: PlanTableState;
  openId: string | null;
  onSort(key: SortKey): void;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const columns: DataColumn<PlanView>[] = [
    {
      key: 'student',
      label: t('muni.plans.col.student'),
      rowHeader: true,
      width: '26%',
      cell: (view) => (
        <button type="button" className="link-button" data-row-action aria-expanded={view.plan.id === openId} onClick={() => onOpen(view.plan.id)}>
          {studentName(view) || t('muni.plans.unknownStudent')}
        </button>
      ),
    },
    { key: 'code', label: t('muni.plans.col.code'), width: '13%', cellClassName: 'plan-code', cell: (view) => view.plan.code },
    { key: 'class', label: t('muni.plans.class'), width: '6%', cell: (view) => classText(view) || '—' },
    {
      key: 'status',
      label: t('muni.plans.col.status'),
      width: '15%',
      cell: (view) => (
        <>
          <PlanStatusBadge status={view.plan.status as PlanStatus} />
          {view.withdrawn ? <span className="badge badge-withdrawn">{t('muni.plans.withdrawn')}</span> : null}
        </>
      ),
    },
    {
      key: 'consent',
      label: t('muni.plans.col.consent'),
      width: '10%',
      cell: (view) => (view.plan.consentRecorded ? formatDate(view.plan.consentOn) : t('muni.plans.noConsentShort')),
    },
    { key: 'measures', label: t('muni.plans.col.measures'), num: true, width: '8%', cell: (view) => view.measures.length },
    {
      key: 'minutes',
      label: t('muni.plans.col.minutes'),
      num: true,
      width: '11%',
      cell: (view) => {
        const { minutes } = planTotals(view);
        return minutes > 0 ? t('muni.minutes', { count: minutes }) : '—';
      },
    },
    {
      key: 'cents',
      label: t('muni.plans.col.cents'),
      num: true,
      width: '11%',
      cell: (view) => {
        const { cents } = planTotals(view);
        return cents > 0 ? formatMoney(cents) : '—';
      },
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(view) => view.plan.id}
      caption={t('muni.plans.tableCaption')}
      sort={{ key: state.sort, dir: state.dir }}
      onSort={(key) => onSort(key as SortKey)}
      selectedKey={openId}
      emptyText={t('muni.plans.noMatch')}
      testId="plans-table"
      scrollClassName="plan-table-scroll"
      className="plan-table"
    />
  );
}

function PlanDetails({
  view,
  kindLabel,
  onClose,
}: {
  view: PlanView;
  kindLabel(code: string, kind: PlanView['measures'][number]['kind']): string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { plan, student, outcome } = view;
  const name = studentName(view) || t('muni.plans.unknownStudent');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <article className="card plan-card" aria-labelledby={headingId} data-testid="imported-plan">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        <span>{name}</span>
        <span className="plan-code muted">{plan.code}</span>
        <PlanStatusBadge status={plan.status as PlanStatus} />
        {view.withdrawn ? <span className="badge badge-withdrawn">{t('muni.plans.withdrawn')}</span> : null}
      </h2>
      <dl className="facts">
        <dt>{t('muni.plans.personalCode')}</dt>
        <dd>{student.personalCode ?? '—'}</dd>
        <dt>{t('muni.plans.class')}</dt>
        <dd>{classText(view) || '—'}</dd>
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
        <DataTable
          plain
          className="table compact"
          caption={t('muni.plans.measures', { name })}
          rows={view.measures}
          rowKey={(m) => m.measure.id}
          columns={[
            { key: 'measure', label: t('muni.plans.measure'), rowHeader: true, cell: ({ measure, kind }) => kindLabel(measure.kindCode, kind) },
            { key: 'period', label: t('muni.plans.period'), cell: ({ measure }) => formatDateRange(measure.startsOn, measure.endsOn) },
            {
              key: 'planned',
              label: t('muni.plans.planned'),
              num: true,
              cell: ({ measure }) =>
                measure.plannedMinutes !== null
                  ? t('muni.minutes', { count: measure.plannedMinutes })
                  : measure.plannedCents !== null
                    ? formatMoney(measure.plannedCents)
                    : '—',
            },
            { key: 'deliveries', label: t('muni.plans.deliveries'), num: true, cell: ({ deliveries }) => deliveries },
            {
              key: 'delivered',
              label: t('muni.plans.delivered'),
              num: true,
              cell: ({ minutes, cents }) =>
                [minutes > 0 ? t('muni.minutes', { count: minutes }) : null, cents > 0 ? formatMoney(cents) : null].filter(Boolean).join(' · ') || '—',
            },
          ]}
        />
      )}
      <button type="button" onClick={onClose}>
        {t('muni.plans.closeDetails')}
      </button>
    </article>
  );
}

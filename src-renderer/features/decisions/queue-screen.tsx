/**
 * The decision queue (municipality, or the state for its vocational
 * schools): every imported plan waiting for a decision, oldest first, as one
 * data table that stays fast with thousands of rows. Search (plan code,
 * school, class), filters (school, status, measure kind, waiting since) and
 * the sort live in the URL, so coming back from a review restores the table.
 * A row's plan code opens its review; arrow keys move between rows.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../src-shared/domain/decisions';
import { formatDate, formatMoney } from '../../../src-shared/domain/format';
import type { PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../paths';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { dateTextToIso, DateInput } from '../../ui/date-input';
import { Field } from '../../ui/field';
import { FilterBar, FilterSelect, SearchFilter } from '../../ui/filter-bar';
import { PlanStatusBadge, useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { hrefFor, Link, navigate } from '../../ui/router';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { useKindLabel } from '../../ui/plan-labels';
import { filterAndSortQueue, queueFacets, queueKey, queueQuery, queueStateFrom, type QueueSortKey, type QueueState } from './queue-model';
import '../exchange/exchange.css';
import './decisions.css';

const SEARCH_DELAY_MS = 150;

export default function QueueScreen({ query }: RouteProps) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice(query.get('semester'));
  const queue = useLoad('decisions:queue', choice.semesterId ? { semesterId: choice.semesterId } : {}, { enabled: choice.semesterId !== null });
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const state = useMemo(() => queueStateFrom(query), [query]);
  const [search, setSearch] = useState(state.q);
  const [sinceText, setSinceText] = useState(state.since ? formatDate(state.since) : '');
  const statusLabel = (status: string) => t(keyFromData(`planStatus.${status}`));
  const all = queue.data;
  const rows = useMemo(() => (all ? filterAndSortQueue(all, state, (s) => t(keyFromData(`planStatus.${s}`))) : []), [all, state, t]);
  const facets = useMemo(() => queueFacets(all ?? []), [all]);

  function go(change: Partial<QueueState>) {
    navigate(hrefFor('/decisions', { semester: query.get('semester'), ...queueQuery({ ...state, ...change }) }), { replace: true });
  }

  useEffect(() => {
    if (state.q === search.trim()) return;
    const timer = window.setTimeout(() => go({ q: search }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  });

  const reviewHref = (row: QueueRow) => paths.review(row.schoolId, row.planId, { semester: query.get('semester'), ...queueQuery(state) });
  const anyFilter = Boolean(state.q || state.school || state.status || state.kind || state.since);

  const columns: DataColumn<QueueRow>[] = [
    {
      key: 'code',
      label: t('authority.queue.col.code'),
      rowHeader: true,
      width: '19%',
      cellClassName: 'plan-code',
      cell: (row) => (
        <Link to={reviewHref(row)} data-row-action aria-label={t('authority.queue.open', { code: row.planCode })}>
          {row.planCode}
        </Link>
      ),
    },
    { key: 'school', label: t('authority.queue.col.school'), width: '20%', cell: (row) => row.schoolName },
    { key: 'class', label: t('authority.queue.col.class'), width: '7%', cell: (row) => row.classLabel || '—' },
    {
      key: 'status',
      label: t('authority.queue.col.status'),
      width: '14%',
      cell: (row) => (
        <>
          <PlanStatusBadge status={row.status as PlanStatus} />
          {row.lastOutcome === 'returned' ? <span className="badge badge-returned">{t('authority.queue.resubmitted')}</span> : null}
        </>
      ),
    },
    { key: 'kinds', label: t('authority.queue.col.kinds'), width: '20%', cell: (row) => row.kinds.map(kindLabel).join(', ') },
    {
      key: 'cents',
      label: t('authority.queue.col.cents'),
      num: true,
      width: '10%',
      cell: (row) => (row.plannedCents > 0 ? formatMoney(row.plannedCents) : '—'),
    },
    { key: 'waiting', label: t('authority.queue.col.waiting'), width: '10%', cell: (row) => formatDate(row.waitingSince) },
  ];

  return (
    <Page
      title={t('authority.queue.title')}
      subtitle={t('authority.queue.subtitle', { semester: semesterLabel(choice.semesterId) })}
      className="page-decision-queue"
    >
      <SemesterPicker choice={choice} onChange={(semesterId) => navigate(hrefFor('/decisions', { semester: semesterId }), { replace: true })} />
      <LoadState
        loaded={queue}
        isEmpty={(list) => list.length === 0}
        empty={
          <p className="calm-box" data-testid="queue-empty">
            {t('authority.queue.none')}
          </p>
        }
      >
        {(list) => (
          <>
            <FilterBar
              clearLabel={t('authority.queue.filter.clear')}
              canClear={anyFilter}
              onClear={() => {
                setSearch('');
                setSinceText('');
                go({ q: '', school: null, status: null, kind: null, since: null });
              }}
            >
              <SearchFilter label={t('authority.queue.search')} hint={t('authority.queue.searchHint')} value={search} onChange={setSearch} />
              <FilterSelect
                label={t('authority.queue.filter.school')}
                allLabel={t('authority.queue.filter.all')}
                value={state.school ?? ''}
                options={facets.schools.map((s) => ({ value: s.id, label: s.name }))}
                onChange={(value) => go({ school: value || null })}
              />
              <FilterSelect
                label={t('authority.queue.filter.status')}
                allLabel={t('authority.queue.filter.all')}
                value={state.status ?? ''}
                options={facets.statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
                onChange={(value) => go({ status: value || null })}
              />
              <FilterSelect
                label={t('authority.queue.filter.kind')}
                allLabel={t('authority.queue.filter.all')}
                value={state.kind ?? ''}
                options={facets.kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
                onChange={(value) => go({ kind: value || null })}
              />
              <Field label={t('authority.queue.filter.since')} hint={t('authority.queue.filter.sinceHint')} className="filter">
                <DateInput
                  value={sinceText}
                  onChange={(text) => {
                    setSinceText(text);
                    const iso = dateTextToIso(text);
                    if (iso === null) go({ since: null });
                    else if (iso !== 'invalid') go({ since: iso });
                  }}
                />
              </Field>
            </FilterBar>
            <p role="status" aria-live="polite" data-testid="queue-count">
              {rows.length === list.length
                ? t('authority.queue.count', { count: list.length })
                : t('authority.queue.shown', { count: rows.length, total: list.length })}
            </p>
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={queueKey}
              caption={t('authority.queue.caption')}
              sort={{ key: state.sort, dir: state.dir }}
              onSort={(key) => go({ sort: key as QueueSortKey, dir: state.sort === key && state.dir === 'asc' ? 'desc' : 'asc' })}
              emptyText={t('authority.queue.noMatch')}
              testId="queue-table"
            />
          </>
        )}
      </LoadState>
    </Page>
  );
}

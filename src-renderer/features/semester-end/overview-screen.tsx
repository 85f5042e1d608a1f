/**
 * Semester end at a glance: every plan of the current semester that is
 * still open (approved, in progress, under review or suspended), to be
 * evaluated and closed one after another. One call (`plans:listOpen`) brings
 * the list with each plan's evaluation progress; main audits it as one
 * opening of the list.
 */
import { useTranslation } from 'react-i18next';
import { paths } from '../../paths';
import { DataTable } from '../../ui/data-table';
import { LoadState } from '../../ui/load-state';
import { AuthorityBadge, useAuthorityStates } from '../../ui/authority';
import { PlanStatusBadge, useClassLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { navigate } from '../../ui/router';
import { useLoad } from '../../ui/use-api';
import '../plans/work.css';

export default function SemesterEndOverview() {
  const { t } = useTranslation();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const list = useLoad('plans:listOpen', {});
  const authority = useAuthorityStates();
  const semesterId = list.data?.semesterId ?? null;

  return (
    <Page title={t('semesterEnd.overview.title')} subtitle={semesterLabel(semesterId)}>
      <p className="muted">{t('semesterEnd.overview.intro')}</p>
      <LoadState loaded={list} isEmpty={(d) => d.plans.length === 0} emptyText={t('semesterEnd.overview.none')}>
        {({ plans: rows }) => (
          <DataTable
            fit
            rows={rows}
            rowKey={(row) => row.id}
            caption={t('semesterEnd.overview.title')}
            columns={[
              { key: 'student', label: t('semesterEnd.overview.student'), rowHeader: true, cell: (row) => row.studentName },
              { key: 'class', label: t('semesterEnd.overview.class'), cell: (row) => classLabel(row) },
              { key: 'code', label: t('semesterEnd.overview.code'), cellClassName: 'plan-code', cell: (row) => row.code },
              {
                key: 'status',
                label: t('semesterEnd.overview.status'),
                cell: (row) => (
                  <>
                    <PlanStatusBadge status={row.status} />{' '}
                    <AuthorityBadge state={authority.byPlan.get(row.id)} authorityName={authority.overview?.authorityName} />
                  </>
                ),
              },
              {
                key: 'progress',
                label: t('semesterEnd.overview.progress'),
                num: true,
                cell: (row) => t('semesterEnd.overview.progressOf', { evaluated: row.evaluated, total: row.toEvaluate }),
              },
              {
                key: 'actions',
                label: t('semesterEnd.overview.actions'),
                hideLabel: true,
                cellClassName: 'row-actions',
                cell: (row) => (
                  <button
                    type="button"
                    data-row-action
                    onClick={() => navigate(paths.semesterEnd(row.id))}
                    aria-label={t('semesterEnd.overview.evaluateWho', { name: row.studentName })}
                  >
                    {t('semesterEnd.overview.evaluate')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </LoadState>
    </Page>
  );
}

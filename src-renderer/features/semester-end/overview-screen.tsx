/**
 * Semester end at a glance: every plan of the current semester that is
 * still open (approved, in progress, under review or suspended), to be
 * evaluated and closed one after another. One call (`plans:listOpen`) brings
 * the list with each plan's evaluation progress; main audits it as one
 * opening of the list.
 */
import { useTranslation } from 'react-i18next';
import { paths } from '../../paths';
import { ErrorBanner } from '../../ui/error-banner';
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
  const rows = list.data?.plans ?? [];
  const semesterId = list.data?.semesterId ?? null;
  const loading = list.loading && !list.data;

  return (
    <Page title={t('semesterEnd.overview.title')} subtitle={semesterLabel(semesterId)}>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      <p className="muted">{t('semesterEnd.overview.intro')}</p>
      {loading ? <p role="status">{t('app.loading')}</p> : null}
      {list.data && rows.length === 0 ? <p className="notice">{t('semesterEnd.overview.none')}</p> : null}
      {rows.length > 0 ? (
        <div className="card">
          <table className="table">
            <caption className="visually-hidden">{t('semesterEnd.overview.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('semesterEnd.overview.student')}</th>
                <th scope="col">{t('semesterEnd.overview.class')}</th>
                <th scope="col">{t('semesterEnd.overview.code')}</th>
                <th scope="col">{t('semesterEnd.overview.status')}</th>
                <th scope="col">{t('semesterEnd.overview.progress')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('semesterEnd.overview.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.studentName}</th>
                  <td>{classLabel(row)}</td>
                  <td className="plan-code">{row.code}</td>
                  <td>
                    <PlanStatusBadge status={row.status} />{' '}
                    <AuthorityBadge state={authority.byPlan.get(row.id)} authorityName={authority.overview?.authorityName} />
                  </td>
                  <td className="num">{t('semesterEnd.overview.progressOf', { evaluated: row.evaluated, total: row.toEvaluate })}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      onClick={() => navigate(paths.semesterEnd(row.id))}
                      aria-label={t('semesterEnd.overview.evaluateWho', { name: row.studentName })}
                    >
                      {t('semesterEnd.overview.evaluate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}

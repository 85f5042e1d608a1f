/**
 * Semester end at a glance: every plan of the current semester that is
 * still open (approved, in progress, under review or suspended), to be
 * evaluated and closed one after another.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import type { StudentRow } from '../../../src-shared/domain/student';
import { paths } from '../../routes';
import { ErrorBanner } from '../../ui/error-banner';
import { PlanStatusBadge, useClassLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { navigate } from '../../ui/router';
import { useToast } from '../../ui/toast';
import { callChecked, useLoad } from '../../ui/use-api';
import '../plans/work.css';

const OPEN: PlanStatus[] = ['approved', 'active', 'underReview', 'suspended'];

export default function SemesterEndOverview() {
  const { t } = useTranslation();
  const toast = useToast();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const approved = useLoad('students:list', { planStatus: 'approved' });
  const active = useLoad('students:list', { planStatus: 'active' });
  const underReview = useLoad('students:list', { planStatus: 'underReview' });
  const suspended = useLoad('students:list', { planStatus: 'suspended' });
  const [opening, setOpening] = useState<string | null>(null);
  const lists = [approved, active, underReview, suspended];
  const error = lists.find((l) => l.error)?.error ?? null;
  const rows: StudentRow[] = lists
    .flatMap((l) => l.data?.rows ?? [])
    .filter((r) => r.planStatus !== null && OPEN.includes(r.planStatus))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'lv') || a.firstName.localeCompare(b.firstName, 'lv'));
  const semesterId = lists.find((l) => l.data)?.data?.semesterId ?? null;
  const loading = lists.some((l) => l.loading && !l.data);

  async function open(row: StudentRow) {
    setOpening(row.id);
    const result = await callChecked('plans:listForStudent', { studentId: row.id });
    setOpening(null);
    if (!result.ok) {
      if (result.error.code !== 'NOT_SIGNED_IN') toast.error(result.error);
      return;
    }
    const plan = result.value.find((p) => p.semesterId === semesterId);
    if (plan) navigate(paths.semesterEnd(plan.id));
  }

  return (
    <Page title={t('semesterEnd.overview.title')} subtitle={semesterLabel(semesterId)}>
      {error ? <ErrorBanner error={error} /> : null}
      <p className="muted">{t('semesterEnd.overview.intro')}</p>
      {loading ? <p role="status">{t('app.loading')}</p> : null}
      {!loading && rows.length === 0 ? <p className="notice">{t('semesterEnd.overview.none')}</p> : null}
      {rows.length > 0 ? (
        <div className="card">
          <table className="table">
            <caption className="visually-hidden">{t('semesterEnd.overview.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('semesterEnd.overview.student')}</th>
                <th scope="col">{t('semesterEnd.overview.class')}</th>
                <th scope="col">{t('semesterEnd.overview.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('semesterEnd.overview.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.lastName} {row.firstName}
                  </th>
                  <td>{classLabel(row)}</td>
                  <td>
                    <PlanStatusBadge status={row.planStatus} />
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={() => void open(row)} disabled={opening !== null} aria-label={t('semesterEnd.overview.evaluateWho', { name: `${row.lastName} ${row.firstName}` })}>
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

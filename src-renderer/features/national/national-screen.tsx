/**
 * The state's national picture for a semester: who has reported (each
 * enrolled municipality and state vocational school, its newest report,
 * late or not against the deadline), then counts by municipality and
 * school. Never by person: main returns counts and sums only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../src-shared/domain/format';
import type { RouteProps } from '../../routes';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import '../exchange/exchange.css';

export default function NationalScreen({ query }: RouteProps) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice(query.get('semester'));
  const [sender, setSender] = useState<string | null>(query.get('sender'));
  const semester = choice.semesterId ? { semesterId: choice.semesterId } : {};
  const reporters = useLoad('state:reporters', semester, { enabled: choice.semesterId !== null });
  const counts = useLoad('state:counts', { ...semester, ...(sender ? { senderId: sender } : {}) }, { enabled: choice.semesterId !== null });
  const rows = counts.data?.rows ?? [];
  const deadline = reporters.data?.deadline ?? null;

  return (
    <Page title={t('national.title')} subtitle={semesterLabel(choice.semesterId)}>
      <SemesterPicker choice={choice} />
      <p className="muted">{t('national.note')}</p>
      <section className="card" aria-labelledby="reporters-title">
        <h2 id="reporters-title">{t('national.reporters.title')}</h2>
        {deadline ? <p data-testid="report-deadline">{t('national.reporters.deadline', { date: formatDate(deadline) })}</p> : null}
        {reporters.error ? <ErrorBanner error={reporters.error} /> : null}
        {reporters.data && reporters.data.reporters.length === 0 ? <p className="calm-box">{t('national.reporters.none')}</p> : null}
        {reporters.data && reporters.data.reporters.length > 0 ? (
          <DataTable
            plain
            className="table"
            testId="reporters-table"
            caption={t('national.reporters.title')}
            rows={reporters.data.reporters}
            rowKey={(r) => r.org.id}
            rowData={() => ({ testid: 'reporter-row' })}
            columns={[
              { key: 'sender', label: t('national.col.sender'), rowHeader: true, cell: (r) => r.org.name },
              {
                key: 'status',
                label: t('national.col.status'),
                cell: (r) =>
                  !r.enrolled
                    ? t('national.reporters.notEnrolled')
                    : r.lastPackage
                      ? t(r.lastPackage.late ? 'national.reporters.late' : 'national.reporters.reported', {
                          date: formatDate(r.lastPackage.createdAt.slice(0, 10)),
                          seq: r.lastPackage.seq,
                        })
                      : t('national.reporters.missing'),
              },
              { key: 'schools', label: t('national.col.schools'), num: true, cell: (r) => r.schools },
            ]}
          />
        ) : null}
      </section>
      <section className="card" aria-labelledby="national-counts-title">
        <h2 id="national-counts-title">{t('national.counts.title')}</h2>
        <Field label={t('national.counts.sender')}>
          <select value={sender ?? ''} onChange={(event) => setSender(event.target.value === '' ? null : event.target.value)}>
            <option value="">{t('national.counts.allSenders')}</option>
            {(reporters.data?.reporters ?? [])
              .filter((r) => r.enrolled)
              .map((r) => (
                <option key={r.org.id} value={r.org.id}>
                  {r.org.name}
                </option>
              ))}
          </select>
        </Field>
        {counts.error ? <ErrorBanner error={counts.error} /> : null}
        {counts.data && rows.length === 0 ? <p className="calm-box">{t('national.counts.none')}</p> : null}
        {rows.length > 0 ? (
          <DataTable
            plain
            className="table"
            testId="national-counts"
            caption={t('national.counts.title')}
            rows={rows}
            rowKey={(r) => `${r.senderId}/${r.schoolId}`}
            rowData={() => ({ testid: 'national-row' })}
            columns={[
              { key: 'sender', label: t('national.col.sender'), cell: (r) => r.senderName },
              { key: 'school', label: t('national.col.school'), rowHeader: true, cell: (r) => r.schoolName },
              { key: 'students', label: t('national.col.students'), num: true, cellTestId: 'national-students', cell: (r) => r.students },
              { key: 'atRisk', label: t('national.col.atRisk'), num: true, cell: (r) => r.screenedAtRisk },
              { key: 'plans', label: t('national.col.plans'), num: true, cellTestId: 'national-plans', cell: (r) => r.plans },
              { key: 'measures', label: t('national.col.measures'), num: true, cell: (r) => r.measures },
              {
                key: 'minutes',
                label: t('national.col.minutes'),
                num: true,
                cell: (r) => t('national.planned', { planned: r.plannedMinutes, delivered: r.deliveredMinutes }),
              },
              {
                key: 'money',
                label: t('national.col.money'),
                num: true,
                cell: (r) => t('national.planned', { planned: formatMoney(r.plannedCents), delivered: formatMoney(r.deliveredCents) }),
              },
              {
                key: 'compensations',
                label: t('national.col.compensations'),
                num: true,
                cellTestId: 'national-compensations',
                cell: (r) => t('national.compensations', { approved: formatMoney(r.approvedCents), paid: formatMoney(r.paidCents) }),
              },
              { key: 'evaluated', label: t('national.col.evaluated'), num: true, cell: (r) => r.evaluated },
              { key: 'stayed', label: t('national.col.stayed'), num: true, cell: (r) => r.stayed },
              { key: 'left', label: t('national.col.left'), num: true, cell: (r) => r.left },
            ]}
          />
        ) : null}
      </section>
    </Page>
  );
}

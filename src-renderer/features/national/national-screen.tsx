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
          <table className="table" data-testid="reporters-table">
            <caption className="visually-hidden">{t('national.reporters.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('national.col.sender')}</th>
                <th scope="col">{t('national.col.status')}</th>
                <th scope="col" className="num">
                  {t('national.col.schools')}
                </th>
              </tr>
            </thead>
            <tbody>
              {reporters.data.reporters.map((r) => (
                <tr key={r.org.id} data-testid="reporter-row">
                  <th scope="row">{r.org.name}</th>
                  <td>
                    {!r.enrolled
                      ? t('national.reporters.notEnrolled')
                      : r.lastPackage
                        ? t(r.lastPackage.late ? 'national.reporters.late' : 'national.reporters.reported', {
                            date: formatDate(r.lastPackage.createdAt.slice(0, 10)),
                            seq: r.lastPackage.seq,
                          })
                        : t('national.reporters.missing')}
                  </td>
                  <td className="num">{r.schools}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table className="table" data-testid="national-counts">
            <caption className="visually-hidden">{t('national.counts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('national.col.sender')}</th>
                <th scope="col">{t('national.col.school')}</th>
                <th scope="col" className="num">
                  {t('national.col.students')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.atRisk')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.plans')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.measures')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.minutes')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.money')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.compensations')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.evaluated')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.stayed')}
                </th>
                <th scope="col" className="num">
                  {t('national.col.left')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.senderId}/${r.schoolId}`} data-testid="national-row">
                  <td>{r.senderName}</td>
                  <th scope="row">{r.schoolName}</th>
                  <td className="num" data-testid="national-students">
                    {r.students}
                  </td>
                  <td className="num">{r.screenedAtRisk}</td>
                  <td className="num" data-testid="national-plans">
                    {r.plans}
                  </td>
                  <td className="num">{r.measures}</td>
                  <td className="num">{t('national.planned', { planned: r.plannedMinutes, delivered: r.deliveredMinutes })}</td>
                  <td className="num">{t('national.planned', { planned: formatMoney(r.plannedCents), delivered: formatMoney(r.deliveredCents) })}</td>
                  <td className="num" data-testid="national-compensations">
                    {t('national.compensations', { approved: formatMoney(r.approvedCents), paid: formatMoney(r.paidCents) })}
                  </td>
                  <td className="num">{r.evaluated}</td>
                  <td className="num">{r.stayed}</td>
                  <td className="num">{r.left}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </Page>
  );
}

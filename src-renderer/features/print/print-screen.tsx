/**
 * The printable plan: an A4 document of the individual support plan (IAP)
 * in the current language, with the school, the student, the semester, the
 * plan code, the risks found with their justification, the measures, the
 * consent and signature lines for the parent (or the adult student), the
 * plan author and the director. print.css lays it out on A4 paper (@page)
 * and hides the app around it; on screen it shows as a sheet of paper.
 * Its lists are DataTables in `plain` mode: every row drawn, no scrolling
 * region, the print classes' widths on the header cells (the table's layout
 * is fixed). The facts at the top stay a plain <table>: label/value pairs
 * side by side, a layout, not a list of rows.
 *
 * Printing: "Print" opens the system print dialog; "Save as PDF" asks main
 * (print:savePdf) to render this window with Electron's printToPDF and save
 * the file where the person chooses. Opening this page is recorded in the
 * audit log like any opening of the plan (plans:get).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateRange } from '../../../src-shared/domain/format';
import { SCREENING_GROUPS } from '../../../src-shared/domain/screening';
import type { PlanView } from '../../../src-shared/domain/plan';
import { paths, type RouteProps } from '../../paths';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useClassLabel, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { CHANGE_KEYS, DELIVERED_KEYS } from '../semester-end/semester-end-screen';
import { CONSENT_RELATION_KEYS, staffName, useAmount, useKindLabel } from '../../ui/plan-labels';
import './print.css';

export default function PrintPlanScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const planId = params.id ?? '';
  const plan = useLoad('plans:get', { planId });
  return (
    <LoadGate loaded={plan} title={t('print.title')} breadcrumbs={<Link to={paths.plan(planId)}>← {t('print.backToPlan')}</Link>}>
      {(p) => <PrintablePlan plan={p} />}
    </LoadGate>
  );
}

function PrintablePlan({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const label = useLocalLabel();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const amount = useAmount();
  const student = useLoad('students:get', { id: plan.studentId });
  const screening = useLoad('screening:get', { studentId: plan.studentId, semesterId: plan.semesterId });
  const kinds = useLoad('measureKinds:list', {});
  const staff = useLoad('staff:list', {});
  const calendar = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const results = useLoad('semesterEnd:get', { planId: plan.id }, { enabled: plan.completed });
  const resultMeasures = results.data?.measures ?? [];
  const kindLabel = useKindLabel(kinds.data);
  const { submit, busy: saving } = useSubmit();
  const error = student.error ?? screening.error ?? kinds.error ?? staff.error ?? calendar.error ?? results.error;
  const ready = student.data && screening.data && kinds.data && staff.data && calendar.data && current.data && (!plan.completed || results.data);

  const org = session.organisation;
  const semester = calendar.data?.flatMap((y) => y.semesters).find((s) => s.id === plan.semesterId);
  const present = (screening.data?.factors ?? []).filter((f) => f.answer === 'present' || plan.measures.some((m) => m.riskFactorIds.includes(f.id)));
  const factorLabel = (id: string) => {
    const f = screening.data?.factors.find((x) => x.id === id);
    return f ? label(f) : id;
  };
  const approval = [...plan.history].reverse().find((h) => h.to === 'approved');
  const notApproved = plan.status === 'draft' || plan.status === 'inApproval';
  const consentByStudent = plan.consent?.relation === 'student';
  const s = student.data;

  usePageFooter(s ? `${t('print.code', { code: plan.code })} · ${s.firstName} ${s.lastName}` : null);

  async function savePdf() {
    const result = await submit('print:savePdf', { fileName: `IAP-${plan.code.replace(/[^\w.-]+/g, '-')}.pdf` }, { noFields: true });
    if (result?.saved) toast.success(t('print.saved'));
  }

  return (
    <Page
      title={t('print.title')}
      className="print-page"
      breadcrumbs={<Link to={paths.plan(plan.id)}>← {t('print.backToPlan')}</Link>}
      actions={
        <>
          <button type="button" className="primary" onClick={() => window.print()} disabled={!ready}>
            {t('print.print')}
          </button>
          <button type="button" onClick={() => void savePdf()} disabled={!ready || saving}>
            {t('print.savePdf')}
          </button>
        </>
      }
    >
      {error ? <ErrorBanner error={error} /> : null}
      <p className="muted print-hint">{t('print.hint')}</p>
      {!ready || !s ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <article className="print-doc" aria-label={t('print.document')} data-testid="print-document">
          <header className="print-doc-head">
            <div>
              <div className="print-school">{org.name}</div>
              <div>
                {t('print.regNo', { regNo: org.regNo })} · {org.municipality}
              </div>
            </div>
            <div className="print-doc-code">
              <div>{t('print.code', { code: plan.code })}</div>
              <div>{t('print.printedOn', { date: formatDate(current.data?.today) })}</div>
            </div>
          </header>
          <h2 className="print-doc-title">{t('print.docTitle')}</h2>
          {notApproved ? <p className="print-draft">{t('print.notApproved')}</p> : null}

          <table className="print-facts">
            <colgroup>
              <col className="print-col-label" />
              <col className="print-col-value" />
              <col className="print-col-label" />
              <col className="print-col-value" />
            </colgroup>
            <tbody>
              <tr>
                <th scope="row">{t('print.student')}</th>
                <td>
                  {s.firstName} {s.lastName}
                </td>
                <th scope="row">{t('print.birthDate')}</th>
                <td>{formatDate(s.birthDate) || '—'}</td>
              </tr>
              <tr>
                <th scope="row">{t('print.class')}</th>
                <td>{classLabel(s)}</td>
                <th scope="row">{t('print.semester')}</th>
                <td>
                  {semesterLabel(plan.semesterId)}
                  {semester ? ` (${formatDateRange(semester.startsOn, semester.endsOn)})` : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('print.author')}</th>
                <td>{staffName(staff.data, plan.authorId)}</td>
                <th scope="row">{t('print.status')}</th>
                <td>
                  {plan.completed ? t('ui.planStatus.closed') : t(`planStatus.${plan.status}`)}
                  {approval ? ` (${t('print.approvedOn', { date: formatDate(approval.changedAt) })}` : ''}
                  {approval && plan.completed && plan.closedAt ? `, ${t('print.closedOn', { date: formatDate(plan.closedAt) })}` : ''}
                  {approval ? ')' : ''}
                </td>
              </tr>
            </tbody>
          </table>

          <h3>{t('print.goals')}</h3>
          <p className="prewrap">{plan.goals || '—'}</p>

          <h3>{t('print.risks')}</h3>
          {present.length === 0 ? <p>—</p> : null}
          {SCREENING_GROUPS.map((group) => {
            const inGroup = present.filter((f) => f.group === group);
            return inGroup.length === 0 ? null : (
              <div key={group} className="print-risk-group">
                <h4>{t(`riskGroup.${group}`)}</h4>
                <ul>
                  {inGroup.map((f) => (
                    <li key={f.id}>
                      <strong>{label(f)}.</strong> {f.justification ? `${t('print.justification')}: ${f.justification}` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}

          <h3 id="print-measures-title">{t('print.measures')}</h3>
          <DataTable
            plain
            className="print-table"
            labelledBy="print-measures-title"
            rows={plan.measures}
            rowKey={(m) => m.id}
            columns={[
              { key: 'no', label: t('print.measure.no'), headClassName: 'print-col-no', cell: (m) => `${plan.measures.indexOf(m) + 1}.` },
              { key: 'kind', label: t('print.measure.kind'), headClassName: 'print-col-kind', cell: (m) => kindLabel(m.kindCode) },
              {
                key: 'amount',
                label: t('print.measure.amount'),
                headClassName: 'print-col-amount',
                cellClassName: 'num',
                cell: (m) => (m.category === 'ngo' ? '—' : amount(m.category, m.category === 'consultation' ? m.plannedMinutes : m.plannedCents)),
              },
              { key: 'period', label: t('print.measure.period'), headClassName: 'print-col-period', cell: (m) => formatDateRange(m.startsOn, m.endsOn) },
              {
                key: 'responsible',
                label: t('print.measure.responsible'),
                headClassName: 'print-col-responsible',
                cell: (m) => staffName(staff.data, m.responsibleId),
              },
              { key: 'risks', label: t('print.measure.risks'), headClassName: 'print-col-risks', cell: (m) => m.riskFactorIds.map(factorLabel).join('; ') },
              { key: 'why', label: t('print.measure.justification'), headClassName: 'print-col-why', cellClassName: 'prewrap', cell: (m) => m.justification },
            ]}
          />

          {plan.completed && results.data ? (
            <section className="print-results" aria-label={t('print.results')} data-testid="print-results">
              <h3 id="print-results-title">{t('print.results')}</h3>
              <DataTable
                plain
                className="print-table"
                labelledBy="print-results-title"
                rows={resultMeasures}
                rowKey={(m) => m.measureId}
                columns={[
                  { key: 'no', label: t('print.measure.no'), cell: (m) => `${resultMeasures.indexOf(m) + 1}.` },
                  { key: 'kind', label: t('print.measure.kind'), cell: (m) => kindLabel(m.kindCode) },
                  {
                    key: 'planned',
                    label: t('print.result.planned'),
                    cellClassName: 'num',
                    cell: (m) => (m.category === 'ngo' ? '—' : amount(m.category, m.planned)),
                  },
                  { key: 'delivered', label: t('print.result.delivered'), cellClassName: 'num', cell: (m) => amount(m.category, m.delivered) },
                  { key: 'evaluation', label: t('print.result.evaluation'), cell: (m) => (m.evaluation ? t(DELIVERED_KEYS[m.evaluation]) : '—') },
                ]}
              />
              {results.data.risks.length > 0 ? (
                <DataTable
                  plain
                  className="print-table"
                  caption={t('print.result.risks')}
                  rows={results.data.risks}
                  rowKey={(r) => r.riskFactorId}
                  columns={[
                    { key: 'risk', label: t('print.result.risk'), cell: (r) => label(r) },
                    { key: 'change', label: t('print.result.change'), cell: (r) => (r.change ? t(CHANGE_KEYS[r.change]) : '—') },
                  ]}
                />
              ) : null}
              <p>
                <strong>{t('print.result.outcome')}:</strong> {results.data.studentOutcome ? t(`studentOutcome.${results.data.studentOutcome}`) : '—'}
              </p>
              {results.data.note ? (
                <p className="prewrap">
                  <strong>{t('print.result.note')}:</strong> {results.data.note}
                </p>
              ) : null}
            </section>
          ) : null}

          {/* The consent and the signatures under it stay on one page: signatures never stand alone. */}
          <section className="print-sign-block" aria-label={t('print.consent')}>
            <h3>{t('print.consent')}</h3>
            <p>
              {plan.consent
                ? t('print.consentText', { by: plan.consent.by, relation: t(CONSENT_RELATION_KEYS[plan.consent.relation]), date: formatDate(plan.consent.on) })
                : t('print.consentNone')}
            </p>

            <div className="print-signatures">
              <Signature role={consentByStudent ? t('print.sign.student') : t('print.sign.parent')} name={plan.consent?.by ?? ''} />
              <Signature role={t('print.sign.author')} name={staffName(staff.data, plan.authorId)} />
              <Signature role={t('print.sign.director')} name={approval ? staffName(staff.data, approval.changedBy) : ''} />
            </div>
            <footer className="print-doc-foot">{t('print.confidential')}</footer>
          </section>
        </article>
      )}
    </Page>
  );
}

function Signature({ role, name }: { role: string; name: string }) {
  const { t } = useTranslation();
  return (
    <div className="signature">
      <div className="signature-role">{role}</div>
      <div className="signature-name">{name || ' '}</div>
      <div className="signature-lines">
        <span className="signature-line">{t('print.sign.signature')}</span>
        <span className="signature-line">{t('print.sign.date')}</span>
      </div>
    </div>
  );
}

/** A CSS string literal for any text. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/**
 * On every printed page, in the bottom margin: the plan code and the student
 * at the left, "page N of M" at the right (CSS page-margin boxes, so both the
 * system print and Save as PDF get them). A stylesheet made in script, since
 * the policy allows no inline <style>; removed when the page is left.
 */
function usePageFooter(left: string | null): void {
  const { t } = useTranslation();
  const pageOf = t('print.pageOf', { page: '{PAGE}', pages: '{PAGES}' });
  useEffect(() => {
    if (left === null) return;
    const right = pageOf
      .split(/(\{PAGES?\})/)
      .filter((part) => part !== '')
      .map((part) => (part === '{PAGE}' ? 'counter(page)' : part === '{PAGES}' ? 'counter(pages)' : cssString(part)))
      .join(' ');
    const font = "font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #333;";
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { @bottom-left { content: ${cssString(left)}; ${font} } @bottom-right { content: ${right}; ${font} } }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== sheet);
    };
  }, [left, pageOf]);
}

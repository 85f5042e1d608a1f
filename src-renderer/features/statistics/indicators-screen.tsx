/**
 * Programme indicators (municipality, state) for a period of semesters
 * (from–to, kept in the address): unique students supported by gender and
 * education level, schools and municipalities taking part, measures
 * delivered, consultation hours and compensations paid. Shown as an A4
 * document (print.css) in the current language (Latvian or English: switch
 * the language to print the other), printed with the system dialog or saved
 * as PDF (print:savePdf), and exported as XLSX (stats:indicatorsExport).
 * Every figure comes protected from main (small counts "•").
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../src-shared/domain/format';
import { keyFromData } from '../../../src-shared/i18n/index';
import { paths, type RouteProps } from '../../routes';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Page } from '../../ui/page';
import { hrefFor, Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { callChecked, useLoad, useSubmit } from '../../ui/use-api';
import { hoursText, useCell } from './stat-table';
import '../print/print.css';
import './statistics.css';

interface StudentRow {
  key: string;
  label: string;
  cells: readonly (number | null)[];
  total: number | null;
}

export default function IndicatorsScreen({ query }: RouteProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const cell = useCell();
  const semesters = useLoad('stats:semesters', {});
  const held = [...(semesters.data ?? [])].sort();
  /** The same choices serve both ends of the range. */
  const heldOptions = held.map((s) => (
    <option key={s} value={s}>
      {s}
    </option>
  ));
  const from = query.get('from') ?? held[0] ?? null;
  const to = query.get('to') ?? held[held.length - 1] ?? null;
  const chosen = from && to ? held.filter((s) => s >= (from < to ? from : to) && s <= (from < to ? to : from)) : [];
  const indicators = useLoad('stats:indicators', { semesterIds: chosen }, { enabled: semesters.data !== undefined && chosen.length > 0 });
  const today = useLoad('calendar:current', {});
  const exporting = useSubmit();
  const [saving, setSaving] = useState(false);
  const go = (next: { from?: string; to?: string }) => navigate(hrefFor(paths.indicators(), { from: next.from ?? from, to: next.to ?? to }), { replace: true });
  const data = indicators.data;
  const language = i18n.language === 'en' ? 'en' : 'lv';

  async function savePdf() {
    setSaving(true);
    const result = await callChecked('print:savePdf', { fileName: `programmas-raditaji-${language}.pdf` });
    setSaving(false);
    if (result.ok) {
      if (result.value.saved) toast.success(t('print.saved'));
    } else if (result.error.code !== 'NOT_SIGNED_IN') {
      toast.error(result.error);
    }
  }
  async function exportXlsx() {
    const result = await exporting.submit('stats:indicatorsExport', { semesterIds: chosen, language });
    if (result?.saved) toast.success(t('statistics.export.saved', { path: result.path ?? '' }));
  }

  const money = (cents: number | null) => (cents === null ? cell(null) : formatMoney(cents));
  const rows: [string, ReactNode][] = data
    ? [
        [t('indicators.studentsSupported'), cell(data.students.total)],
        [t('indicators.schools'), cell(data.schools)],
        [t('indicators.municipalities'), cell(data.municipalities)],
        [t('indicators.measuresDelivered'), cell(data.measuresDelivered)],
        [t('indicators.deliveries'), cell(data.deliveries)],
        [t('indicators.consultationHours'), data.consultationMinutes === null ? cell(null) : hoursText(data.consultationMinutes / 60)],
        [t('indicators.compensationDelivered'), money(data.compensationDeliveredCents)],
        [t('indicators.compensationPaid'), money(data.compensationPaidCents)],
      ]
    : [];
  // Students by education level and gender; the last row (still in the body, as printed) is the total.
  const studentRows: StudentRow[] = data
    ? [
        ...data.students.levels.map((level, i) => ({
          key: level,
          label: t(keyFromData(`educationLevel.${level}`)),
          cells: data.students.cells[i] ?? [],
          total: data.students.levelTotals[i] ?? null,
        })),
        { key: 'all-levels', label: t('statistics.column.total'), cells: data.students.genderTotals, total: data.students.total },
      ]
    : [];

  return (
    <Page
      title={t('indicators.title')}
      className="print-page"
      breadcrumbs={<Link to={paths.authorityStatistics()}>← {t('indicators.back')}</Link>}
      actions={
        <>
          <button type="button" className="primary" onClick={() => window.print()} disabled={!data}>
            {t('print.print')}
          </button>
          <button type="button" onClick={() => void savePdf()} disabled={!data || saving}>
            {t('print.savePdf')}
          </button>
          <button type="button" onClick={() => void exportXlsx()} disabled={!data || exporting.busy}>
            {t('statistics.export.xlsx')}
          </button>
        </>
      }
    >
      <p className="muted print-hint">{t('indicators.intro')}</p>
      <div className="statistics-controls print-hint">
        <Field label={t('indicators.from')}>
          <select value={from ?? ''} onChange={(e) => go({ from: e.target.value })}>
            {heldOptions}
          </select>
        </Field>
        <Field label={t('indicators.to')}>
          <select value={to ?? ''} onChange={(e) => go({ to: e.target.value })}>
            {heldOptions}
          </select>
        </Field>
      </div>
      {semesters.error ? <ErrorBanner error={semesters.error} /> : null}
      {indicators.error ? <ErrorBanner error={indicators.error} /> : null}
      {semesters.data && held.length === 0 ? <p>{t('statistics.table.empty')}</p> : null}
      {data ? (
        <article className="print-doc" aria-label={t('indicators.document')} data-testid="indicators-document">
          <header className="print-doc-head">
            <div>
              <div className="print-school">{session.organisation.name}</div>
              <div>{t('indicators.periodValue', { from: data.semesterIds[0] ?? '', to: data.semesterIds[data.semesterIds.length - 1] ?? '' })}</div>
            </div>
            <div className="print-doc-code">{t('print.printedOn', { date: formatDate(today.data?.today) })}</div>
          </header>
          <h2 className="print-doc-title">{t('indicators.title')}</h2>
          <DataTable
            plain
            className="print-table"
            caption={t('indicators.mainTable')}
            captionId="indicators-main"
            captionVisible
            rows={rows}
            rowKey={([label]) => label}
            columns={[
              { key: 'indicator', label: t('indicators.indicator'), rowHeader: true, cell: ([label]) => label },
              { key: 'value', label: t('indicators.value'), cell: ([, value]) => value },
            ]}
          />
          <h3 id="indicators-students">{t('indicators.studentsTable')}</h3>
          <DataTable
            plain
            className="print-table"
            labelledBy="indicators-students"
            testId="indicators-students"
            rows={studentRows}
            rowKey={(row) => row.key}
            columns={[
              { key: 'level', label: t('indicators.educationLevel'), rowHeader: true, cell: (row) => row.label },
              ...data.students.genders.map((g, j): DataColumn<StudentRow> => ({
                key: g,
                label: t(keyFromData(`gender.${g}`)),
                cell: (row) => cell(row.cells[j] ?? null),
              })),
              { key: 'total', label: t('statistics.column.total'), cell: (row) => cell(row.total) },
            ]}
          />
          <p className="print-doc-foot">
            {t('indicators.definition')} {t('statistics.note', { threshold: data.threshold })}
          </p>
        </article>
      ) : null}
    </Page>
  );
}

/**
 * Settings: the audit log. First whether its hash chain is intact (a broken
 * chain is shown, never hidden), then the entries filtered by person,
 * student, action and dates, newest first, and an XLSX export of the match.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditFilter } from '../../../src-shared/domain/data-safety';
import { formatDate } from '../../../src-shared/domain/format';
import { isLanguage } from '../../../src-shared/i18n/index';
import { DataTable } from '../../ui/data-table';
import { DateInput, dateTextToIso } from '../../ui/date-input';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { AuditChainBanner } from './audit-chain-banner';

const PAGE = 100;

export function AuditSettings() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const exporting = useSubmit();
  const [form, setForm] = useState({ person: '', studentId: '', action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const status = useLoad('audit:status', {});
  const list = useLoad('audit:list', { ...filter, offset, limit: PAGE });

  function apply(event: FormEvent) {
    event.preventDefault();
    const from = dateTextToIso(form.from);
    const to = dateTextToIso(form.to);
    if (from === 'invalid' || to === 'invalid') {
      setDateError('errors.field.date');
      return;
    }
    setDateError(undefined);
    const next: AuditFilter = {};
    if (form.person.trim()) next.person = form.person.trim();
    if (form.studentId.trim()) next.studentId = form.studentId.trim();
    if ((AUDIT_ACTIONS as readonly string[]).includes(form.action)) next.action = form.action as AuditFilter['action'];
    if (from) next.from = from;
    if (to) next.to = to;
    setFilter(next);
    setOffset(0);
  }

  async function exportXlsx() {
    const language = isLanguage(i18n.language) ? i18n.language : 'lv';
    const result = await exporting.submit('audit:exportXlsx', { ...filter, language });
    if (result?.saved) toast.success(t('dataSafety.audit.exported', { rows: result.rows }));
  }

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  return (
    <section className="card" aria-labelledby="settings-audit">
      <h2 id="settings-audit">{t('dataSafety.audit.title')}</h2>
      {status.data?.ok ? <p role="status">{t('dataSafety.audit.intact', { rows: status.data.rows })}</p> : <AuditChainBanner />}
      <form onSubmit={apply} noValidate className="filters">
        <Field label={t('dataSafety.audit.filter.person')}>
          <input value={form.person} onChange={(e) => setForm({ ...form, person: e.target.value })} maxLength={100} />
        </Field>
        <Field label={t('dataSafety.audit.filter.student')} hint={t('dataSafety.audit.filter.studentHint')}>
          <input value={form.studentId} onChange={(e) => setForm({ ...form, studentId: e.target.value })} maxLength={100} />
        </Field>
        <Field label={t('dataSafety.audit.column.action')}>
          <select value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
            <option value="">{t('dataSafety.audit.filter.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`dataSafety.audit.action.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('dataSafety.audit.filter.from')} errorKey={dateError}>
          <DateInput value={form.from} onChange={(from) => setForm({ ...form, from })} />
        </Field>
        <Field label={t('dataSafety.audit.filter.to')} errorKey={dateError}>
          <DateInput value={form.to} onChange={(to) => setForm({ ...form, to })} />
        </Field>
        <button type="submit">{t('dataSafety.audit.filter.apply')}</button>
        <button type="button" className="secondary" onClick={() => void exportXlsx()} disabled={exporting.busy}>
          {t('dataSafety.audit.export')}
        </button>
      </form>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      <p className="muted">{t('dataSafety.audit.count', { total })}</p>
      <DataTable
        rows={rows}
        rowKey={(r) => String(r.id)}
        caption={t('dataSafety.audit.title')}
        regionLabel={t('dataSafety.audit.listRegion')}
        fit
        columns={[
          { key: 'date', label: t('dataSafety.audit.column.date'), cell: (r) => formatDate(r.at) },
          { key: 'time', label: t('dataSafety.audit.column.time'), cell: (r) => `${r.at.slice(11, 16)} UTC` },
          { key: 'person', label: t('dataSafety.audit.column.person'), cell: (r) => r.actorName },
          { key: 'action', label: t('dataSafety.audit.column.action'), cell: (r) => t(`dataSafety.audit.action.${r.action}`) },
          { key: 'entity', label: t('dataSafety.audit.column.entity'), cell: (r) => r.entity },
          { key: 'entityId', label: t('dataSafety.audit.column.entityId'), cell: (r) => r.entityId },
        ]}
      />
      <p>
        <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('dataSafety.audit.newer')}
        </button>{' '}
        <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('dataSafety.audit.older')}
        </button>
      </p>
    </section>
  );
}

/**
 * Settings: the risk catalogue in its four groups. Catalogue factors come
 * with the app and can only be retired (hidden from new screenings); a
 * school's own factors can be deleted while no screening or plan used them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_GROUPS, type RiskFactor, type RiskGroup } from '../../../src-shared/domain/risk-catalogue';
import { useConfirm } from '../../ui/confirm';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useLocalLabel } from '../../ui/labels';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { RiskLevelRuleSettings } from './risk-level-rule-settings';

export function RiskSettings() {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const toast = useToast();
  const catalogue = useLoad('risks:catalogue', {});
  const action = useSubmit();
  const adding = useSubmit();
  const [form, setForm] = useState({ group: 'school' as RiskGroup, labelLv: '', labelEn: '' });
  const [confirmDialog, confirm] = useConfirm();

  async function retire(factor: RiskFactor, retired: boolean) {
    if (await action.submit('risks:retire', { id: factor.id, retired })) {
      toast.success(retired ? t('settings.risks.retired', { label: label(factor) }) : t('settings.risks.restored', { label: label(factor) }));
      catalogue.reload();
    }
  }

  async function remove(factor: RiskFactor) {
    const sure = await confirm({
      title: t('settings.risks.deleteTitle'),
      body: t('settings.risks.deleteConfirm', { label: label(factor) }),
      confirmLabel: t('settings.risks.delete'),
      danger: true,
    });
    if (!sure) return;
    if (await action.submit('risks:delete', { id: factor.id })) {
      toast.success(t('settings.risks.deleted', { label: label(factor) }));
      catalogue.reload();
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (await adding.submit('risks:add', form)) {
      toast.success(t('settings.risks.added'));
      setForm({ ...form, labelLv: '', labelEn: '' });
      catalogue.reload();
    }
  }

  return (
    <section className="card" aria-labelledby="settings-risks">
      <h2 id="settings-risks">{t('settings.risks.title')}</h2>
      <p className="muted">{t('settings.risks.intro')}</p>
      {catalogue.error ? <ErrorBanner error={catalogue.error} /> : null}
      {RISK_GROUPS.map((group) => {
        const factors = (catalogue.data ?? []).filter((f) => f.group === group);
        return (
          <DataTable
            key={group}
            fit
            wrap
            className="edit-table"
            rows={factors}
            rowKey={(factor) => factor.id}
            caption={t(`riskGroup.${group}`)}
            captionVisible
            rowClassName={(factor) => (factor.retiredAt ? 'row-off' : undefined)}
            columns={[
              { key: 'factor', label: t('settings.risks.factor'), rowHeader: true, cell: (factor) => label(factor) },
              {
                key: 'source',
                label: t('settings.risks.source'),
                cell: (factor) =>
                  factor.source === 'custom' ? t('settings.risks.custom') : t('settings.risks.catalogue', { version: factor.catalogueVersion }),
              },
              {
                key: 'state',
                label: t('settings.risks.state'),
                cell: (factor) => (factor.retiredAt ? t('settings.risks.isRetired') : t('settings.risks.inUse')),
              },
              {
                key: 'actions',
                label: t('settings.actions'),
                hideLabel: true,
                cellClassName: 'row-actions',
                cell: (factor) => (
                  <>
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() => void retire(factor, !factor.retiredAt)}
                      aria-label={`${factor.retiredAt ? t('settings.risks.restore') : t('settings.risks.retire')}: ${label(factor)}`}
                    >
                      {factor.retiredAt ? t('settings.risks.restore') : t('settings.risks.retire')}
                    </button>
                    {factor.source === 'custom' && !factor.used ? (
                      <button
                        type="button"
                        className="danger"
                        disabled={action.busy}
                        onClick={() => void remove(factor)}
                        aria-label={`${t('settings.risks.delete')}: ${label(factor)}`}
                      >
                        {t('settings.risks.delete')}
                      </button>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        );
      })}
      <form className="subform" onSubmit={add} noValidate aria-labelledby="risk-add-title">
        <h3 id="risk-add-title">{t('settings.risks.addTitle')}</h3>
        <div className="form-grid">
          <Field label={t('settings.risks.group')} errorKey={adding.fieldErrors.group}>
            <select value={form.group} onChange={(e) => setForm({ ...form, group: e.target.value as RiskGroup })}>
              {RISK_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`riskGroup.${g}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('settings.risks.labelLv')} errorKey={adding.fieldErrors.labelLv}>
            <input value={form.labelLv} onChange={(e) => setForm({ ...form, labelLv: e.target.value })} />
          </Field>
          <Field label={t('settings.risks.labelEn')} errorKey={adding.fieldErrors.labelEn}>
            <input value={form.labelEn} onChange={(e) => setForm({ ...form, labelEn: e.target.value })} />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={adding.busy}>
          {t('settings.risks.add')}
        </button>
      </form>
      <RiskLevelRuleSettings />
      {confirmDialog}
    </section>
  );
}

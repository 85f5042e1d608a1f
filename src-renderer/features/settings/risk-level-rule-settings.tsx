/**
 * Settings → risks: the school's rule for the risk level a screening shows
 * (riskLevel:getRule / saveRule). For each level, the least number of risk
 * groups with a present factor and/or the least number of present factors
 * that reach it (an empty field is not used); the highest level reached wins.
 * "Restore the default" saves no rule, so the app's default applies.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RISK_LEVEL_RULE, type RiskLevelRule } from '../../../src-shared/domain/risk-level';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useFieldMessage } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

const LEVELS = ['high', 'medium', 'low'] as const;
type Row = { minGroups: string; minPresent: string };
type Form = Record<(typeof LEVELS)[number], Row>;

function formOf(rule: RiskLevelRule): Form {
  const row = (level: (typeof LEVELS)[number]): Row => {
    const found = rule.levels.find((l) => l.level === level);
    return { minGroups: found?.minGroups != null ? String(found.minGroups) : '', minPresent: found?.minPresent != null ? String(found.minPresent) : '' };
  };
  return { high: row('high'), medium: row('medium'), low: row('low') };
}

const num = (text: string): number | null => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function RiskLevelRuleSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const message = useFieldMessage();
  const loaded = useLoad('riskLevel:getRule', {});
  const { submit, busy, fieldErrors } = useSubmit();
  const [form, setForm] = useState<Form>(() => formOf(DEFAULT_RISK_LEVEL_RULE));
  const [notNumber, setNotNumber] = useState(false);
  useEffect(() => {
    if (loaded.data) setForm(formOf(loaded.data.rule));
  }, [loaded.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const all = LEVELS.map((level) => ({ level, minGroups: num(form[level].minGroups), minPresent: num(form[level].minPresent) }));
    // A field that is not a whole number is said here; nothing is sent.
    const bad = all.some((l) => Number.isNaN(l.minGroups) || Number.isNaN(l.minPresent));
    setNotNumber(bad);
    if (bad) return;
    const levels = all.filter((l) => l.minGroups !== null || l.minPresent !== null);
    const saved = await submit('riskLevel:saveRule', { rule: { levels } });
    if (saved) {
      toast.success(t('settings.riskRule.saved'));
      loaded.reload();
    }
  }

  async function restore() {
    const saved = await submit('riskLevel:saveRule', { rule: null });
    if (saved) {
      toast.success(t('settings.riskRule.restored'));
      loaded.reload();
    }
  }

  const errors = [...(notNumber ? ['settings.riskRule.notNumber'] : []), ...Object.values(fieldErrors)];
  return (
    <form className="subform" onSubmit={save} noValidate aria-labelledby="risk-rule-title" data-testid="risk-level-rule">
      <h3 id="risk-rule-title">{t('settings.riskRule.title')}</h3>
      <p className="muted">{t('settings.riskRule.intro')}</p>
      {loaded.error ? <ErrorBanner error={loaded.error} /> : null}
      {loaded.data ? <p>{loaded.data.isDefault ? t('settings.riskRule.isDefault') : t('settings.riskRule.isOwn')}</p> : null}
      <DataTable
        fit
        wrap
        rowNavigation={false}
        className="edit-table risk-rule-table"
        rows={LEVELS}
        rowKey={(level) => level}
        caption={t('settings.riskRule.title')}
        columns={[
          { key: 'level', label: t('settings.riskRule.level'), rowHeader: true, cell: (level) => t(`riskLevel.${level}`) },
          ...(['minGroups', 'minPresent'] as const).map((key) => ({
            key,
            label: t(`settings.riskRule.${key}`),
            cell: (level: (typeof LEVELS)[number]) => (
              <input
                className="num-input"
                inputMode="numeric"
                aria-label={`${t(`riskLevel.${level}`)}: ${t(`settings.riskRule.${key}`)}`}
                value={form[level][key]}
                // Not before the saved rule has loaded: it would replace what was typed (statistics-settings.tsx).
                disabled={!loaded.data}
                onChange={(e) => setForm((f) => ({ ...f, [level]: { ...f[level], [key]: e.target.value } }))}
              />
            ),
          })),
        ]}
      />
      {errors.length > 0 ? (
        <p className="field-error" role="alert">
          {t('settings.riskRule.invalid')} {errors.map((e) => message(e)).join(' ')}
        </p>
      ) : null}
      <div className="row-actions" style={{ justifyContent: 'flex-start' }}>
        <button type="submit" className="primary" disabled={busy || !loaded.data}>
          {t('settings.riskRule.save')}
        </button>
        <button type="button" disabled={busy || loaded.data?.isDefault} onClick={() => void restore()}>
          {t('settings.riskRule.restore')}
        </button>
      </div>
    </form>
  );
}

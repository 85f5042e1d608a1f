/**
 * Settings > Statistics (a coordinator, every mode): the small-number
 * threshold (`statistics.threshold`, default 5). Counts from 1 to the
 * threshold minus one are hidden in every table that leaves the
 * installation and on the authorities' screens; the effect estimates need
 * at least this many students on each side. A whole number from 2 to 50;
 * changing it is audited (SettingsService.set).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

export const THRESHOLD_MIN = 2;
export const THRESHOLD_MAX = 50;

/** The field's error key, or null when the text is a whole number in range. */
export function thresholdError(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'statistics.threshold.invalid';
  const n = Number(trimmed);
  return n >= THRESHOLD_MIN && n <= THRESHOLD_MAX ? null : 'statistics.threshold.invalid';
}

export function StatisticsSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const current = useLoad('stats:threshold', {});
  const action = useSubmit();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const data = current.data;

  useEffect(() => {
    if (data) setText(String(data.value));
  }, [data]);

  async function save() {
    const problem = thresholdError(text);
    setError(problem);
    if (problem) return;
    if (await action.submit('stats:setThreshold', { value: Number(text.trim()) })) {
      toast.success(t('statistics.threshold.saved', { threshold: Number(text.trim()) }));
      current.reload();
    }
  }

  const byPolicy = data?.source === 'policy';
  return (
    <section className="card" aria-labelledby="settings-statistics">
      <h2 id="settings-statistics">{t('statistics.threshold.title')}</h2>
      <p className="muted">{t('statistics.threshold.intro')}</p>
      {current.error ? <ErrorBanner error={current.error} /> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          label={t('statistics.threshold.label')}
          hint={t('statistics.threshold.hint', { min: THRESHOLD_MIN, max: THRESHOLD_MAX })}
          errorKey={error ?? action.fieldErrors.value}
        >
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
              action.clearFieldError('value');
            }}
            // Not before the current value has loaded: what was typed earlier would be replaced by it when it
            // came (a value typed at once and saved was the old one: area-statistics.spec caught it under load).
            disabled={!data || byPolicy || action.busy}
          />
        </Field>
        {byPolicy ? <p className="muted">{t('statistics.threshold.byPolicy')}</p> : null}
        {data ? <p role="status">{t('statistics.threshold.current', { threshold: data.value, max: data.value - 1 })}</p> : null}
        <p>
          <button type="submit" disabled={!data || byPolicy || action.busy}>
            {t('statistics.threshold.save')}
          </button>
        </p>
      </form>
    </section>
  );
}

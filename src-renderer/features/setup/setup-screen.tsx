/** First run: the school enters its profile. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, type Municipality, type SchoolType } from '../../../src-shared/domain/organisation';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { call } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, fieldErrorMap, type FieldErrors } from '../../ui/field';

export function SetupScreen({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [name, setName] = useState('');
  const [regNo, setRegNo] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [schoolType, setSchoolType] = useState<SchoolType>('general');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('catalog:municipalities', {}).then((result) => {
      if (result.ok) setMunicipalities(result.value);
      else setError(result.error);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const result = await call('org:saveSchoolProfile', { name, regNo, municipality, schoolType });
    setSaving(false);
    if (result.ok) {
      onSaved();
      return;
    }
    if (result.error.code === 'VALIDATION_FAILED') {
      setFieldErrors(fieldErrorMap(result.error.details?.fields));
      setError(null);
    } else {
      setError(result.error);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      {error ? <ErrorBanner error={error} /> : null}
      <form onSubmit={submit} noValidate>
        <Field label={t('setup.name')} errorKey={fieldErrors.name}>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" />
        </Field>
        <Field label={t('setup.regNo')} hint={t('setup.regNo.hint')} errorKey={fieldErrors.regNo}>
          <input name="regNo" value={regNo} onChange={(e) => setRegNo(e.target.value)} inputMode="numeric" />
        </Field>
        <Field label={t('setup.municipality')} errorKey={fieldErrors.municipality}>
          <select name="municipality" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
            <option value="">{t('setup.municipality.choose')}</option>
            {municipalities.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('setup.schoolType')} errorKey={fieldErrors.schoolType}>
          <select name="schoolType" value={schoolType} onChange={(e) => setSchoolType(e.target.value as SchoolType)}>
            {SCHOOL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`schoolType.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={saving}>
          {t('setup.save')}
        </button>
      </form>
    </section>
  );
}

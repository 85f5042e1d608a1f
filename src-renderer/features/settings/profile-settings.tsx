/** Settings: the school's profile (name, registration number, municipality, type). */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, type Municipality, type SchoolType } from '../../../src-shared/domain/organisation';
import { Field } from '../../ui/field';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

export function ProfileSettings() {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const org = session.organisation;
  const municipalities = useLoad('catalog:municipalities', {});
  const { submit, busy, fieldErrors } = useSubmit();
  const [profile, setProfile] = useState({
    name: org.name,
    regNo: org.regNo,
    municipality: org.municipality,
    schoolType: (org.schoolType ?? 'general') as SchoolType,
  });

  useEffect(() => {
    setProfile({ name: org.name, regNo: org.regNo, municipality: org.municipality, schoolType: (org.schoolType ?? 'general') as SchoolType });
  }, [org]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit('org:saveSchoolProfile', profile)) {
      toast.success(t('settings.saved'));
      session.refresh();
    }
  }

  const list: Municipality[] = municipalities.data ?? [];
  return (
    <section className="card narrow" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{t('profile.title')}</h2>
      <form onSubmit={save} noValidate>
        <Field label={t('setup.name')} errorKey={fieldErrors.name}>
          <input value={profile.name} onChange={(e) => setProfile({ ...profile, name: e.target.value })} autoComplete="organization" />
        </Field>
        <Field label={t('setup.regNo')} hint={t('setup.regNo.hint')} errorKey={fieldErrors.regNo}>
          <input value={profile.regNo} onChange={(e) => setProfile({ ...profile, regNo: e.target.value })} inputMode="numeric" />
        </Field>
        <Field label={t('setup.municipality')} errorKey={fieldErrors.municipality}>
          <select value={profile.municipality} onChange={(e) => setProfile({ ...profile, municipality: e.target.value })}>
            <option value="">{t('setup.municipality.choose')}</option>
            {list.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('setup.schoolType')} errorKey={fieldErrors.schoolType}>
          <select value={profile.schoolType} onChange={(e) => setProfile({ ...profile, schoolType: e.target.value as SchoolType })}>
            {SCHOOL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`schoolType.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.save')}
        </button>
      </form>
    </section>
  );
}

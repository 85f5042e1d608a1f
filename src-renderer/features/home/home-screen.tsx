import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../src-shared/domain/organisation';

export function HomeScreen({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('profile.title')}</h1>
      <dl className="facts">
        <dt>{t('setup.name')}</dt>
        <dd data-testid="profile-name">{organisation.name}</dd>
        <dt>{t('profile.regNo')}</dt>
        <dd data-testid="profile-regno">{organisation.regNo}</dd>
        <dt>{t('profile.municipality')}</dt>
        <dd data-testid="profile-municipality">{organisation.municipality}</dd>
        <dt>{t('profile.schoolType')}</dt>
        <dd>{organisation.schoolType ? t(`schoolType.${organisation.schoolType}`) : ''}</dd>
      </dl>
    </section>
  );
}

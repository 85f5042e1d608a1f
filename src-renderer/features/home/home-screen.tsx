/** Home: this semester at a glance. */
import { useTranslation } from 'react-i18next';
import type { RouteProps } from '../../routes';
import { Page } from '../../ui/page';
import { useSession } from '../../ui/session';

export default function HomeScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const { organisation } = useSession();
  return (
    <Page title={t('home.title')}>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('profile.title')}</h2>
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
    </Page>
  );
}

/** Placeholder until the settings channels land. */
import { useTranslation } from 'react-i18next';
import type { RouteProps } from '../../routes';
import { Page } from '../../ui/page';

export default function SettingsScreen(_props: RouteProps) {
  const { t } = useTranslation();
  return <Page title={t('nav.settings')}>{null}</Page>;
}

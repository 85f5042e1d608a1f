/** Placeholder until the students channels land. */
import { useTranslation } from 'react-i18next';
import type { RouteProps } from '../../routes';
import { Page } from '../../ui/page';

export default function Screen(_props: RouteProps) {
  const { t } = useTranslation();
  return <Page title={t('nav.students')}>{null}</Page>;
}

/** Renders the screen the current hash route points to. */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { routes, type AppRoute } from '../routes';
import { Page } from './page';
import { matchPath, useLocation, Link } from './router';
import { useSession } from './session';

export function findRoute(path: string): { route: AppRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function RouteOutlet() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const found = findRoute(location.path);

  if (!found) {
    return (
      <Page title={t('ui.notFound.title')}>
        <p>{t('ui.notFound.body')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </Page>
    );
  }
  if (found.route.permission && !session.can(found.route.permission)) {
    return (
      <Page title={t('ui.forbidden.title')}>
        <p>{t('errors.code.FORBIDDEN')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </Page>
    );
  }
  const Screen = found.route.screen;
  return (
    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
      {/* The key remounts the screen when its path changes (another student), not on query changes. */}
      <Screen key={location.path} params={found.params} query={location.query} />
    </Suspense>
  );
}

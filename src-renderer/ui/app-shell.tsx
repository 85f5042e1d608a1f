/**
 * The frame around every screen once someone is signed in: the school's name,
 * the navigation, the signed-in person, the language switch, "switch user"
 * (another person signs in on the same page) and sign-out.
 */
import { useTranslation } from 'react-i18next';
import { exchangeNavItems } from '../nav';
import { AuditChainBanner } from '../features/settings/audit-chain-banner';
import { LanguageSwitch } from './language-switch';
import { TaskProgress } from './progress';
import { RouteOutlet } from './route-outlet';
import { Link, useLocation } from './router';
import { useSession } from './session';
import type { MessageKey } from '../../src-shared/i18n/index';

interface NavItem {
  to: string;
  labelKey: MessageKey;
  /** The first path segment that marks this item as current. */
  section: string;
  show: boolean;
}

export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const section = location.path.split('/')[1] ?? '';

  const items: NavItem[] = [
    { to: '/', labelKey: 'nav.home', section: '', show: true },
    { to: '/students', labelKey: 'nav.students', section: 'students', show: session.can('school.read') && session.organisation.mode === 'school' },
    // The semester's open plans to evaluate and close: reachable from anywhere, not only from inside one plan.
    { to: '/semester-end', labelKey: 'nav.semesterEnd', section: 'semester-end', show: session.can('outcome.write') && session.organisation.mode === 'school' },
    { to: '/journal', labelKey: 'journal.nav', section: 'journal', show: session.can('school.read') && session.organisation.mode === 'school' },
    { to: '/statistics', labelKey: 'statistics.nav', section: 'statistics', show: session.can('school.read') && session.organisation.mode === 'school' },
    { to: '/statistics/area', labelKey: 'statistics.nav', section: 'statistics', show: session.can('imported.read') && session.organisation.mode !== 'school' },
    ...exchangeNavItems(session),
    { to: '/settings', labelKey: 'nav.settings', section: 'settings', show: session.can('school.admin') },
  ];

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        <span className="app-org" data-testid="school-name">
          {session.organisation.name}
        </span>
        <nav aria-label={t('nav.label')} className="app-nav">
          <ul>
            {items
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={section === item.section ? 'page' : undefined}>
                    {t(item.labelKey)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="app-user">
          {session.actor ? (
            <span data-testid="signed-in-as">
              {session.actor.name}
              <span className="app-roles">{session.actor.roles.map((role) => t(`role.${role}`)).join(', ')}</span>
            </span>
          ) : null}
          <LanguageSwitch />
          {session.actor ? (
            <>
              <button type="button" className="header-button" onClick={session.switchUser}>
                {t('nav.switchUser')}
              </button>
              <button type="button" className="header-button" onClick={session.signOut}>
                {t('nav.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main-content" className="app-main" tabIndex={-1}>
        {/* In the page flow, above the screen: it pushes content down instead of covering it. */}
        <TaskProgress />
        {session.can('school.admin') ? <AuditChainBanner /> : null}
        <RouteOutlet />
      </main>
    </div>
  );
}

/**
 * Navigation entries of the exchange screens, by organisation kind: a school
 * gets "Data exchange"; a municipality or the state gets its schools (or
 * organisations), the import, the counts, and its own key. The app shell
 * spreads these into its list (beside routes.tsx and paths.ts, not in a
 * feature, so ui/ does not depend on features/).
 */
import { paths } from './paths';
import type { SessionValue } from './ui/session';
import type { MessageKey } from '../src-shared/i18n/index';

export interface ExchangeNavItem {
  to: string;
  labelKey: MessageKey;
  section: string;
  show: boolean;
}

export function exchangeNavItems(session: Pick<SessionValue, 'organisation' | 'can'>): ExchangeNavItem[] {
  const mode = session.organisation.mode;
  const authority = mode !== 'school';
  return [
    {
      to: paths.schools(),
      labelKey: mode === 'state' ? 'muni.nav.senders' : 'muni.nav.schools',
      section: 'schools',
      show: authority && session.can('imported.read'),
    },
    { to: paths.importPackages(), labelKey: 'muni.nav.import', section: 'import', show: authority && session.can('exchange.import') },
    { to: paths.decisions(), labelKey: 'authority.nav.queue', section: 'decisions', show: authority && session.can('imported.read') },
    { to: paths.money(), labelKey: 'authority.nav.money', section: 'money', show: authority && session.can('imported.read') },
    { to: paths.authoritySettings(), labelKey: 'authority.nav.settings', section: 'authority-settings', show: authority && session.can('imported.read') },
    { to: paths.counts(), labelKey: 'muni.nav.counts', section: 'counts', show: mode === 'municipality' && session.can('imported.read') },
    { to: paths.national(), labelKey: 'national.nav', section: 'national', show: mode === 'state' && session.can('imported.read') },
    { to: paths.exchange(), labelKey: 'exchangeUi.nav', section: 'exchange', show: session.can('exchange.enrol') },
  ];
}

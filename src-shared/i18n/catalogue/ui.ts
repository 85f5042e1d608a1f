/**
 * The app frame and shared components: navigation, sign-in, lock, toasts,
 * dialogs, progress, roles and plan statuses as every screen shows them.
 */
import type { AreaCatalogue } from './types';

export const ui: AreaCatalogue = {
  lv: {
    'nav.home': 'Sākums',
    'nav.students': 'Skolēni',
    'nav.settings': 'Iestatījumi',
    'shell.nav': 'Galvenā navigācija',
    'shell.skipToContent': 'Pāriet uz saturu',
    'shell.signOut': 'Iziet',

    'ui.close': 'Aizvērt',
    'ui.notFound.title': 'Lapa nav atrasta',
    'ui.notFound.body': 'Šādas lapas nav. Iespējams, saite ir novecojusi.',
    'ui.forbidden.title': 'Nav piekļuves',
    'ui.progress.count': '{{done}} no {{total}} ({{percent}} %)',

    'role.coordinator': 'koordinators',
    'role.planAuthor': 'plāna autors',
    'role.specialist': 'atbalsta speciālists',
    'role.director': 'direktors',
    'role.readOnly': 'tikai lasīšana',
  },
  en: {
    'nav.home': 'Home',
    'nav.students': 'Students',
    'nav.settings': 'Settings',
    'shell.nav': 'Main navigation',
    'shell.skipToContent': 'Skip to content',
    'shell.signOut': 'Sign out',

    'ui.close': 'Close',
    'ui.notFound.title': 'Page not found',
    'ui.notFound.body': 'There is no such page. The link may be out of date.',
    'ui.forbidden.title': 'No access',
    'ui.progress.count': '{{done}} of {{total}} ({{percent}}%)',

    'role.coordinator': 'coordinator',
    'role.planAuthor': 'plan author',
    'role.specialist': 'support specialist',
    'role.director': 'director',
    'role.readOnly': 'read only',
  },
};

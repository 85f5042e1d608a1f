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
    'nav.label': 'Galvenā navigācija',
    'nav.skipToContent': 'Pāriet uz saturu',
    'nav.signOut': 'Iziet',

    'ui.close': 'Aizvērt',
    'ui.notFound.title': 'Lapa nav atrasta',
    'ui.notFound.body': 'Šādas lapas nav. Iespējams, saite ir novecojusi.',
    'ui.forbidden.title': 'Nav piekļuves',
    'ui.progress.count': '{{done}} no {{total}} ({{percent}} %)',
    'ui.semester': '{{year}}, {{number}}. semestris',
    'ui.course': '{{course}}. kurss{{label}}',
    'ui.date.placeholder': 'dd.mm.gggg',
    'ui.planStatus.none': 'nav plāna',

    'planStatus.draft': 'Projekts',
    'planStatus.inApproval': 'Saskaņošanā',
    'planStatus.approved': 'Apstiprināts',
    'planStatus.active': 'Īstenošanā',
    'planStatus.underReview': 'Pārskatīšanā',
    'planStatus.suspended': 'Apturēts',
    'planStatus.inactive': 'Neaktīvs',

    'riskGroup.school': 'Ar izglītības iestādi un mācībām saistītie',
    'riskGroup.personal': 'Ar personību, veselību un uzvedību saistītie',
    'riskGroup.family': 'Ar ģimeni saistītie',
    'riskGroup.economic': 'Ekonomiskie',
    'riskGroup.short.school': 'Mācības',
    'riskGroup.short.personal': 'Personība',
    'riskGroup.short.family': 'Ģimene',
    'riskGroup.short.economic': 'Ekonomiskie',

    'measureCategory.consultation': 'Konsultācijas',
    'measureCategory.compensation': 'Kompensācijas',
    'measureCategory.ngo': 'Jauniešu NVO iniciatīvu projekti',

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
    'nav.label': 'Main navigation',
    'nav.skipToContent': 'Skip to content',
    'nav.signOut': 'Sign out',

    'ui.close': 'Close',
    'ui.notFound.title': 'Page not found',
    'ui.notFound.body': 'There is no such page. The link may be out of date.',
    'ui.forbidden.title': 'No access',
    'ui.progress.count': '{{done}} of {{total}} ({{percent}}%)',
    'ui.semester': '{{year}}, semester {{number}}',
    'ui.course': 'course {{course}}{{label}}',
    'ui.date.placeholder': 'dd.mm.yyyy',
    'ui.planStatus.none': 'no plan',

    'planStatus.draft': 'Draft',
    'planStatus.inApproval': 'In approval',
    'planStatus.approved': 'Approved',
    'planStatus.active': 'In progress',
    'planStatus.underReview': 'Under review',
    'planStatus.suspended': 'Suspended',
    'planStatus.inactive': 'Inactive',

    'riskGroup.school': 'School and learning',
    'riskGroup.personal': 'Personality, health and behaviour',
    'riskGroup.family': 'Family',
    'riskGroup.economic': 'Economic',
    'riskGroup.short.school': 'Learning',
    'riskGroup.short.personal': 'Personal',
    'riskGroup.short.family': 'Family',
    'riskGroup.short.economic': 'Economic',

    'measureCategory.consultation': 'Consultations',
    'measureCategory.compensation': 'Compensations',
    'measureCategory.ngo': 'Youth NGO initiative projects',

    'role.coordinator': 'coordinator',
    'role.planAuthor': 'plan author',
    'role.specialist': 'support specialist',
    'role.director': 'director',
    'role.readOnly': 'read only',
  },
};

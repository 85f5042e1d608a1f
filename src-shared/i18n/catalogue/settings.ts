/** Settings for coordinators: profile, calendar, catalogues, staff. */
import type { AreaCatalogue } from './types';

export const settings: AreaCatalogue = {
  lv: {
    'settings.title': 'Iestatījumi',
    'settings.sections': 'Iestatījumu sadaļas',
    'settings.saved': 'Saglabāts.',
    'settings.tab.profile': 'Skolas profils',
  },
  en: {
    'settings.title': 'Settings',
    'settings.sections': 'Settings sections',
    'settings.saved': 'Saved.',
    'settings.tab.profile': 'School profile',
  },
};

/** Home: the semester at a glance. */
import type { AreaCatalogue } from './types';

export const home: AreaCatalogue = {
  lv: {
    'home.title': 'Sākums',
  },
  en: {
    'home.title': 'Home',
  },
};

/** Settings for coordinators: profile, calendar, catalogues, staff. */
import type { AreaCatalogue } from './types';

export const settings: AreaCatalogue = {
  lv: {
    'settings.title': 'Iestatījumi',
    'settings.sections': 'Iestatījumu sadaļas',
    'settings.saved': 'Saglabāts.',
    'settings.tab.profile': 'Skolas profils',
    'settings.tab.measures': 'Atbalsta pasākumi',
    'settings.money.invalid': 'Ievadiet summu eiro, piemēram, 12,50.',

    'settings.measures.title': 'Atbalsta pasākumu veidi, likmes un limiti',
    'settings.measures.intro': 'Veidus nevar dzēst, jo uz tiem atsaucas plāni. Veidu, ko skola neizmanto, atslēdziet.',
    'settings.measures.labelLv': 'Nosaukums latviski',
    'settings.measures.labelEn': 'Nosaukums angliski',
    'settings.measures.rate': 'Likme',
    'settings.measures.ratePerHour': 'Likme stundā',
    'settings.measures.cap': 'Limits vienam skolēnam semestrī',
    'settings.measures.capHint': 'Tukšs limits nozīmē, ka limita nav. Pārsniegt limitu var tikai, norādot iemeslu.',
    'settings.measures.active': 'Izmanto',
    'settings.measures.newKind': 'jauns veids',
    'settings.measures.newCategory': 'Jauna veida kategorija',
    'settings.measures.add': 'Pievienot veidu',
    'settings.measures.save': 'Saglabāt pasākumu veidus',
  },
  en: {
    'settings.title': 'Settings',
    'settings.sections': 'Settings sections',
    'settings.saved': 'Saved.',
    'settings.tab.profile': 'School profile',
    'settings.tab.measures': 'Support measures',
    'settings.money.invalid': 'Enter an amount in euros, for example 12,50.',

    'settings.measures.title': 'Kinds of support measures, rates and caps',
    'settings.measures.intro': 'Kinds cannot be deleted because plans refer to them. Switch off a kind the school does not use.',
    'settings.measures.labelLv': 'Name in Latvian',
    'settings.measures.labelEn': 'Name in English',
    'settings.measures.rate': 'Rate',
    'settings.measures.ratePerHour': 'Rate per hour',
    'settings.measures.cap': 'Cap per student per semester',
    'settings.measures.capHint': 'An empty cap means no cap. Going over a cap needs a stated reason.',
    'settings.measures.active': 'In use',
    'settings.measures.newKind': 'new kind',
    'settings.measures.newCategory': 'Category of the new kind',
    'settings.measures.add': 'Add kind',
    'settings.measures.save': 'Save measure kinds',
  },
};

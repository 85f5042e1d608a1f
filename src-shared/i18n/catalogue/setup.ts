/** First-run wizard, sign-in and the inactivity lock. */
import type { AreaCatalogue } from './types';

export const setup = {
  lv: {
    'wizard.step': '{{step}}. solis no {{total}}',
    'wizard.step.profile': 'Skolas dati',
    'wizard.step.coordinator': 'Koordinatora konts',
    'wizard.next': 'Tālāk',
    'wizard.back': 'Atpakaļ',
    'wizard.finish': 'Pabeigt iestatīšanu',
    'wizard.coordinator.title': 'Pirmais koordinators',
    'wizard.coordinator.intro': 'Izveidojiet skolas koordinatora kontu. Koordinators vēlāk pievienos pārējos darbiniekus.',
    'wizard.displayName': 'Vārds, uzvārds',
    'wizard.username.hint': 'Ar to pierakstīsieties, piemēram, anna.ozola',
    'wizard.password.hint': 'Vismaz {{min}} rakstzīmes. Labi der vairāku vārdu frāze.',
    'wizard.password2': 'Parole vēlreiz',
    'wizard.password.mismatch': 'Paroles nesakrīt. Ievadiet to pašu paroli abos laukos.',

    'signin.title': 'Pierakstīšanās',
    'signin.username': 'Lietotājvārds',
    'signin.password': 'Parole',
    'signin.submit': 'Pierakstīties',
    'signin.keepsPage': 'Iepriekšējais lietotājs ir izgājis. Pēc pierakstīšanās atvērsies tā pati lapa.',

    'lock.title': 'Ekrāns bloķēts',
    'lock.body': '{{name}}, ilgi nebija darbību, tāpēc dati ir paslēpti. Ievadiet paroli, lai turpinātu turpat, kur palikāt.',
    'lock.unlock': 'Atbloķēt',
    'lock.signOut': 'Iziet',
  },
  en: {
    'wizard.step': 'Step {{step}} of {{total}}',
    'wizard.step.profile': 'School details',
    'wizard.step.coordinator': 'Coordinator account',
    'wizard.next': 'Next',
    'wizard.back': 'Back',
    'wizard.finish': 'Finish set-up',
    'wizard.coordinator.title': 'First coordinator',
    'wizard.coordinator.intro': 'Create the school coordinator’s account. The coordinator will add the other staff later.',
    'wizard.displayName': 'Full name',
    'wizard.username.hint': 'Used to sign in, for example anna.ozola',
    'wizard.password.hint': 'At least {{min}} characters. A phrase of several words works well.',
    'wizard.password2': 'Password again',
    'wizard.password.mismatch': 'The passwords differ. Enter the same password in both fields.',

    'signin.title': 'Sign in',
    'signin.username': 'User name',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.keepsPage': 'The previous user has signed out. After signing in, the same page opens.',

    'lock.title': 'Screen locked',
    'lock.body': '{{name}}, there was no activity for a while, so the data is hidden. Enter your password to continue where you left off.',
    'lock.unlock': 'Unlock',
    'lock.signOut': 'Sign out',
  },
} as const satisfies AreaCatalogue;

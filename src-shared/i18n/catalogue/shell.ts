/**
 * Strings of the Electron shell (src-main/electron/): start-up error boxes
 * and the window menu. Latvian and English side by side, like core.ts.
 */
import type { AreaCatalogue } from './types';

export const shell = {
  lv: {
    'shell.startFailed.title': 'PuMPuRS nevar palaist',
    'shell.startFailed.body':
      'Lietotni neizdevās palaist. Mēģiniet vēlreiz; ja kļūda atkārtojas, vērsieties pie IT administratora un norādiet žurnāla failu: {{logFile}}',
    'shell.secretStoreUnavailable.body':
      'Šajā datorā nav pieejama droša atslēgu glabātuve (Windows lietotāja profils, macOS Keychain vai Linux GNOME Keyring / KWallet), tāpēc PuMPuRS nevar droši glabāt šifrēšanas atslēgas. Vērsieties pie IT administratora. Žurnāla fails: {{logFile}}',
    'shell.menu.view': 'Skats',
  },
  en: {
    'shell.startFailed.title': 'PuMPuRS cannot start',
    'shell.startFailed.body': 'PuMPuRS could not start. Try again; if it happens again, contact your IT administrator and give them the log file: {{logFile}}',
    'shell.secretStoreUnavailable.body':
      'This computer has no secure key storage available (Windows user profile, macOS Keychain or Linux GNOME Keyring / KWallet), so PuMPuRS cannot keep its encryption keys safely. Contact your IT administrator. Log file: {{logFile}}',
    'shell.menu.view': 'View',
  },
} as const satisfies AreaCatalogue;

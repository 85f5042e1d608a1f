/** Data safety: encryption at rest, the key store, backups and restore, the audit chain (issue 13). */
import type { AreaCatalogue } from './types';

export const dataSafety: AreaCatalogue = {
  lv: {
    'errors.code.DB_KEY_MISSING':
      'Datubāze ir šifrēta, bet tās atslēgas nav šīs ierīces atslēgu glabātuvē. Atjaunojiet mapi secrets no tās pašas datora dublējuma vai palaidiet PuMPuRS no tā paša Windows konta, kurā datubāze tika izveidota. Datubāze netika mainīta.',
    'errors.code.DB_KEY_WRONG':
      'Datubāzi nevar atvērt ar atslēgu no šīs atslēgu glabātuves (cita atslēga vai bojāts fails). Atjaunojiet datubāzi no dublējuma (pumpurs restore). Datubāze netika mainīta.',
    'errors.code.KEY_STORE_MISMATCH': 'Šīs datu mapes atslēgas glabā cita glabātuve. Datu mape netika mainīta.',
    'errors.code.KEYS_MISSING':
      'Šai instalācijai vēl nav apmaiņas atslēgu. Tās izveido tikai iestatīšana (vednis vai pumpurs init); ja atslēgas pazaudētas, atjaunojiet mapi secrets no dublējuma. Nekas netika mainīts.',
    'errors.code.BACKUP_INVALID': 'Dublējuma failu nevar izmantot. Pašreizējā datubāze netika mainīta.',
    'dataSafety.keyStore.sealedHere':
      'Mapē {{dir}} ir darbvirsmas lietotnes atslēgas (aizsargātas ar operētājsistēmas atslēgu glabātuvi). Komandrindas rīks tās nevar nolasīt un neveidos otras. Palaidiet komandu caur lietotni (PuMPuRS --cli …) vai norādiet citu mapi ar --data-dir.',
    'dataSafety.keyStore.plainHere':
      'Mapē {{dir}} ir komandrindas rīka atslēgas (parastos failos). Lietotne tās neizmanto un neveidos otras. Turpiniet lietot šo mapi ar komandu pumpurs vai pārvietojiet to un iestatiet lietotni no jauna.',
    'dataSafety.backup.invalid.notEncrypted': 'Dublējuma failu nevar izmantot: fails nav šifrēts PuMPuRS dublējums. Pašreizējā datubāze netika mainīta.',
    'dataSafety.backup.invalid.wrongKey': 'Dublējuma failu nevar izmantot: to nevar atvērt ar šīs instalācijas atslēgu. Pašreizējā datubāze netika mainīta.',
    'dataSafety.backup.invalid.integrity': 'Dublējuma failu nevar izmantot: integritātes pārbaude neizdevās. Pašreizējā datubāze netika mainīta.',
    'dataSafety.backup.invalid.notPumpurs': 'Dublējuma failu nevar izmantot: tajā nav PuMPuRS datubāzes. Pašreizējā datubāze netika mainīta.',
    'dataSafety.backup.invalid.fromNewerApp': 'Dublējuma failu nevar izmantot: to izveidoja jaunāka lietotnes versija. Pašreizējā datubāze netika mainīta.',
    'dataSafety.backup.invalid.missing': 'Dublējuma failu nevar izmantot: fails nav atrasts. Pašreizējā datubāze netika mainīta.',
  },
  en: {
    'errors.code.DB_KEY_MISSING':
      "The database is encrypted but its key is not in this device's key store. Restore the secrets folder from the same PC's backup, or start PuMPuRS from the Windows account that made the database. The database was not changed.",
    'errors.code.DB_KEY_WRONG':
      'The database cannot be opened with the key from this key store (another key, or a damaged file). Restore the database from a backup (pumpurs restore). The database was not changed.',
    'errors.code.KEY_STORE_MISMATCH': "This data folder's keys are kept by another key store. The data folder was not changed.",
    'errors.code.KEYS_MISSING':
      'This installation has no exchange keys yet. Only set-up makes them (the wizard or pumpurs init); if the keys were lost, restore the secrets folder from a backup. Nothing was changed.',
    'errors.code.BACKUP_INVALID': 'The backup file cannot be used. The current database was not changed.',
    'dataSafety.keyStore.sealedHere':
      "The folder {{dir}} holds the desktop app's keys (protected by the operating system's key store). The command line cannot read them and will not make a second set. Run the command through the app (PuMPuRS --cli …), or give another folder with --data-dir.",
    'dataSafety.keyStore.plainHere':
      "The folder {{dir}} holds the command line's keys (in plain files). The app does not use them and will not make a second set. Keep using this folder with the pumpurs command, or move it away and set the app up again.",
    'dataSafety.backup.invalid.notEncrypted': 'The backup file cannot be used: the file is not an encrypted PuMPuRS backup. The current database was not changed.',
    'dataSafety.backup.invalid.wrongKey': "The backup file cannot be used: it cannot be opened with this installation's key. The current database was not changed.",
    'dataSafety.backup.invalid.integrity': 'The backup file cannot be used: the integrity check failed. The current database was not changed.',
    'dataSafety.backup.invalid.notPumpurs': 'The backup file cannot be used: it holds no PuMPuRS database. The current database was not changed.',
    'dataSafety.backup.invalid.fromNewerApp': 'The backup file cannot be used: it was made by a newer version of the app. The current database was not changed.',
    'dataSafety.backup.invalid.missing': 'The backup file cannot be used: the file was not found. The current database was not changed.',
  },
};

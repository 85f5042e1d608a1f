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
    'cli.backup.summary': 'Izveidot šifrētu datubāzes dublējumu',
    'cli.backup.option.out': 'Dublējuma fails (noklusējums: datu mapes backups/)',
    'cli.backup.done': 'Šifrēts dublējums izveidots: {{path}}',
    'cli.backups.list.summary': 'Parādīt dublējumus datu mapē',
    'cli.backups.list.none': 'Mapē {{dir}} nav dublējumu.',
    'cli.restore.summary': 'Atjaunot datubāzi no dublējuma',
    'cli.restore.note': 'Dublējumu vispirms atver ar šīs instalācijas atslēgu un pārbauda (integrity_check); tikai tad tas aizstāj datubāzi. Pašreizējā datubāze paliek mapē backups/ (pumpurs-restore-…). Aizveriet lietotni, pirms atjaunojat.',
    'cli.restore.done': 'Datubāze atjaunota no {{path}}.',
    'cli.restore.keptAside': 'Iepriekšējā datubāze saglabāta: {{path}}',
    'cli.audit.verify.summary': 'Pārbaudīt audita žurnāla jaucējķēdi',
    'cli.audit.verify.ok': 'Audita žurnāls ir vesels: {{rows}} ieraksti, ķēde nepārtraukta.',
    'cli.audit.verify.broken': 'Audita žurnāls ir mainīts: {{count}} problēmas {{rows}} ierakstos. Ziņojiet datu aizsardzības speciālistam; nelabojiet datubāzi.',
    'dataSafety.audit.problem.changed': 'ieraksts {{id}} mainīts pēc ierakstīšanas',
    'dataSafety.audit.problem.unlinked': 'pirms ieraksta {{id}} ieraksts izdzēsts vai ievietots',
    'dataSafety.audit.problem.unsealed': 'ieraksts {{id}} nav ķēdē (ievietots, apejot lietotni)',
    'dataSafety.audit.problem.endCut': 'žurnāla beigās izdzēsti ieraksti (līdz {{id}})',
    'dataSafety.backupKind.daily': 'dienas',
    'dataSafety.backupKind.migration': 'pirms atjaunināšanas',
    'dataSafety.backupKind.import': 'pirms importa',
    'dataSafety.backupKind.manual': 'manuāls',
    'dataSafety.backupKind.restore': 'aizstātā datubāze',
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
      'cli.backup.summary': 'Make an encrypted backup of the database',
    'cli.backup.option.out': "Backup file (default: the data folder's backups/)",
    'cli.backup.done': 'Encrypted backup made: {{path}}',
    'cli.backups.list.summary': 'List the backups in the data folder',
    'cli.backups.list.none': 'There are no backups in {{dir}}.',
    'cli.restore.summary': 'Restore the database from a backup',
    'cli.restore.note': "The backup is first opened with this installation's key and checked (integrity_check); only then does it replace the database. The current database stays in backups/ (pumpurs-restore-…). Close the app before restoring.",
    'cli.restore.done': 'Database restored from {{path}}.',
    'cli.restore.keptAside': 'The previous database is kept: {{path}}',
    'cli.audit.verify.summary': "Check the audit log's hash chain",
    'cli.audit.verify.ok': 'The audit log is intact: {{rows}} entries, the chain unbroken.',
    'cli.audit.verify.broken': 'The audit log has been tampered with: {{count}} problems in {{rows}} entries. Tell your data protection officer; do not repair the database.',
    'dataSafety.audit.problem.changed': 'entry {{id}} was changed after it was written',
    'dataSafety.audit.problem.unlinked': 'an entry before {{id}} was deleted or inserted',
    'dataSafety.audit.problem.unsealed': 'entry {{id}} is not in the chain (inserted around the app)',
    'dataSafety.audit.problem.endCut': 'entries were deleted at the end of the log (up to {{id}})',
    'dataSafety.backupKind.daily': 'daily',
    'dataSafety.backupKind.migration': 'before an update',
    'dataSafety.backupKind.import': 'before an import',
    'dataSafety.backupKind.manual': 'manual',
    'dataSafety.backupKind.restore': 'replaced database',
  },
};

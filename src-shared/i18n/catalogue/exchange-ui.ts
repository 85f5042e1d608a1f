/**
 * The exchange screens (src-renderer/features/exchange): this installation's
 * key and fingerprint, trusting the recipient's key card, enrolling a sender,
 * the school's semester package, and what to do about each package problem.
 */
import { ERROR_CODES, type ErrorCode } from '../../ipc/result';
import type { AreaCatalogue } from './types';

/**
 * Codes a package, key card or import can stop with, each with a
 * "what to do" line (`exchangeUi.whatToDo.<CODE>`) under its message: every
 * exchange code of ERROR_CODES (from CONTAINER_INVALID on), and INTERNAL.
 */
export const PACKAGE_PROBLEM_CODES: readonly ErrorCode[] = [...ERROR_CODES.slice(ERROR_CODES.indexOf('CONTAINER_INVALID')), 'INTERNAL'];

export const exchangeUi = {
  lv: {
    'exchangeUi.nav': 'Datu apmaiņa',
    'exchangeUi.title': 'Datu apmaiņa',
    'exchangeUi.intro.school':
      'Šeit skola sagatavo pašvaldībai semestra datu pakotni: šifrētu un parakstītu failu, ko nosūta e-pastā vai ar USB zibatmiņu. Vispirms abām iestādēm jāapmainās ar atslēgu kartēm un pa tālruni jāsalīdzina nospiedumi.',
    'exchangeUi.intro.authority': 'Šeit ir jūsu iestādes atslēga. Skolas ielādē jūsu atslēgas karti, lai to pakotnes varētu atvērt tikai jūs.',

    'exchangeUi.own.title': 'Šīs iestādes atslēga',
    'exchangeUi.own.intro':
      'Nosūtiet atslēgas karti otrai iestādei. Pēc tam piezvaniet tai un nolasiet nospiedumu: tam jāsakrīt ar to, ko otra iestāde redz savā ekrānā.',
    'exchangeUi.own.org': 'Iestāde',
    'exchangeUi.own.saveCard': 'Saglabāt atslēgas karti',
    'exchangeUi.own.saved': 'Atslēgas karte saglabāta: {{path}}',

    'exchangeUi.fingerprint.digits': 'Nospiedums',
    'exchangeUi.fingerprint.digitsHint': '12 grupas pa 5 cipariem. Nolasiet tās pa vienai.',
    'exchangeUi.fingerprint.hex': 'Tas pats nospiedums heksadecimālā pierakstā',

    'exchangeUi.recipient.titleMunicipality': 'Pašvaldības atslēga',
    'exchangeUi.recipient.titleState': 'Valsts (IKVD) atslēga',
    'exchangeUi.recipient.none': 'Saņēmēja atslēgas karte vēl nav ielādēta. Bez tās pakotni nevar izveidot.',
    'exchangeUi.recipient.trusted': 'Pakotnes var atvērt tikai {{name}}. Atslēga uzticēta pēc nospieduma salīdzināšanas.',
    'exchangeUi.recipient.load': 'Ielādēt atslēgas karti…',
    'exchangeUi.recipient.loadOther': 'Ielādēt jaunu atslēgas karti…',

    'exchangeUi.ledger.title': 'Nosūtītās pakotnes',
    'exchangeUi.ledger.none': 'No šīs iestādes vēl nav izveidota neviena pakotne.',
    'exchangeUi.ledger.seq': 'Nr.',
    'exchangeUi.ledger.recipient': 'Saņēmējs',
    'exchangeUi.ledger.period': 'Periods',
    'exchangeUi.ledger.made': 'Izveidota',
    'exchangeUi.ledger.by': 'Izveidoja',
    'exchangeUi.ledger.records': 'Ieraksti',
    'exchangeUi.export.title': 'Semestra datu pakotne',
    'exchangeUi.export.intro':
      'Pakotnē ir semestra izvērtējumi, plāni, pasākumi, sniegtais atbalsts un rezultāti bez brīvā teksta piezīmēm (mērķi, pamatojumi, komentāri paliek skolā). Atvērt to var tikai {{recipient}}.',
    'exchangeUi.export.needsRecipient': 'Vispirms ielādējiet saņēmēja atslēgas karti un salīdziniet nospiedumu.',
    'exchangeUi.export.button': 'Izveidot pakotni…',
    'exchangeUi.export.busy': 'Veido pakotni…',
    'exchangeUi.export.done': 'Pakotne izveidota',
    'exchangeUi.export.file': 'Fails',
    'exchangeUi.export.seq': 'Kārtas numurs',
    'exchangeUi.export.recipient': 'Saņēmējs',
    'exchangeUi.export.records': 'Ieraksti pakotnē',
    'exchangeUi.export.recordType': 'Ierakstu veids',
    'exchangeUi.export.count': 'Skaits',
    'exchangeUi.export.next': 'Nosūtiet šo failu saņēmējam e-pastā vai ar USB zibatmiņu. Fails ir šifrēts; atvērt to var tikai saņēmējs.',
    'exchangeUi.export.saved': 'Pakotne Nr. {{seq}} saglabāta.',

    'exchangeUi.semester': 'Semestris',
    'exchangeUi.semesterCurrent': '{{semester}} (pašreizējais)',

    'exchangeUi.keyFile.titleEnrol': 'Reģistrēt iestādi pēc atslēgas kartes',
    'exchangeUi.keyFile.titleTrust': 'Uzticēt saņēmēja atslēgas karti',
    'exchangeUi.keyFile.kind': 'Veids',
    'exchangeUi.keyFile.org': 'Nosaukums',
    'exchangeUi.keyFile.regNo': 'Reģistrācijas numurs',
    'exchangeUi.keyFile.pinned': 'Līdzšinējās atslēgas nospiedums',
    'exchangeUi.keyFile.compare':
      'Piezvaniet iestādei “{{name}}” uz tālruņa numuru, ko zināt no citurienes (ne to, kas rakstīts vēstulē ar karti), un palūdziet nolasīt nospiedumu no tās ekrāna “Datu apmaiņa”. Salīdziniet visas grupas.',
    'exchangeUi.keyFile.typed': 'Nospiedums, ko jums nolasīja',
    'exchangeUi.keyFile.typedHint': 'Nav obligāti. Ierakstiet ciparus, atstarpes var nelikt. Ja tie nesakritīs, nekas netiks reģistrēts.',
    'exchangeUi.keyFile.confirmCompared': 'Salīdzināju nospiedumu ar otru iestādi, un tas sakrīt',
    'exchangeUi.keyFile.mustCompare': 'Atzīmējiet, ka salīdzinājāt nospiedumu, vai ierakstiet to.',
    'exchangeUi.keyFile.confirmEnrol': 'Reģistrēt',
    'exchangeUi.keyFile.confirmTrust': 'Uzticēt',
    'exchangeUi.keyFile.action.enrol':
      'Apstiprinot šī iestāde un tās atslēga tiks reģistrēta. Vēlāk atslēgu varēs mainīt tikai ar vecās atslēgas parakstītu paziņojumu.',
    'exchangeUi.keyFile.action.unchanged': 'Šī atslēga jau ir reģistrēta; nekas nemainīsies.',
    'exchangeUi.keyFile.action.rotate': 'Apstiprinot jaunā atslēga aizstās līdzšinējo; tā paraksta pakotnes pēc Nr. {{seq}}.',
    'exchangeUi.keyFile.action.revoke': 'Apstiprinot atslēga vairs nederēs pakotnēm pēc Nr. {{seq}}.',
    'exchangeUi.keyFile.action.replace': 'Apstiprinot pazaudētā atslēga tiks aizstāta; jaunā derēs pakotnēm pēc Nr. {{seq}}.',
    'exchangeUi.keyFile.done.enrol': '“{{name}}” reģistrēta.',
    'exchangeUi.keyFile.trusted': '“{{name}}” atslēga uzticēta.',
    'exchangeUi.keyFile.done.unchanged': 'Nekas nemainījās: “{{name}}” jau bija reģistrēta ar šo atslēgu.',
    'exchangeUi.keyFile.done.rotate': '“{{name}}” atslēga nomainīta.',
    'exchangeUi.keyFile.done.revoke': '“{{name}}” atslēgas atsaukums reģistrēts.',
    'exchangeUi.keyFile.done.replace': '“{{name}}” atslēga aizstāta.',

    'exchangeUi.keyChanged.title': 'Atslēga neatbilst reģistrētajai — nekas netika mainīts',
    'exchangeUi.keyChanged.todo':
      'Ja iestāde pārinstalēja lietotni vai pazaudēja atslēgu, sazinieties ar to pa zināmu tālruni. Ja tā atslēgu nav mainījusi, karte var būt viltota: neizmantojiet to un ziņojiet par to atbildīgajam par datu drošību.',
    'exchangeUi.keyChanged.replaceHint':
      'Ja iestāde apstiprina, ka pazaudēja atslēgu (piemēram, pārinstalēja lietotni bez rezerves kopijas), tās jauno atslēgu var reģistrēt vecās vietā.',
    'exchangeUi.keyChanged.replace': 'Aizstāt pazaudēto atslēgu…',
    'exchangeUi.replaceKey.title': 'Pazaudētas atslēgas aizstāšana',
    'exchangeUi.replaceKey.warning':
      'Iestāde saka, ka pazaudēja atslēgu. Piezvaniet tai pa zināmu tālruni un salīdziniet JAUNO nospiedumu. Pēc apstiprināšanas ar veco atslēgu parakstītas pakotnes, kas sūtītas pēc Nr. {{seq}}, tiks noraidītas.',
    'exchangeUi.replaceKey.confirm': 'Aizstāt atslēgu',
    'exchangeUi.problem.code': 'Kods: {{code}}',
    'exchangeUi.problem.title': 'Neizdevās',

    'exchangeUi.whatToDo.CONTAINER_INVALID': 'Pārliecinieties, ka izvēlējāties .pumpurs pakotni. Ja tā ir, palūdziet sūtītājam to izveidot un nosūtīt vēlreiz.',
    'exchangeUi.whatToDo.LIMIT_EXCEEDED': 'Sazinieties ar sūtītāju. Ja pakotne ir īsta un tik liela, limitu var palielināt IT administrators.',
    'exchangeUi.whatToDo.MANIFEST_INVALID': 'Palūdziet sūtītājam pārbaudīt datora pulksteni un izveidot pakotni vēlreiz.',
    'exchangeUi.whatToDo.SIGNER_UNKNOWN':
      'Reģistrējiet sūtītāju sadaļā “Skolas” pēc tā atslēgas kartes un pa tālruni salīdziniet nospiedumu. Pēc tam importējiet vēlreiz.',
    'exchangeUi.whatToDo.SIGNER_REVOKED': 'Sazinieties ar sūtītāju pa zināmu tālruni: pakotne jāizveido ar tā pašreizējo atslēgu.',
    'exchangeUi.whatToDo.SIGNER_SENDER_MISMATCH': 'Neimportējiet šo failu. Saglabājiet to un ziņojiet par to atbildīgajam par datu drošību.',
    'exchangeUi.whatToDo.SIGNATURE_INVALID':
      'Neimportējiet šo failu. Palūdziet sūtītājam nosūtīt pakotni vēlreiz; ja arī tā tiek atteikta, ziņojiet IT administratoram.',
    'exchangeUi.whatToDo.INTEGRITY_MISMATCH':
      'Neimportējiet šo failu. Palūdziet sūtītājam nosūtīt pakotni vēlreiz; ja arī tā tiek atteikta, ziņojiet IT administratoram.',
    'exchangeUi.whatToDo.NOT_FOR_THIS_RECIPIENT':
      'Pārbaudiet, vai sūtītājs ir ielādējis jūsu pašreizējo atslēgas karti, un palūdziet pakotni izveidot vēlreiz.',
    'exchangeUi.whatToDo.UNSUPPORTED_FORMAT': 'Atjauniniet lietotni uz jaunāko versiju un importējiet vēlreiz.',
    'exchangeUi.whatToDo.SCHEMA_FROM_FUTURE': 'Atjauniniet lietotni uz jaunāko versiju un importējiet vēlreiz.',
    'exchangeUi.whatToDo.ALREADY_IMPORTED': 'Nekas nav jādara: šie dati jau ir jūsu datubāzē.',
    'exchangeUi.whatToDo.PACKAGE_ID_CONFLICT': 'Neimportējiet šo failu. Ziņojiet sūtītājam un atbildīgajam par datu drošību.',
    'exchangeUi.whatToDo.STALE_REPLAY': 'Nekas nav jādara, ja jaunākā pakotne jau ir importēta. Ja šaubāties, jautājiet sūtītājam, kura pakotne ir pēdējā.',
    'exchangeUi.whatToDo.SEQUENCE_GAP': 'Pakotni var importēt. Palūdziet sūtītājam atsūtīt arī trūkstošo pakotni.',
    'exchangeUi.whatToDo.DECRYPTION_FAILED': 'Palūdziet sūtītājam izveidot pakotni vēlreiz ar jūsu pašreizējo atslēgas karti.',
    'exchangeUi.whatToDo.INNER_BINDING_MISMATCH': 'Neimportējiet šo failu. Saglabājiet to un ziņojiet par to atbildīgajam par datu drošību.',
    'exchangeUi.whatToDo.RECORD_INVALID': 'Palūdziet sūtītājam atjaunināt lietotni un izveidot pakotni vēlreiz.',
    'exchangeUi.whatToDo.RECORD_CONFLICT': 'Jums jau ir jaunāki šo ierakstu dati. Jautājiet sūtītājam, vai pakotne ir pēdējā; ja ir, tai jāizveido jauna.',
    'exchangeUi.whatToDo.KEY_CHANGED': 'Sazinieties ar iestādi pa zināmu tālruni un noskaidrojiet, vai tā mainīja atslēgu.',
    'exchangeUi.whatToDo.IO_ERROR': 'Pārbaudiet, vai zibatmiņa vēl ir pievienota, nokopējiet failu uz datora un mēģiniet vēlreiz.',
    'exchangeUi.whatToDo.STREAM_RESTARTED':
      'Piezvaniet sūtītājam un noskaidrojiet, vai tas atjaunoja vecāku rezerves kopiju vai iestatīja programmu no jauna. Ja jā, pieņemiet jauno numerāciju (tiek ierakstīts audita žurnālā) un importējiet pakotni vēlreiz. Ja nē, neimportējiet to: kāds cits var izmantot sūtītāja atslēgu.',
    'exchangeUi.whatToDo.INTERNAL': 'Mēģiniet vēlreiz. Ja kļūda atkārtojas, vērsieties pie IT administratora.',
  },
  en: {
    'exchangeUi.nav': 'Data exchange',
    'exchangeUi.title': 'Data exchange',
    'exchangeUi.intro.school':
      'Here the school prepares its semester package for the municipality: an encrypted, signed file sent by e-mail or on a USB stick. First both organisations exchange key cards and compare the fingerprints by phone.',
    'exchangeUi.intro.authority': 'This is your organisation’s key. Schools load your key card so that only you can open their packages.',

    'exchangeUi.own.title': 'This organisation’s key',
    'exchangeUi.own.intro':
      'Send the key card to the other organisation. Then phone them and read out the fingerprint: it must match the one they see on their screen.',
    'exchangeUi.own.org': 'Organisation',
    'exchangeUi.own.saveCard': 'Save key card',
    'exchangeUi.own.saved': 'Key card saved: {{path}}',

    'exchangeUi.fingerprint.digits': 'Fingerprint',
    'exchangeUi.fingerprint.digitsHint': '12 groups of 5 digits. Read them out one group at a time.',
    'exchangeUi.fingerprint.hex': 'The same fingerprint in hexadecimal',

    'exchangeUi.recipient.titleMunicipality': 'Municipality’s key',
    'exchangeUi.recipient.titleState': 'State (IKVD) key',
    'exchangeUi.recipient.none': 'The recipient’s key card has not been loaded yet. Without it no package can be made.',
    'exchangeUi.recipient.trusted': 'Only {{name}} can open the packages. The key was trusted after comparing the fingerprint.',
    'exchangeUi.recipient.load': 'Load key card…',
    'exchangeUi.recipient.loadOther': 'Load a new key card…',

    'exchangeUi.ledger.title': 'Packages sent',
    'exchangeUi.ledger.none': 'This installation has not made any package yet.',
    'exchangeUi.ledger.seq': 'No.',
    'exchangeUi.ledger.recipient': 'Recipient',
    'exchangeUi.ledger.period': 'Period',
    'exchangeUi.ledger.made': 'Made',
    'exchangeUi.ledger.by': 'Made by',
    'exchangeUi.ledger.records': 'Records',
    'exchangeUi.export.title': 'Semester package',
    'exchangeUi.export.intro':
      'The package holds the semester’s screenings, plans, measures, deliveries and outcomes without free-text notes (goals, justifications and comments stay at school). Only {{recipient}} can open it.',
    'exchangeUi.export.needsRecipient': 'First load the recipient’s key card and compare the fingerprint.',
    'exchangeUi.export.button': 'Make package…',
    'exchangeUi.export.busy': 'Making the package…',
    'exchangeUi.export.done': 'Package made',
    'exchangeUi.export.file': 'File',
    'exchangeUi.export.seq': 'Sequence number',
    'exchangeUi.export.recipient': 'Recipient',
    'exchangeUi.export.records': 'Records in the package',
    'exchangeUi.export.recordType': 'Record type',
    'exchangeUi.export.count': 'Count',
    'exchangeUi.export.next': 'Send this file to the recipient by e-mail or on a USB stick. It is encrypted; only the recipient can open it.',
    'exchangeUi.export.saved': 'Package no. {{seq}} saved.',

    'exchangeUi.semester': 'Semester',
    'exchangeUi.semesterCurrent': '{{semester}} (current)',

    'exchangeUi.keyFile.titleEnrol': 'Enrol an organisation from its key card',
    'exchangeUi.keyFile.titleTrust': 'Trust the recipient’s key card',
    'exchangeUi.keyFile.kind': 'Kind',
    'exchangeUi.keyFile.org': 'Name',
    'exchangeUi.keyFile.regNo': 'Registration number',
    'exchangeUi.keyFile.pinned': 'Fingerprint of the key used so far',
    'exchangeUi.keyFile.compare':
      'Phone “{{name}}” on a number you know from elsewhere (not the one in the message with the card) and ask them to read out the fingerprint from their “Data exchange” screen. Compare every group.',
    'exchangeUi.keyFile.typed': 'Fingerprint read out to you',
    'exchangeUi.keyFile.typedHint': 'Optional. Type the digits; spaces do not matter. If they do not match, nothing is enrolled.',
    'exchangeUi.keyFile.confirmCompared': 'I compared the fingerprint with the other organisation and it matches',
    'exchangeUi.keyFile.mustCompare': 'Tick that you compared the fingerprint, or type it.',
    'exchangeUi.keyFile.confirmEnrol': 'Enrol',
    'exchangeUi.keyFile.confirmTrust': 'Trust',
    'exchangeUi.keyFile.action.enrol': 'Confirming enrols this organisation and its key. Later the key can change only by a statement signed with the old key.',
    'exchangeUi.keyFile.action.unchanged': 'This key is already enrolled; nothing will change.',
    'exchangeUi.keyFile.action.rotate': 'Confirming replaces the current key with the new one; it signs packages after no. {{seq}}.',
    'exchangeUi.keyFile.action.revoke': 'Confirming makes the key invalid for packages after no. {{seq}}.',
    'exchangeUi.keyFile.action.replace': 'Confirming replaces the lost key; the new one is valid for packages after no. {{seq}}.',
    'exchangeUi.keyFile.done.enrol': '“{{name}}” enrolled.',
    'exchangeUi.keyFile.trusted': '“{{name}}”: key trusted.',
    'exchangeUi.keyFile.done.unchanged': 'Nothing changed: “{{name}}” was already enrolled with this key.',
    'exchangeUi.keyFile.done.rotate': '“{{name}}”: key changed.',
    'exchangeUi.keyFile.done.revoke': '“{{name}}”: key revocation recorded.',
    'exchangeUi.keyFile.done.replace': '“{{name}}”: key replaced.',

    'exchangeUi.keyChanged.title': 'The key differs from the enrolled one — nothing was changed',
    'exchangeUi.keyChanged.todo':
      'If the organisation reinstalled the app or lost its key, contact them on a number you know. If they did not change their key, the card may be forged: do not use it and tell the person responsible for data security.',
    'exchangeUi.keyChanged.replaceHint':
      'If the organisation confirms that it lost its key (e.g. reinstalled the app without a backup), its new key can be enrolled in place of the old one.',
    'exchangeUi.keyChanged.replace': 'Replace the lost key…',
    'exchangeUi.replaceKey.title': 'Replacing a lost key',
    'exchangeUi.replaceKey.warning':
      'The organisation says it lost its key. Phone them on a number you know and compare the NEW fingerprint. After you confirm, packages signed by the old key after no. {{seq}} will be refused.',
    'exchangeUi.replaceKey.confirm': 'Replace the key',
    'exchangeUi.problem.code': 'Code: {{code}}',
    'exchangeUi.problem.title': 'Did not work',

    'exchangeUi.whatToDo.CONTAINER_INVALID': 'Make sure you chose a .pumpurs package. If you did, ask the sender to make and send it again.',
    'exchangeUi.whatToDo.LIMIT_EXCEEDED': 'Contact the sender. If the package is genuine and this large, your IT administrator can raise the limit.',
    'exchangeUi.whatToDo.MANIFEST_INVALID': 'Ask the sender to check their computer’s clock and make the package again.',
    'exchangeUi.whatToDo.SIGNER_UNKNOWN': 'Enrol the sender under “Schools” from its key card, comparing the fingerprint by phone. Then import again.',
    'exchangeUi.whatToDo.SIGNER_REVOKED': 'Contact the sender on a number you know: the package must be made with their current key.',
    'exchangeUi.whatToDo.SIGNER_SENDER_MISMATCH': 'Do not import this file. Keep it and tell the person responsible for data security.',
    'exchangeUi.whatToDo.SIGNATURE_INVALID':
      'Do not import this file. Ask the sender to send the package again; if that is refused too, tell your IT administrator.',
    'exchangeUi.whatToDo.INTEGRITY_MISMATCH':
      'Do not import this file. Ask the sender to send the package again; if that is refused too, tell your IT administrator.',
    'exchangeUi.whatToDo.NOT_FOR_THIS_RECIPIENT': 'Check that the sender loaded your current key card, and ask them to make the package again.',
    'exchangeUi.whatToDo.UNSUPPORTED_FORMAT': 'Update the app to the latest version and import again.',
    'exchangeUi.whatToDo.SCHEMA_FROM_FUTURE': 'Update the app to the latest version and import again.',
    'exchangeUi.whatToDo.ALREADY_IMPORTED': 'Nothing to do: this data is already in your database.',
    'exchangeUi.whatToDo.PACKAGE_ID_CONFLICT': 'Do not import this file. Tell the sender and the person responsible for data security.',
    'exchangeUi.whatToDo.STALE_REPLAY': 'Nothing to do if the newer package is already imported. If in doubt, ask the sender which package is their latest.',
    'exchangeUi.whatToDo.SEQUENCE_GAP': 'The package can be imported. Ask the sender for the missing package too.',
    'exchangeUi.whatToDo.DECRYPTION_FAILED': 'Ask the sender to make the package again with your current key card.',
    'exchangeUi.whatToDo.INNER_BINDING_MISMATCH': 'Do not import this file. Keep it and tell the person responsible for data security.',
    'exchangeUi.whatToDo.RECORD_INVALID': 'Ask the sender to update the app and make the package again.',
    'exchangeUi.whatToDo.RECORD_CONFLICT':
      'You already hold newer data for these records. Ask the sender whether this is their latest package; if it is, they should make a new one.',
    'exchangeUi.whatToDo.KEY_CHANGED': 'Contact the organisation on a number you know and find out whether they changed their key.',
    'exchangeUi.whatToDo.IO_ERROR': 'Check that the USB stick is still plugged in, copy the file to the computer and try again.',
    'exchangeUi.whatToDo.STREAM_RESTARTED':
      "Phone the sender and ask whether it restored an older backup or set the app up again. If so, accept the new numbering (recorded in the audit log) and import the package again. If not, do not import it: someone else may be using the sender's key.",
    'exchangeUi.whatToDo.INTERNAL': 'Try again. If it keeps happening, contact your IT administrator.',
  },
} as const satisfies AreaCatalogue;

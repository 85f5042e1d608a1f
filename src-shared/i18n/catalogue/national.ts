/** The national picture: the report to the state, the state's views of it, and their CLI. */
import type { AreaCatalogue } from './types';

export const national: AreaCatalogue = {
  lv: {
    'errors.exchange.stateReportNotHere': 'Ziņojumu valstij veido pašvaldība vai valsts profesionālā skola. Šī instalācija to nevar izdarīt.',
    'errors.exchange.wrongDirection': 'Šī instalācija sūta datus iestādei "{{expected}}", nevis "{{found}}". Norādiet pareizo saņēmēju.',
    'cli.export.option.to': 'Saņēmējs, kam pakotne domāta: municipality vai state (pārbauda, ka tas ir šīs instalācijas saņēmējs)',
    'cli.export.option.preview': 'Tikai parādīt, ko ziņojums valstij saturēs; neko neierakstīt',
    'cli.export.badTo': 'Saņēmējs "{{to}}" nav zināms. Norādiet municipality vai state.',
    'cli.export.outRequired': 'Norādiet pakotnes failu ar --out (vai --preview, lai tikai apskatītu).',
    'cli.export.previewHead': 'Ziņojums valstij ({{recipient}}), semestris {{semester}}:',
    'cli.export.previewSchool': '  {{name}} ({{id}}): izglītojamie {{student}}, skrīningi {{screening}}, plāni {{plan}}, pasākumi {{measure}}, rezultāti {{outcome}}',
    'cli.export.previewTotal': 'Kopā: skolas {{school}}, izglītojamie {{student}}, skrīningi {{screening}}, plāni {{plan}}, pasākumi {{measure}}, rezultāti {{outcome}}',
    'cli.export.previewFields': '  {{type}}: {{fields}}',
    'cli.export.previewNothingWritten': 'Nekas netika ierakstīts. Vārdi, personas kodi, aizbildņi, darbinieki, brīvais teksts un precīzi datumi netiek sūtīti.',
    'cli.export.stateCounts': 'Skolas: {{schools}}, izglītojamie (pseidonīmi): {{students}}, plāni: {{plans}}, pasākumi: {{measures}}.',
  },
  en: {
    'errors.exchange.stateReportNotHere': 'The report to the state is made by a municipality or a state vocational school. This installation cannot make it.',
    'errors.exchange.wrongDirection': 'This installation sends its data to "{{expected}}", not "{{found}}". Name the right recipient.',
    'cli.export.option.to': 'The recipient the package is for: municipality or state (checked against this installation\'s recipient)',
    'cli.export.option.preview': 'Only show what the report to the state would carry; write nothing',
    'cli.export.badTo': 'Recipient "{{to}}" is unknown. Give municipality or state.',
    'cli.export.outRequired': 'Give the package file with --out (or --preview to look only).',
    'cli.export.previewHead': 'Report to the state ({{recipient}}), semester {{semester}}:',
    'cli.export.previewSchool': '  {{name}} ({{id}}): students {{student}}, screenings {{screening}}, plans {{plan}}, measures {{measure}}, outcomes {{outcome}}',
    'cli.export.previewTotal': 'Total: schools {{school}}, students {{student}}, screenings {{screening}}, plans {{plan}}, measures {{measure}}, outcomes {{outcome}}',
    'cli.export.previewFields': '  {{type}}: {{fields}}',
    'cli.export.previewNothingWritten': 'Nothing was written. Names, personal codes, guardians, staff, free text and exact dates are never sent.',
    'cli.export.stateCounts': 'Schools: {{schools}}, students (pseudonyms): {{students}}, plans: {{plans}}, measures: {{measures}}.',
  },
};

/** The national picture: the report to the state, the state's views of it, and their CLI. */
import type { AreaCatalogue } from './types';

export const national: AreaCatalogue = {
  lv: {
    'errors.exchange.stateReportNotHere': 'Ziņojumu valstij veido pašvaldība vai valsts profesionālā skola. Šī instalācija to nevar izdarīt.',
    'errors.exchange.wrongDirection': 'Šī instalācija sūta datus iestādei "{{expected}}", nevis "{{found}}". Norādiet pareizo saņēmēju.',
  },
  en: {
    'errors.exchange.stateReportNotHere': 'The report to the state is made by a municipality or a state vocational school. This installation cannot make it.',
    'errors.exchange.wrongDirection': 'This installation sends its data to "{{expected}}", not "{{found}}". Name the right recipient.',
  },
};

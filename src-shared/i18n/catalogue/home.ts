/** Home: the semester at a glance. */
import type { AreaCatalogue } from './types';

export const home: AreaCatalogue = {
  lv: {
    'home.title': 'Sākums',
    'home.semester': 'Šis semestris: {{semester}}',
    'home.total': 'Kopā',

    'home.waiting.title': 'Gaida jūsu darbību',
    'home.waiting.none': 'Pašlaik nekas negaida jūsu darbību.',
    'home.waiting.toApprove': 'jāapstiprina',
    'home.waiting.draft': 'projekts jāpabeidz un jānodod saskaņošanai',
    'home.waiting.returned': 'atgriezts labošanai',
    'home.waiting.toStart': 'apstiprināts, jāsāk īstenot',
    'home.waiting.underReview': 'jāpabeidz pārskatīšana',
    'home.waiting.semesterEnded': 'semestris beidzies, jānovērtē rezultāti',

    'home.risk.title': 'Skolēni ar riskiem pa grupām',

    'home.plans.title': 'Plāni pa statusiem',
    'home.plans.none': 'Šajā semestrī vēl nav neviena plāna.',

    'home.month.title': 'Atbalsts šajā mēnesī',
    'home.month.none': 'Šajā mēnesī vēl nav reģistrēts neviens atbalsta pasākums.',
    'home.month.deliveries': 'Ieraksti',
    'home.month.count_zero': '{{count}} (jūsu: {{mine}})',
    'home.month.count_one': '{{count}} (jūsu: {{mine}})',
    'home.month.count_other': '{{count}} (jūsu: {{mine}})',
    'home.month.students': 'Skolēni',
    'home.month.consultations': 'Konsultācijas',
    'home.month.hours': '{{hours}} h',
    'home.month.compensations': 'Kompensācijas',
    'home.month.ngo': 'Dalība jauniešu NVO projektos',

    'home.spending.title': 'Izlietotais pret limitiem (semestrī)',
    'home.spending.none': 'Šajā semestrī vēl nekas nav izlietots, un limiti nav noteikti.',
    'home.spending.kind': 'Pasākuma veids',
    'home.spending.spent': 'Izlietots',
    'home.spending.cap': 'Limits vienam skolēnam',
    'home.spending.noCap': 'nav noteikts',
    'home.spending.students': 'Skolēni',
    'home.spending.overCap': 'Virs limita',
  },
  en: {
    'home.title': 'Home',
    'home.semester': 'This semester: {{semester}}',
    'home.total': 'Total',

    'home.waiting.title': 'Waiting for you',
    'home.waiting.none': 'Nothing is waiting for you right now.',
    'home.waiting.toApprove': 'to approve',
    'home.waiting.draft': 'draft to finish and submit',
    'home.waiting.returned': 'returned for changes',
    'home.waiting.toStart': 'approved, to start',
    'home.waiting.underReview': 'review to finish',
    'home.waiting.semesterEnded': 'semester ended, results to evaluate',

    'home.risk.title': 'Students at risk by group',

    'home.plans.title': 'Plans by status',
    'home.plans.none': 'No plans yet this semester.',

    'home.month.title': 'Support this month',
    'home.month.none': 'No support has been logged this month yet.',
    'home.month.deliveries': 'Entries',
    'home.month.count_one': '{{count}} (yours: {{mine}})',
    'home.month.count_other': '{{count}} (yours: {{mine}})',
    'home.month.students': 'Students',
    'home.month.consultations': 'Consultations',
    'home.month.hours': '{{hours}} h',
    'home.month.compensations': 'Compensations',
    'home.month.ngo': 'Youth NGO project participation',

    'home.spending.title': 'Spending against caps (this semester)',
    'home.spending.none': 'Nothing spent yet this semester, and no caps are set.',
    'home.spending.kind': 'Measure kind',
    'home.spending.spent': 'Spent',
    'home.spending.cap': 'Cap per student',
    'home.spending.noCap': 'not set',
    'home.spending.students': 'Students',
    'home.spending.overCap': 'Over the cap',
  },
};

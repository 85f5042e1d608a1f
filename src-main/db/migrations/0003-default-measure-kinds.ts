import { sql, type Kysely } from 'kysely';

/**
 * The default configuration of support-measure kinds (domain.md): eight
 * consultation specialists, six compensations, and participation in a youth
 * NGO initiative project. Rates and caps are NULL (no cap) until a school
 * admin sets them. Existing rows are left as they are.
 */
const KINDS: [code: string, category: string, unit: string, lv: string, en: string][] = [
  ['consultation.teacher', 'consultation', 'minutes', 'Pedagoga konsultācija', 'Teacher consultation'],
  ['consultation.psychologist', 'consultation', 'minutes', 'Psihologa konsultācija', 'Psychologist consultation'],
  ['consultation.socialPedagogue', 'consultation', 'minutes', 'Sociālā pedagoga konsultācija', 'Social pedagogue consultation'],
  ['consultation.teacherAssistant', 'consultation', 'minutes', 'Pedagoga palīga atbalsts', "Teacher's assistant support"],
  ['consultation.specialEducationTeacher', 'consultation', 'minutes', 'Speciālās izglītības pedagoga konsultācija', 'Special education teacher consultation'],
  ['consultation.signLanguageInterpreter', 'consultation', 'minutes', 'Surdotulka pakalpojums', 'Sign-language interpreter'],
  ['consultation.assistant', 'consultation', 'minutes', 'Asistenta pakalpojums', 'Assistant'],
  ['consultation.occupationalTherapist', 'consultation', 'minutes', 'Ergoterapeita konsultācija', 'Occupational therapist consultation'],
  ['compensation.publicTransport', 'compensation', 'cents', 'Sabiedriskā transporta izdevumu kompensācija', 'Public transport costs'],
  ['compensation.specialTransport', 'compensation', 'cents', 'Speciālā transporta izdevumu kompensācija', 'Special transport costs'],
  ['compensation.accommodation', 'compensation', 'cents', 'Dienesta viesnīcas izdevumu kompensācija', 'Accommodation (dormitory) costs'],
  ['compensation.meals', 'compensation', 'cents', 'Ēdināšanas izdevumu kompensācija', 'Meal costs'],
  ['compensation.learningMaterials', 'compensation', 'cents', 'Individuālo mācību līdzekļu kompensācija', 'Individual learning materials'],
  ['compensation.personalItems', 'compensation', 'cents', 'Individuālās lietošanas priekšmetu kompensācija', 'Personal-use items (clothing, shoes, hygiene)'],
  ['ngo.project', 'ngo', 'participation', 'Dalība jauniešu iniciatīvu projektā', 'Youth NGO initiative project'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [index, [code, category, unit, lv, en]] of KINDS.entries()) {
    await sql`INSERT OR IGNORE INTO measure_kind (code, category, label_lv, label_en, unit, rate_cents, cap_cents, active, sort_order)
      VALUES (${code}, ${category}, ${lv}, ${en}, ${unit}, NULL, NULL, 1, ${(index + 1) * 10})`.execute(db);
  }
}

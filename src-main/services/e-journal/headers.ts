/**
 * Header recognition: Latvian and English column titles, in any order,
 * ignoring case, diacritics, punctuation and spacing. A header that is not in
 * this dictionary (nor in the preset the user chose) is *unknown*: the import
 * stops and asks for a mapping. Nothing is guessed.
 */
import type { ColumnRole, JournalMapping } from '../../../src-shared/domain/e-journal';

/** "Vārds,  Uzvārds" → "vards uzvards": lower case, no diacritics, punctuation as spaces, single spaces. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const FIELDS: Record<Exclude<ColumnRole['kind'], 'subjectMarks'>, readonly string[]> = {
  personalCode: ['personas kods', 'p k', 'pk', 'skolena personas kods', 'personal code', 'personal id', 'id code', 'personal identity code'],
  fullName: [
    'skolens',
    'skoleni',
    'skolena vards uzvards',
    'vards uzvards',
    'uzvards vards',
    'vards un uzvards',
    'izglitojamais',
    'student',
    'pupil',
    'student name',
    'name',
    'full name',
  ],
  firstName: ['vards', 'first name', 'given name'],
  lastName: ['uzvards', 'last name', 'surname', 'family name'],
  classLabel: ['klase', 'klase grupa', 'class', 'form', 'grade class'],
  unexcused: [
    'neattaisnotie kavejumi',
    'neattaisnoti kavejumi',
    'kavejumi neattaisnoti',
    'kavejumi neattaisnotie',
    'neattaisnoti',
    'neattaisnotie',
    'neattaisnotas stundas',
    'unexcused',
    'unexcused absences',
    'absences unexcused',
  ],
  excused: [
    'attaisnotie kavejumi',
    'attaisnoti kavejumi',
    'kavejumi attaisnoti',
    'kavejumi attaisnotie',
    'attaisnoti',
    'attaisnotie',
    'excused',
    'excused absences',
    'absences excused',
  ],
  lessons: ['stundu skaits', 'stundas', 'macibu stundas', 'stundas kopa', 'lessons', 'lessons total', 'total lessons', 'number of lessons'],
  notAssessed: ['nav vertejuma', 'nv', 'nv skaits', 'not assessed', 'no mark'],
  subject: ['macibu prieksmets', 'prieksmets', 'subject', 'course'],
  mark: [
    'vertejums',
    'vertejumi',
    'atzime',
    'atzimes',
    'semestra vertejums',
    'videjais vertejums',
    'videja atzime',
    'grade',
    'grades',
    'mark',
    'marks',
    'average',
    'semester mark',
  ],
  ignore: ['nr', 'nr p k', 'n p k', 'no', 'piezimes', 'notes', 'comment', 'komentars', 'dzimsanas datums', 'date of birth', 'birth date'],
};

/** Subjects taught in Latvian schools (lv and en): a column titled with one holds that subject's marks. */
const SUBJECTS = [
  'latviesu valoda',
  'latviesu valoda un literatura',
  'literatura',
  'matematika',
  'anglu valoda',
  'vacu valoda',
  'krievu valoda',
  'franču valoda',
  'dabaszinibas',
  'biologija',
  'kimija',
  'fizika',
  'geografija',
  'vesture',
  'latvijas vesture',
  'pasaules vesture',
  'socialas zinibas',
  'socialas zinibas un vesture',
  'informatika',
  'datorika',
  'dizains un tehnologijas',
  'vizuala maksla',
  'muzika',
  'sports',
  'sports un veseliba',
  'kulturas pamati',
  'kulturas izpratne un pasizpausme maksla',
  'programmesana',
  'ekonomika',
  'latvian',
  'latvian language',
  'mathematics',
  'maths',
  'english',
  'german',
  'russian',
  'science',
  'biology',
  'chemistry',
  'physics',
  'geography',
  'history',
  'social studies',
  'computer science',
  'design and technology',
  'art',
  'music',
  'sport',
  'pe',
].map(normaliseHeader);

const DICTIONARY = new Map<string, ColumnRole>();
for (const [kind, labels] of Object.entries(FIELDS)) {
  for (const label of labels) DICTIONARY.set(normaliseHeader(label), { kind } as ColumnRole);
}

/** The role a header has by the preset (first) or the dictionary; null when unknown. */
export function recogniseHeader(header: string, preset: JournalMapping = {}): ColumnRole | null {
  const key = normaliseHeader(header);
  if (key === '') return null;
  const fromPreset = preset[key];
  if (fromPreset) return fromPreset;
  const known = DICTIONARY.get(key);
  if (known) return known;
  if (SUBJECTS.includes(key)) return { kind: 'subjectMarks', subject: header.trim() };
  return null;
}

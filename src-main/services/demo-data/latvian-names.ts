/**
 * Latvian names for synthetic people. Surnames are given in both genders,
 * because Latvian surnames change their ending (Bērziņš → Bērziņa,
 * Jansons → Jansone, Balodis → Balode; Liepa and Zvaigzne stay).
 */
export const MALE_FIRST_NAMES = [
  'Jānis', 'Andris', 'Mārtiņš', 'Kristaps', 'Roberts', 'Artūrs', 'Edgars', 'Ričards', 'Markuss', 'Gustavs',
  'Emīls', 'Olivers', 'Daniels', 'Kārlis', 'Niks', 'Rihards', 'Toms', 'Dāvis', 'Matīss', 'Raivis',
  'Aleksandrs', 'Maksims', 'Ralfs', 'Rūdolfs', 'Valters', 'Ernests', 'Miks', 'Teodors', 'Jēkabs', 'Krišjānis',
] as const;

export const FEMALE_FIRST_NAMES = [
  'Anna', 'Sofija', 'Alise', 'Emīlija', 'Marta', 'Elza', 'Laura', 'Paula', 'Keita', 'Amēlija',
  'Estere', 'Līva', 'Katrīna', 'Evelīna', 'Viktorija', 'Madara', 'Sanija', 'Adele', 'Luīze', 'Agate',
  'Megija', 'Annija', 'Ieva', 'Elīna', 'Dārta', 'Rēzija', 'Beatrise', 'Kate', 'Patrīcija', 'Linda',
] as const;

/** [male form, female form] */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['Bērziņš', 'Bērziņa'], ['Kalniņš', 'Kalniņa'], ['Ozols', 'Ozola'], ['Jansons', 'Jansone'], ['Ozoliņš', 'Ozoliņa'],
  ['Liepiņš', 'Liepiņa'], ['Krūmiņš', 'Krūmiņa'], ['Balodis', 'Balode'], ['Eglītis', 'Eglīte'], ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'], ['Vītols', 'Vītola'], ['Kļaviņš', 'Kļaviņa'], ['Kārkliņš', 'Kārkliņa'], ['Vanags', 'Vanaga'],
  ['Lapiņš', 'Lapiņa'], ['Siliņš', 'Siliņa'], ['Kalējs', 'Kalēja'], ['Sproģis', 'Sproģe'], ['Zvaigzne', 'Zvaigzne'],
  ['Liepa', 'Liepa'], ['Lācis', 'Lāce'], ['Jēkabsons', 'Jēkabsone'], ['Grīnbergs', 'Grīnberga'], ['Rozenbergs', 'Rozenberga'],
  ['Šmits', 'Šmite'], ['Strazdiņš', 'Strazdiņa'], ['Āboliņš', 'Āboliņa'], ['Lūsis', 'Lūse'], ['Kauliņš', 'Kauliņa'],
  ['Priede', 'Priede'], ['Dzenis', 'Dzene'], ['Krasts', 'Krasta'], ['Vilks', 'Vilka'], ['Ivanovs', 'Ivanova'],
  ['Petrovs', 'Petrova'], ['Kuzņecovs', 'Kuzņecova'], ['Freimanis', 'Freimane'], ['Celmiņš', 'Celmiņa'], ['Ābele', 'Ābele'],
];

const FOLD: Record<string, string> = { ā: 'a', č: 'c', ē: 'e', ģ: 'g', ī: 'i', ķ: 'k', ļ: 'l', ņ: 'n', š: 's', ū: 'u', ž: 'z' };

/** "Bērziņa" -> "berzina", for user names. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .split('')
    .map((c) => FOLD[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

/** Synthetic students and staff: names, gender-correct surnames, valid personal codes. */
import { legacyCheckDigit } from '../../../src-shared/domain/personal-code';
import type { DemoRandom } from './demo-random';
import { asciiFold, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from './latvian-names';

export interface DemoPerson {
  firstName: string;
  lastName: string;
  gender: 'female' | 'male';
}

export function demoPerson(random: DemoRandom, gender: 'female' | 'male' = random.chance(0.5) ? 'female' : 'male'): DemoPerson {
  const [male, female] = random.pick(SURNAMES);
  return gender === 'female'
    ? { firstName: random.pick(FEMALE_FIRST_NAMES), lastName: female, gender }
    : { firstName: random.pick(MALE_FIRST_NAMES), lastName: male, gender };
}

/** A legacy code DDMMYY-CNNNN for a birth date, with a correct check digit. */
export function legacyPersonalCode(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const century = Number(y!.slice(0, 2)) - 18; // 18xx -> 0, 19xx -> 1, 20xx -> 2
  const firstTen = `${d}${m}${y!.slice(2)}${century}${String(serial).padStart(3, '0')}`;
  return `${firstTen.slice(0, 6)}-${firstTen.slice(6)}${legacyCheckDigit(firstTen)}`;
}

/** A new-form code 32xxxx-xxxxx (no birth date, no check digit). */
export function newFormPersonalCode(random: DemoRandom): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  return `32${digits(4)}-${digits(5)}`;
}

/** Unique user names like "anna.berzina", "anna.berzina2". */
export function userNamer(): (person: DemoPerson) => string {
  const taken = new Set<string>();
  return (person) => {
    const base = `${asciiFold(person.firstName)}.${asciiFold(person.lastName)}`.slice(0, 60);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
}

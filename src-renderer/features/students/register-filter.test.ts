import { describe, expect, it } from 'vitest';
import { foldStudent } from '../../../src-shared/domain/search-fold';
import type { StudentRow } from '../../../src-shared/domain/student';
import { baseFilter, localFilter, serverFilter } from './register-screen';

describe('the register search box', () => {
  it('sends a class typed as people write it as grade and letter', () => {
    expect(serverFilter({ query: '7.b', status: 'active' })).toEqual({ grade: 7, classLabel: 'b', status: 'active' });
    expect(serverFilter({ query: '12a' })).toEqual({ grade: 12, classLabel: 'a' });
    expect(serverFilter({ query: '9.' })).toEqual({ grade: 9 });
    expect(serverFilter({ query: 'Ozola 7.b' })).toEqual({ query: 'Ozola', grade: 7, classLabel: 'b' });
  });

  it('leaves names, personal codes and impossible grades as text', () => {
    expect(serverFilter({ query: 'bērziņa' })).toEqual({ query: 'bērziņa' });
    expect(serverFilter({ query: '120305-21234' })).toEqual({ query: '120305-21234' });
    expect(serverFilter({ query: '13.a' })).toEqual({ query: '13.a' });
    expect(serverFilter({})).toEqual({});
  });
});

const row = (firstName: string, lastName: string, grade: number, classLabel: string, personalCode: string): StudentRow => ({
  id: `${lastName}-${firstName}`,
  firstName,
  lastName,
  personalCode,
  educationLevel: 'general',
  grade,
  classLabel,
  status: 'active',
  planStatus: null,
  riskGroups: [],
});

const ROWS = [
  row('Ēriks', 'Šimkus', 7, 'b', '120310-21234'),
  row('Anna', 'Bērziņa', 7, 'a', '050411-20001'),
  row('Jānis', 'Ozols', 12, 'A', '230107-11111'),
  row('Marta', 'Kalniņa', 9, 'c', '010109-10101'),
];

const shown = (search: string) => {
  const matches = localFilter(search);
  return ROWS.map(foldStudent)
    .filter((f) => matches(f.row, f))
    .map((f) => f.row.lastName);
};

describe('the register filters typed text in the page', () => {
  it('asks main only for the select filters, never for the typed text', () => {
    expect(baseFilter({ query: 'Ozola 7.b', status: 'active' })).toEqual({ status: 'active' });
    expect(baseFilter({ query: 'anna', grade: 7, riskGroup: 'family' })).toEqual({ grade: 7, riskGroup: 'family' });
    // a typed class replaces the grade chosen in the select, as serverFilter does on the service
    expect(baseFilter({ query: '9.c', grade: 7 })).toEqual({ grade: 9 });
  });

  it('matches names without diacritics and case, classes as grade and letter, personal codes with or without the hyphen', () => {
    expect(shown('eriks SIMKUS')).toEqual(['Šimkus']);
    expect(shown('bērz')).toEqual(['Bērziņa']);
    expect(shown('7.b')).toEqual(['Šimkus']);
    expect(shown('7')).toEqual(['Šimkus', 'Bērziņa']);
    expect(shown('12a')).toEqual(['Ozols']);
    expect(shown('120310-2')).toEqual(['Šimkus']);
    expect(shown('1203102')).toEqual(['Šimkus']);
    expect(shown('kalniņa 9.c')).toEqual(['Kalniņa']);
    expect(shown('nekāda')).toEqual([]);
    expect(shown('%')).toEqual([]);
    expect(shown('')).toHaveLength(ROWS.length);
  });
});

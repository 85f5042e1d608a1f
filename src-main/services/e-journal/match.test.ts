/** Matching to the register: by code, else name and class as journals write them; the rest listed, never guessed. */
import { describe, expect, it } from 'vitest';
import { matchToRegister, type RegisterStudent } from './match';
import type { ParsedStudent } from './parse-journal';

const REGISTER: RegisterStudent[] = [
  { id: 's1', personalCode: '150311-20000', firstName: 'Jānis', lastName: 'Bērziņš', grade: 8, classLabel: 'a' },
  { id: 's2', personalCode: '100106-20000', firstName: 'Līga', lastName: 'Kalniņa', grade: 12, classLabel: 'b' },
  { id: 's3', personalCode: '010111-20000', firstName: 'Anna', lastName: 'Ozola', grade: 8, classLabel: '8.a' },
  { id: 's4', personalCode: '020111-20000', firstName: 'Anna', lastName: 'Ozola', grade: 8, classLabel: 'b' },
];
const row = (p: Partial<ParsedStudent>): ParsedStudent => ({
  personalCode: null,
  name: '',
  classLabel: '',
  rows: [1],
  unexcused: 0,
  excused: 0,
  lessons: null,
  notAssessed: 0,
  marks: [],
  ...p,
});

describe('matching to the register', () => {
  it('finds a student by code, or by name in any order and class in any spelling', () => {
    const out = matchToRegister(
      [
        row({ personalCode: '150311-20000', name: 'Cits Vārds' }),
        row({ name: 'KALNINA, Liga', classLabel: '12.B' }),
        row({ name: 'Ozola Anna', classLabel: '8a' }),
        row({ name: 'Anna Ozola', classLabel: '8 b' }),
      ],
      REGISTER,
    );
    expect(out.matched.map((m) => [m.studentId, m.by])).toEqual([
      ['s1', 'personalCode'],
      ['s2', 'nameAndClass'],
      ['s3', 'nameAndClass'],
      ['s4', 'nameAndClass'],
    ]);
    expect(out.unmatched).toEqual([]);
  });

  it('lists what it cannot tie to exactly one student', () => {
    const out = matchToRegister(
      [
        row({ personalCode: '311299-29999', name: 'Jānis Bērziņš', classLabel: '8.a' }),
        row({ name: 'Anna Ozola' }),
        row({ name: 'Anna Ozola', classLabel: '9.a' }),
        row({ name: 'Jānis Bērziņš', classLabel: '8.a' }),
        row({ personalCode: '150311-20000' }),
      ],
      [
        ...REGISTER,
        { id: 's5', personalCode: '030111-20000', firstName: 'Anna', lastName: 'Ozola', grade: 9, classLabel: 'a' },
        { id: 's6', personalCode: '040111-20000', firstName: 'Anna', lastName: 'Ozola', grade: 9, classLabel: '9.a' },
      ],
    );
    expect(out.matched.map((m) => m.studentId)).toEqual(['s1']);
    expect(out.unmatched.map((u) => [u.reason, u.candidates])).toEqual([
      ['codeNotInRegister', 0],
      ['noClass', 4],
      ['severalInClass', 2],
      ['sameStudentTwice', 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { classLetter, studentInputSchema } from './student';

describe('the class label', () => {
  it('keeps only the letter when the grade is typed in front of it', () => {
    expect(classLetter(7, '7.b')).toBe('b');
    expect(classLetter(7, '7. b')).toBe('b');
    expect(classLetter(11, '11.a')).toBe('a');
    expect(classLetter(7, 'b')).toBe('b');
    expect(classLetter(7, '8.b')).toBe('8.b');
    expect(classLetter(7, '')).toBe('');
  });

  it('is stored as the letter by the student schema', () => {
    const parsed = studentInputSchema.parse({
      firstName: 'A',
      lastName: 'B',
      personalCode: '120311-21234',
      gender: 'male',
      educationLevel: 'general',
      grade: 8,
      classLabel: '8.b',
    });
    expect(parsed.classLabel).toBe('b');
  });
});

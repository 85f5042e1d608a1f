import { describe, expect, it } from 'vitest';
import { classText } from './authority-decision-service';

describe('the class of a waiting plan', () => {
  it('joins the grade and the school\u2019s label as "7.b", keeping a label that already names the grade', () => {
    expect(classText(7, 'b')).toBe('7.b');
    expect(classText(7, '')).toBe('7.');
    expect(classText(7, '7.b')).toBe('7.b');
    expect(classText(null, 'b')).toBe('b');
    expect(classText(null, null)).toBe('');
  });
});

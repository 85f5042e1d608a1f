/** A parsed student's indicators for the period (pure). */
import type { JournalIndicators } from '../../../src-shared/domain/e-journal';
import type { ParsedStudent } from './parse-journal';

/** Below this on the 10-point scale a mark is insufficient. */
export const INSUFFICIENT_BELOW = 4;

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

export function computeIndicators(s: ParsedStudent, previousAverage: number | null): JournalIndicators {
  const numeric = s.marks.flatMap((m) => (typeof m.value === 'number' ? [m.value] : []));
  const insufficient = numeric.filter((v) => v < INSUFFICIENT_BELOW).length + s.marks.filter((m) => m.value === 'fail').length;
  const notAssessed = s.notAssessed + s.marks.filter((m) => m.value === 'nv').length;
  const average = numeric.length > 0 ? round2(numeric.reduce((a, b) => a + b, 0) / numeric.length) : null;
  const lessons = s.lessons !== null && s.lessons > 0 ? s.lessons : null;
  return {
    unexcusedLessons: s.unexcused,
    excusedLessons: s.excused,
    lessons,
    unexcusedShare: lessons ? round4(s.unexcused / lessons) : null,
    absenceShare: lessons ? round4((s.unexcused + s.excused) / lessons) : null,
    insufficientMarks: insufficient,
    notAssessed,
    average,
    averageDrop: average !== null && previousAverage !== null ? round2(previousAverage - average) : null,
  };
}

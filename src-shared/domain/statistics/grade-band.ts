/** Grade bands used to stratify and break down statistics (docs/statistics.md). */
export const GRADE_BANDS = ['1-4', '5-6', '7-9', '10-12', 'vocational'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];

export function gradeBand(grade: number, educationLevel: 'general' | 'vocational'): GradeBand {
  if (educationLevel === 'vocational') return 'vocational';
  if (grade <= 4) return '1-4';
  if (grade <= 6) return '5-6';
  if (grade <= 9) return '7-9';
  return '10-12';
}

/** Student outcomes that mean the student is still in education the next semester. */
export const STILL_IN_EDUCATION = ['continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'graduated'] as const;

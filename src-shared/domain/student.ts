/**
 * Students and their guardians: the school's register. Personal codes are
 * parsed by personal-code.ts; the service normalises them and warns about a
 * failed check digit.
 */
import { z } from 'zod';
import { isoDateSchema } from './iso-date';
import { PLAN_STATUSES } from './plan-lifecycle';
import { RISK_GROUPS } from './risk-catalogue';

export const GENDERS = ['female', 'male'] as const;
export const EDUCATION_LEVELS = ['general', 'vocational'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const STUDENT_STATUSES = ['active', 'left', 'graduated'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const GUARDIAN_RELATIONS = ['mother', 'father', 'guardian', 'other'] as const;
/** Plan statuses (the lifecycle's one list); the register filters on them. */
export const PLAN_STATUS_CODES = PLAN_STATUSES;
/** Grades 1–12 in general education; courses 1–4 in vocational education. */
export const MAX_GRADE: Record<EducationLevel, number> = { general: 12, vocational: 4 };

const name = z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.tooLong');
const optionalDate = isoDateSchema.nullable().default(null);

const studentFields = z.object({
  firstName: name,
  lastName: name,
  personalCode: z.string().trim().min(1, 'errors.field.required').max(20, 'errors.field.personalCode'),
  /** Empty: taken from a legacy personal code, when there is one. */
  birthDate: optionalDate,
  gender: z.enum(GENDERS, 'errors.field.required'),
  educationLevel: z.enum(EDUCATION_LEVELS, 'errors.field.required'),
  grade: z.number('errors.field.required').int('errors.field.invalid').min(1, 'errors.field.grade').max(12, 'errors.field.grade'),
  classLabel: z.string().trim().max(20, 'errors.field.tooLong').default(''),
  programme: z.string().trim().max(200, 'errors.field.tooLong').default(''),
  enrolledOn: optionalDate,
  leftOn: optionalDate,
  status: z.enum(STUDENT_STATUSES, 'errors.field.notAllowed').default('active'),
});

/** Rules across fields: the grade fits the level, a student who left has a leaving date after enrolment. */
function studentRules(s: z.output<typeof studentFields>, ctx: z.RefinementCtx): void {
  if (s.grade > MAX_GRADE[s.educationLevel]) {
    ctx.addIssue({ code: 'custom', path: ['grade'], message: s.educationLevel === 'general' ? 'errors.field.grade' : 'errors.field.course' });
  }
  if (s.status !== 'active' && !s.leftOn) ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'errors.field.leftOnRequired' });
  if (s.enrolledOn && s.leftOn && s.leftOn < s.enrolledOn) ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'errors.field.dateOrder' });
}

/**
 * The class label is the parallel class's letter ("b"); the grade has its own
 * field, and screens show both as "7.b". Someone who types "7.b" (or "7. b")
 * with grade 7 means "b".
 */
export function classLetter(grade: number, classLabel: string): string {
  const match = /^(\d{1,2})\s*\.\s*(\S.*)$/.exec(classLabel);
  return match && Number(match[1]) === grade ? (match[2] ?? '') : classLabel;
}

function withClassLetter<T extends { grade: number; classLabel: string }>(s: T): T {
  return { ...s, classLabel: classLetter(s.grade, s.classLabel) };
}

export const studentInputSchema = studentFields.superRefine(studentRules).transform(withClassLetter);
export type StudentInput = z.input<typeof studentInputSchema>;

/** An edit names the version it started from; a stale version is refused (CONFLICT). */
export const studentUpdateInputSchema = studentFields
  .extend({ id: z.string().min(1).max(100), version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
  .superRefine(studentRules)
  .transform(withClassLetter);
export type StudentUpdateInput = z.input<typeof studentUpdateInputSchema>;

export const guardianInputSchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  relation: z.enum(GUARDIAN_RELATIONS, 'errors.field.required'),
  phone: z
    .string()
    .trim()
    .max(40, 'errors.field.tooLong')
    .regex(/^[+\d\s()-]*$/, 'errors.field.phone')
    .default(''),
  email: z
    .string()
    .trim()
    .max(200, 'errors.field.tooLong')
    .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'errors.field.email')
    .default(''),
});
export type GuardianInput = z.input<typeof guardianInputSchema>;

/** Replaces all of a student's guardians at once. */
export const setGuardiansInputSchema = z.object({
  studentId: z.string().min(1).max(100),
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  guardians: z.array(guardianInputSchema).max(10, 'errors.field.tooMany'),
});
export type SetGuardiansInput = z.input<typeof setGuardiansInputSchema>;

export const guardianSchema = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.enum(GUARDIAN_RELATIONS),
  phone: z.string(),
  email: z.string(),
});

export const studentSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  personalCode: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(GENDERS),
  educationLevel: z.enum(EDUCATION_LEVELS),
  grade: z.number().int(),
  classLabel: z.string(),
  programme: z.string(),
  enrolledOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  status: z.enum(STUDENT_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  guardians: z.array(guardianSchema),
});
export type Student = z.infer<typeof studentSchema>;

/** What a save returns: the record, and warnings that did not stop it (a failed check digit). */
export const studentSavedSchema = z.object({
  student: studentSchema,
  warnings: z.array(z.object({ path: z.string(), messageKey: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
});
export type StudentSaved = z.infer<typeof studentSavedSchema>;

export const studentListFilterSchema = z.object({
  /** Part of a name, a personal code (with or without the hyphen) or a class label. */
  query: z.string().trim().max(100, 'errors.field.tooLong').optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  grade: z.number().int().min(1).max(12).optional(),
  classLabel: z.string().trim().max(20).optional(),
  status: z.enum(STUDENT_STATUSES).optional(),
  /** Students whose screening this semester found a factor of this group present. */
  riskGroup: z.enum(RISK_GROUPS).optional(),
  /** The status of this semester's plan; 'none' for students without one. */
  planStatus: z.enum([...PLAN_STATUS_CODES, 'none']).optional(),
});
export type StudentListFilter = z.input<typeof studentListFilterSchema>;

export const studentRowSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  personalCode: z.string(),
  educationLevel: z.enum(EDUCATION_LEVELS),
  grade: z.number().int(),
  classLabel: z.string(),
  status: z.enum(STUDENT_STATUSES),
  planStatus: z.enum(PLAN_STATUS_CODES).nullable(),
  riskGroups: z.array(z.enum(RISK_GROUPS)),
});
export type StudentRow = z.infer<typeof studentRowSchema>;

export const studentListSchema = z.object({
  /** The semester the plan status and risk groups are for. */
  semesterId: z.string().nullable(),
  rows: z.array(studentRowSchema),
});
export type StudentList = z.infer<typeof studentListSchema>;

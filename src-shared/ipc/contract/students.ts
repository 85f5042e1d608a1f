/** The student register. */
import { z } from 'zod';
import {
  setGuardiansInputSchema,
  studentInputSchema,
  studentListFilterSchema,
  studentListSchema,
  studentSavedSchema,
  studentSchema,
  studentUpdateInputSchema,
} from '../../domain/student';
import { channel, SCHOOL_ONLY, signedIn } from '../channel';

export const studentChannels = {
  /** Compact rows for the register, filtered in SQL, with this semester's plan status and risk groups. */
  'students:list': channel(studentListFilterSchema, studentListSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** One student's full card; every call is recorded in the audit log as an opening. */
  'students:get': channel(z.object({ id: z.string().min(1).max(100) }), studentSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** Adds a student; warnings (a failed check digit) come back with the saved record. */
  'students:create': channel(studentInputSchema, studentSavedSchema, signedIn('student.write', SCHOOL_ONLY)),
  /** Corrects a student; `version` must be the one read, else CONFLICT. */
  'students:update': channel(studentUpdateInputSchema, studentSavedSchema, signedIn('student.write', SCHOOL_ONLY)),
  /** Replaces the student's guardians; `version` as for update. */
  'students:setGuardians': channel(setGuardiansInputSchema, studentSchema, signedIn('student.write', SCHOOL_ONLY)),
} as const;

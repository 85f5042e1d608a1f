/** The school calendar: school years and semesters (src-shared/domain/calendar.ts). */
import { z } from 'zod';
import { schoolYearInputSchema, schoolYearSchema, semesterSchema } from '../../domain/calendar';
import { channel, EVERY_MODE, signedIn } from '../channel';

export const calendarChannels = {
  /** Every school year with its semesters, oldest first (the current and previous ones are made on demand). */
  'calendar:list': channel(z.object({}), z.array(schoolYearSchema), signedIn('school.read', EVERY_MODE)),
  /** Today's date at the school and the semester work is about. */
  'calendar:current': channel(
    z.object({}),
    z.object({ today: z.string(), semester: semesterSchema, schoolYear: schoolYearSchema }),
    signedIn('school.read', EVERY_MODE),
  ),
  /** A coordinator creates or corrects a school year's dates. */
  'calendar:saveYear': channel(schoolYearInputSchema, schoolYearSchema, signedIn('school.admin', EVERY_MODE)),
} as const;

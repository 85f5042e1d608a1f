/** Channels of the statistics screen (school mode for now: the school's own figures). */
import { z } from 'zod';
import { channel, SCHOOL_ONLY, signedIn } from '../channel';
import { idSchema } from '../../domain/plan-fields';
import { BREAKDOWNS, statEffectivenessSchema, statOverviewSchema } from '../../domain/statistics/report';

export const statisticsChannels = {
  /** Count tables for a semester, broken down by one dimension. */
  'stats:overview': channel(z.object({ semesterId: idSchema, breakdown: z.enum(BREAKDOWNS) }), statOverviewSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** Effect estimates per measure kind over the chosen semesters (all when empty). */
  'stats:effectiveness': channel(z.object({ semesterIds: z.array(idSchema).max(40) }), statEffectivenessSchema, signedIn('school.read', SCHOOL_ONLY)),
} as const;

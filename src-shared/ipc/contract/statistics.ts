/** Channels of the statistics screen (school mode for now: the school's own figures). */
import { z } from 'zod';
import { channel } from '../channel';
import { idSchema } from '../../domain/plan-fields';
import { BREAKDOWNS, statEffectivenessSchema, statOverviewSchema } from '../../domain/statistics/report';

export const statisticsChannels = {
  /** Count tables for a semester, broken down by one dimension. */
  'stats:overview': channel(z.object({ semesterId: idSchema, breakdown: z.enum(BREAKDOWNS) }), statOverviewSchema),
  /** Effect estimates per measure kind over the chosen semesters (all when empty). */
  'stats:effectiveness': channel(z.object({ semesterIds: z.array(idSchema).max(40) }), statEffectivenessSchema),
} as const;

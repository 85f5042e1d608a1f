/** First run: setting the school up. */
import { z } from 'zod';
import { organisationSchema, schoolProfileInputSchema } from '../../domain/organisation';
import { actorSchema, firstCoordinatorSchema } from '../../domain/staff';
import { channel, PUBLIC } from '../channel';

export const setUpChannels = {
  /**
   * Makes the school's profile, its first coordinator, the default calendar
   * and the risk catalogue in one step, and signs this window in as that
   * coordinator. ALREADY_SET_UP once done.
   */
  'org:setUp': channel(
    z.object({ profile: schoolProfileInputSchema, coordinator: firstCoordinatorSchema }),
    z.object({ organisation: organisationSchema, actor: actorSchema }),
    PUBLIC,
  ),
} as const;

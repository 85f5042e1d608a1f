/**
 * The national picture: the municipality's (or state vocational school's)
 * look at its report to the state before sending it, and the state's views:
 * who has reported for a semester, and counts by municipality and school.
 * No channel here returns a person's record, a pseudonym or a record id.
 */
import { z } from 'zod';
import { semesterIdInputSchema } from '../../domain/exchange';
import { nationalCountsSchema, stateReportersSchema, stateReportPreviewSchema } from '../../domain/state-report';
import { channel, signedIn } from '../channel';

/** The report to the state is sent by a municipality or a state vocational school (the service refuses other schools). */
const STATE_SENDER = signedIn('exchange.export', ['school', 'municipality']);
const STATE_VIEW = signedIn('imported.read', ['state']);

const optionalSemester = z.object({ semesterId: semesterIdInputSchema.optional() });

export const nationalChannels = {
  /** What the report to the state would carry (counts per school and record type, the field list); writes nothing. Send with exchange:export. */
  'exchange:statePreview': channel(optionalSemester, stateReportPreviewSchema, STATE_SENDER),
  /** The state: each enrolled municipality and state vocational school, and its newest report for the semester, against the deadline. */
  'state:reporters': channel(optionalSemester, stateReportersSchema, STATE_VIEW),
  /** The state: counts and sums per municipality and school for a semester (optionally one sender's schools). */
  'state:counts': channel(
    z.object({ semesterId: semesterIdInputSchema.optional(), senderId: z.string().min(1).max(64).optional() }),
    nationalCountsSchema,
    STATE_VIEW,
  ),
} as const;

/** The school's risk catalogue. */
import { z } from 'zod';
import { customRiskFactorInputSchema, riskFactorSchema } from '../../domain/risk-catalogue';
import { channel, SCHOOL_ONLY, signedIn } from '../channel';

export const riskChannels = {
  /** Every factor, retired ones too, with whether it was ever used. */
  'risks:catalogue': channel(z.object({}), z.array(riskFactorSchema), signedIn('school.read', SCHOOL_ONLY)),
  /** A coordinator adds a custom factor to a group. */
  'risks:add': channel(customRiskFactorInputSchema, riskFactorSchema, signedIn('school.admin', SCHOOL_ONLY)),
  /** A coordinator retires a factor (retired: true) or restores it (retired: false). */
  'risks:retire': channel(
    z.object({ id: z.string().min(1).max(100), retired: z.boolean().default(true) }),
    riskFactorSchema,
    signedIn('school.admin', SCHOOL_ONLY),
  ),
  /** A coordinator deletes a custom factor that was never used. */
  'risks:delete': channel(z.object({ id: z.string().min(1).max(100) }), z.object({}), signedIn('school.admin', SCHOOL_ONLY)),
} as const;

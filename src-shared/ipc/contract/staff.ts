/** Staff accounts, administered by coordinators. */
import { z } from 'zod';
import { passwordSchema, staffCreateInputSchema, staffMemberSchema, staffUpdateInputSchema } from '../../domain/staff';
import { channel, EVERY_MODE, signedIn } from '../channel';

export const staffChannels = {
  /** Every account (active first), for anyone signed in. */
  'staff:list': channel(z.object({}), z.array(staffMemberSchema), signedIn('school.read', EVERY_MODE)),
  /** A coordinator creates an account with roles and a first password. */
  'staff:create': channel(staffCreateInputSchema, staffMemberSchema, signedIn('school.admin', EVERY_MODE)),
  /** A coordinator changes name, roles, specialist kind, or (de)activates; one active coordinator always remains. */
  'staff:update': channel(staffUpdateInputSchema, staffMemberSchema, signedIn('school.admin', EVERY_MODE)),
  /** A coordinator sets a new password for an account; lifts a lockout and ends its sessions. */
  'staff:resetPassword': channel(z.object({ id: z.string().min(1).max(100), password: passwordSchema }), z.object({}), signedIn('school.admin', EVERY_MODE)),
} as const;

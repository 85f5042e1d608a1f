/** Signing in and out; who is signed in on this window. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, actorSchema } from '../../domain/staff';
import { channel, PUBLIC } from '../channel';

export const authChannels = {
  /** Signs this window in; emits session:changed. Locked after repeated failures. */
  'auth:signIn': channel(
    z.object({
      username: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
      password: z.string().min(1, 'errors.field.required').max(PASSWORD_MAX_LENGTH, 'errors.field.tooLong'),
    }),
    actorSchema,
    PUBLIC,
  ),
  /** Signs this window out; emits session:changed. */
  'auth:signOut': channel(z.object({}), z.object({ signedOut: z.boolean() }), PUBLIC),
  /** Who is signed in on this window (null if nobody, or the session went idle) and the idle timeout. */
  'auth:current': channel(z.object({}), z.object({ actor: actorSchema.nullable(), idleMinutes: z.number().int() }), PUBLIC),
} as const;

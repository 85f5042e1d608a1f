/**
 * How a handler finds who is calling: the session of the caller's client.
 * A session that went idle is ended here, and the window is told
 * (session:changed) so it can show the sign-in screen.
 */
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { SessionService } from '../../services/session-service';
import type { CallContext } from '../router';

export async function signedInActor(sessions: SessionService, ctx: CallContext): Promise<Actor> {
  const state = await sessions.touch(ctx.clientId);
  if (state.expired) ctx.emit('session:changed', { signedIn: false });
  if (!state.actor) throw new AppError('NOT_SIGNED_IN');
  return state.actor;
}

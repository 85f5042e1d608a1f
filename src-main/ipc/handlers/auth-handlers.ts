/** Sign-in, sign-out, who is signed in, and the first-run set-up (which signs its coordinator in). */
import type { authChannels } from '../../../src-shared/ipc/contract/auth';
import type { setUpChannels } from '../../../src-shared/ipc/contract/set-up';
import { AppError } from '../../../src-shared/ipc/result';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

type AuthChannel = keyof typeof authChannels | keyof typeof setUpChannels;

export function authHandlers({ services, ports }: HandlerDeps): Pick<Handlers, AuthChannel> {
  const { sessions } = services;
  return {
    'auth:signIn': async (input, ctx) => {
      const actor = await sessions.signIn(ctx.clientId, input.username, input.password);
      ctx.emit('session:changed', { signedIn: true });
      return actor;
    },
    'auth:signOut': async (_input, ctx) => {
      const signedOut = await sessions.signOut(ctx.clientId);
      if (signedOut) ctx.emit('session:changed', { signedIn: false });
      return { signedOut };
    },
    'auth:current': async (_input, ctx) => {
      const state = await sessions.current(ctx.clientId);
      if (state.expired) ctx.emit('session:changed', { signedIn: false });
      return { actor: state.actor, idleMinutes: state.idleMinutes };
    },
    'org:setUp': async (input, ctx) => {
      const { organisation, coordinator } = await services.setUp.setUp(input);
      if (!coordinator) throw new AppError('INTERNAL');
      // The exchange keys: made now; if the OS keychain refuses, the first exchange action makes them (and says why not).
      await services.exchange.keys
        .ensure()
        .catch((err: unknown) => ports.log.warn('exchange.keysNotMade', { error: err instanceof Error ? err.message : String(err) }));
      await sessions.startSession(ctx.clientId, coordinator);
      ctx.emit('session:changed', { signedIn: true });
      return { organisation, actor: coordinator };
    },
  };
}

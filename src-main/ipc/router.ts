/**
 * The main-side router: the one door from the renderer to the services.
 * parse input (zod) -> access (the channel's declaration: mode, session,
 * permission) -> handler -> parse output (zod) -> Result.
 * Used by the Electron ipcMain bridge and by the browser test bridge alike.
 */
import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type ParsedInput,
} from '../../src-shared/ipc/contract/index';
import { ORG_MODES, type OrgMode } from '../../src-shared/domain/organisation';
import { can, type Actor } from '../../src-shared/domain/roles';
import type { SignedInAccess } from '../../src-shared/ipc/channel';
import { AppError, type Result } from '../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../src-shared/ipc/zod-issues';
import type { Logger } from '../ports/logger';
import type { SessionState } from '../services/accounts/session-service';

export interface CallContext {
  /** Which window (or test page) called: sessions are kept per client. */
  clientId: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** What a signed-in channel's handler gets: the caller, already checked against the channel's access. */
export interface SignedInContext extends CallContext {
  actor: Actor;
}

/** The context a channel's handler receives: with `actor` when the channel is declared signed in. */
export type ContextOf<C extends Channel> = (typeof contract)[C]['access'] extends SignedInAccess ? SignedInContext : CallContext;

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: ContextOf<C>,
) => Promise<z.input<(typeof contract)[C]['output']>> | z.input<(typeof contract)[C]['output']>;

/** A handler for every channel: a channel without one does not compile. */
export type Handlers = { [C in Channel]: Handler<C> };

export interface Router {
  invoke(channel: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export interface RouterDeps {
  log: Logger;
  /** The caller's session, touched (kept alive) by every signed-in call; an idle one comes back expired. */
  sessions: { touch(clientId: string): Promise<Pick<SessionState, 'actor' | 'expired'>> };
  /** This installation's mode; null before set-up. */
  mode(): Promise<OrgMode | null>;
}

export function createRouter(handlers: Handlers, { log, sessions, mode }: RouterDeps): Router {
  return {
    async invoke(channel, rawInput, ctx) {
      if (!isChannel(channel)) {
        log.warn('ipc.unknownChannel', { channel: String(channel).slice(0, 100) });
        return { ok: false, error: new AppError('UNKNOWN_CHANNEL').toData() };
      }
      return dispatch(channel, rawInput, ctx);
    },
  };

  async function dispatch<C extends Channel>(channel: C, rawInput: unknown, ctx: CallContext): Promise<Result<ChannelOutput<C>>> {
    const def = contract[channel];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: AppError.validation(fieldErrorsFromZod(parsed.error)).toData() };
    }
    try {
      const access = def.access as (typeof contract)[Channel]['access'];
      const callCtx = access.kind === 'signedIn' ? { ...ctx, actor: await admit(access, ctx) } : ctx;
      const handler = handlers[channel] as Handler<C>;
      const raw = await handler(parsed.data as ParsedInput<C>, callCtx as ContextOf<C>);
      const out = def.output.safeParse(raw);
      if (!out.success) {
        log.error('ipc.badOutput', { channel, issues: out.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
        return { ok: false, error: new AppError('INTERNAL').toData() };
      }
      return { ok: true, value: out.data as ChannelOutput<C> };
    } catch (err) {
      if (err instanceof AppError) {
        // What went wrong underneath (EACCES, ENOSPC) stays in main's log; the page gets the code and message key.
        if (err.cause !== undefined) log.error('ipc.failedWithCause', { channel, code: err.code, cause: describe(err.cause) });
        return { ok: false, error: err.toData() };
      }
      log.error('ipc.handlerFailed', { channel, error: describe(err) });
      return { ok: false, error: new AppError('INTERNAL').toData() };
    }
  }

  /**
   * The coarse rule of a signed-in channel, before its handler runs: a
   * channel that exists only in some modes needs the installation set up and
   * in one of them; then someone is signed in on this window (an idle session
   * ends here and the window is told) holding the channel's permission.
   */
  async function admit(access: SignedInAccess, ctx: CallContext): Promise<Actor> {
    if (!ORG_MODES.every((m) => access.modes.includes(m))) {
      const current = await mode();
      if (current === null) throw new AppError('NOT_SET_UP', { messageKey: 'errors.org.useSetUp' });
      if (!access.modes.includes(current)) {
        throw new AppError('FORBIDDEN', { ...(access.wrongModeKey ? { messageKey: access.wrongModeKey } : {}), details: { params: { mode: current } } });
      }
    }
    const state = await sessions.touch(ctx.clientId);
    if (state.expired) ctx.emit('session:changed', { signedIn: false });
    if (!state.actor) throw new AppError('NOT_SIGNED_IN');
    if (!can(state.actor.roles, access.permission)) throw new AppError('FORBIDDEN', { details: { params: { permission: access.permission } } });
    return state.actor;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

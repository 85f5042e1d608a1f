/**
 * The main-side router: the one door from the renderer to the services.
 * parse input (zod) -> handler -> parse output (zod) -> Result.
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
import { AppError, type Result } from '../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../src-shared/ipc/zod-issues';
import type { Logger } from '../ports/logger';

export interface CallContext {
  /** Which window (or test page) called: sessions are kept per client. */
  clientId: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: CallContext,
) => Promise<z.input<(typeof contract)[C]['output']>> | z.input<(typeof contract)[C]['output']>;

/** A handler for every channel: a channel without one does not compile. */
export type Handlers = { [C in Channel]: Handler<C> };

export interface Router {
  invoke(channel: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, log: Logger): Router {
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
      const handler = handlers[channel] as Handler<C>;
      const raw = await handler(parsed.data as ParsedInput<C>, ctx);
      const out = def.output.safeParse(raw);
      if (!out.success) {
        log.error('ipc.badOutput', { channel, issues: out.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
        return { ok: false, error: new AppError('INTERNAL').toData() };
      }
      return { ok: true, value: out.data as ChannelOutput<C> };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toData() };
      log.error('ipc.handlerFailed', { channel, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return { ok: false, error: new AppError('INTERNAL').toData() };
    }
  }
}

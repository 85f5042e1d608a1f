/**
 * The renderer's typed client: the only code that touches window.pumpurs.
 * Screens call `api.call('domain:verb', input)` and get a typed Result.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../src-shared/ipc/contract/index';
import type { PumpursBridgeApi } from '../../src-shared/ipc/bridge-api';
import type { AppErrorData, Result } from '../../src-shared/ipc/result';

declare global {
  interface Window {
    pumpurs?: PumpursBridgeApi;
  }
}

function bridge(): PumpursBridgeApi {
  const api = window.pumpurs;
  if (!api) throw new Error('window.pumpurs is missing: the page was opened outside the app');
  return api;
}

const lostBridge: AppErrorData = { code: 'INTERNAL', messageKey: 'errors.code.INTERNAL' };

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    return (await bridge().invoke(channel, input)) as Result<ChannelOutput<C>>;
  } catch {
    return { ok: false, error: lostBridge };
  }
}

/** For loaders: the value, or throws the error data (caught by the screen). */
export async function get<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener as (payload: unknown) => void);
}

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.code);
  }
}

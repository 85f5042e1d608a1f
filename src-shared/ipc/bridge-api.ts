/**
 * The only thing the page gets from outside: `window.pumpurs`. In Electron
 * the preload provides it over IPC; in browser tests the test bridge provides
 * the same two functions over HTTP. Both speak only contract channels.
 */
export interface PumpursBridgeApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The two Electron IPC channel names the preload and main agree on. */
export const INVOKE_CHANNEL = 'pumpurs:invoke';
export const EVENT_CHANNEL_PREFIX = 'pumpurs:event:';

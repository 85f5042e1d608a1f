/**
 * The preload: sandboxed, CommonJS, and the only bridge between the page and
 * main. It exposes exactly two functions on `window.pumpurs`, and only for
 * channels and events in the contract; main checks everything again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL, type PumpursBridgeApi } from '../../src-shared/ipc/bridge-api';

/**
 * The contract's channel and event names, written in at build time by
 * scripts/build-preload.mjs (so the preload does not bundle zod and every
 * schema just to know the names).
 */
declare const __CONTRACT_CHANNELS__: readonly string[];
declare const __CONTRACT_EVENTS__: readonly string[];

const channels = new Set<string>(__CONTRACT_CHANNELS__);
const eventNames = new Set<string>(__CONTRACT_EVENTS__);

const api: PumpursBridgeApi = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', messageKey: 'errors.code.UNKNOWN_CHANNEL' } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !eventNames.has(event) || typeof listener !== 'function') return () => undefined;
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL_PREFIX + event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('pumpurs', api);

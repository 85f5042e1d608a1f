/**
 * The preload: sandboxed, CommonJS, and the only bridge between the page and
 * main. It exposes exactly two functions on `window.pumpurs`, and only for
 * channels and events in the contract; main checks everything again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL, type PumpursBridgeApi } from '../../src-shared/ipc/bridge-api';
import { CHANNELS, EVENT_NAMES } from '../../src-shared/ipc/contract/index';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

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

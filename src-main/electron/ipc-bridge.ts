/**
 * The ipcMain side of the preload's `window.pumpurs.invoke`. One handler on
 * one channel: it refuses anyone but the top frame of a window our factory
 * made, showing app:// (see checkIpcSender in src-main/app/window-policy.ts),
 * then hands the call to the router, which refuses unknown channels and
 * parses every input and output with zod.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { checkIpcSender, clientIdFor, type IpcSenderFacts } from '../app/window-policy';
import type { CallContext, Router } from '../ipc/router';
import type { Logger } from '../ports/logger';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL } from '../../src-shared/ipc/bridge-api';
import { AppError, type Result } from '../../src-shared/ipc/result';
import { isOurWebContents } from './window-factory';

/** The facts checkIpcSender decides on, read from Electron's event. */
function senderFacts(event: IpcMainInvokeEvent): IpcSenderFacts {
  const frame = event.senderFrame;
  const contents = event.sender;
  if (frame === null || frame.isDestroyed() || frame.detached || contents.isDestroyed()) {
    return { frameUrl: null, isMainFrame: false, isOurWindow: false };
  }
  const main = contents.mainFrame;
  return {
    frameUrl: frame.url,
    isMainFrame: frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId,
    isOurWindow: isOurWebContents(contents),
  };
}

/** Events go back only to the window that made the call, and only while it exists. */
function contextFor(contents: WebContents): CallContext {
  return {
    clientId: clientIdFor(contents.id),
    emit(event, payload) {
      if (!contents.isDestroyed()) contents.send(`${EVENT_CHANNEL_PREFIX}${event}`, payload);
    },
  };
}

/** Registers the handler; returns a function that removes it. */
export function registerIpcBridge(router: Router, log: Logger): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    const verdict = checkIpcSender(senderFacts(event));
    if (!verdict.allowed) {
      log.warn('ipc.senderRejected', { reason: verdict.reason, channel: typeof channel === 'string' ? channel.slice(0, 100) : typeof channel });
      return { ok: false, error: new AppError('FORBIDDEN').toData() };
    }
    return router.invoke(channel, input, contextFor(event.sender));
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

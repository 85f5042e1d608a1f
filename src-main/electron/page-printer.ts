/**
 * The PagePrinter port over Electron: renders the calling window's page to
 * an A4 PDF with its print stylesheet (webContents.printToPDF). Only our own
 * windows can be printed: the client id names the webContents the IPC
 * bridge accepted the call from.
 */
import { BrowserWindow, webContents } from 'electron';
import { AppError } from '../../src-shared/ipc/result';
import { webContentsIdFromClientId } from '../app/window-policy';
import type { PagePrinter } from '../ports/page-printer';

export function createElectronPagePrinter(): PagePrinter {
  return {
    async printToPdf(clientId) {
      const id = webContentsIdFromClientId(clientId);
      const contents = id === null ? undefined : webContents.fromId(id);
      if (!contents || contents.isDestroyed() || !BrowserWindow.fromWebContents(contents)) {
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.print.unavailable' });
      }
      const pdf = await contents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        generateTaggedPDF: true,
      });
      return new Uint8Array(pdf);
    },
  };
}

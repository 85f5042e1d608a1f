/**
 * print:savePdf: asks where to save (native dialog), renders the caller's
 * window to PDF through the PagePrinter port and writes the file. Only a
 * signed-in person may; what the page shows was already checked (and its
 * opening audited) by the channels that loaded it. Saving is audited as an
 * export, named by the file (which carries the plan code).
 */
import { writeFile } from 'node:fs/promises';
import type { printChannels } from '../../../src-shared/ipc/contract/print';
import { AppError } from '../../../src-shared/ipc/result';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { recordAudit } from '../../services/audit';

export function printHandlers({ ports, db }: HandlerDeps): Pick<Handlers, keyof typeof printChannels> {
  return {
    'print:savePdf': async (input, ctx) => {
      const printer = ports.pagePrinter;
      if (!printer) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.print.unavailable' });
      const file = await ports.dialogs.chooseSaveFile({
        titleKey: 'print.saveDialog.title',
        defaultName: input.fileName,
        filters: [{ nameKey: 'print.saveDialog.filter', extensions: ['pdf'] }],
      });
      if (!file) return { saved: false };
      const pdf = await printer.printToPdf(ctx.clientId);
      try {
        await writeFile(file, pdf, { mode: 0o600 });
      } catch (cause) {
        throw new AppError('IO_ERROR', { cause });
      }
      // A child's plan has left the app as a file: say who saved which one.
      await recordAudit(db, ctx.actor, ports.clock.now(), { action: 'export', entity: 'pdf', entityId: input.fileName });
      return { saved: true };
    },
  };
}

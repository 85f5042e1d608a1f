/** The coordinator's data-safety channels (services/data-safety-service.ts): backups and the audit log. */
import { writeFile } from 'node:fs/promises';
import { createI18n, keyFromData } from '../../../src-shared/i18n/index';
import type { dataSafetyChannels } from '../../../src-shared/ipc/contract/data-safety';
import { AppError } from '../../../src-shared/ipc/result';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function dataSafetyHandlers({ ports, services }: HandlerDeps): Pick<Handlers, keyof typeof dataSafetyChannels> {
  const safety = services.dataSafety;
  return {
    'backups:list': async (_input, ctx) => safety.backups(ctx.actor),
    'backups:setKeep': async (input, ctx) => safety.setKeep(ctx.actor, input.keep),
    'backups:create': async (_input, ctx) => safety.createBackup(ctx.actor),
    'backups:restore': async (input, ctx) => safety.restoreAtNextStart(ctx.actor, input.name),
    'retention:status': async (_input, ctx) => services.retention.status(ctx.actor),
    'retention:setYears': async (input, ctx) => services.retention.setYears(ctx.actor, input.years),
    'retention:deleteDue': async (input, ctx) => services.retention.deleteDue(ctx.actor, input.expected),
    'audit:status': async (_input, ctx) => safety.auditStatus(ctx.actor),
    'audit:list': async ({ offset, limit, ...filter }, ctx) => safety.auditList(ctx.actor, filter, { offset, limit }),
    'audit:exportXlsx': async ({ language, ...filter }, ctx) => {
      const actor = ctx.actor;
      const t = (await createI18n(language)).t;
      const file = await ports.dialogs.chooseSaveFile({
        titleKey: 'dataSafety.audit.saveDialog.title',
        defaultName: 'audit-log.xlsx',
        filters: [{ nameKey: 'dataSafety.audit.saveDialog.filter', extensions: ['xlsx'] }],
      });
      if (!file) return { saved: false, rows: 0 };
      const { bytes, rows } = await safety.auditWorkbook(actor, filter, (key) => t(keyFromData(key)));
      try {
        await writeFile(file, bytes, { mode: 0o600 });
      } catch {
        throw new AppError('IO_ERROR');
      }
      return { saved: true, rows };
    },
  };
}

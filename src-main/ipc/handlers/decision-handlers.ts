/**
 * The municipality's decisions, money, settings, youth projects and the
 * decisions packages (contract/decisions.ts). The router checked the declared
 * access; the service checks permission and mode again and adds its rules.
 * Files are chosen here with the native dialogs.
 */
import type { SettingsRecord } from '../../../src-shared/domain/decisions';
import type { decisionChannels } from '../../../src-shared/ipc/contract/decisions';
import type { FileFilter } from '../../ports/dialogs';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

type DecisionChannel = keyof typeof decisionChannels;

const PACKAGE_FILTER: FileFilter = { nameKey: 'exchange.dialog.packages', extensions: ['pumpurs'] };
const XLSX_FILTER: FileFilter = { nameKey: 'authority.dialog.xlsxFilter', extensions: ['xlsx'] };

const semester = (input: { semesterId?: string | undefined }) => (input.semesterId ? { semesterId: input.semesterId } : {});

/** What the settings channels answer: the settings record's fields the screens edit (the same for reading and saving). */
const settingsOut = (s: SettingsRecord) => ({
  version: s.version,
  updatedAt: s.updatedAt,
  approvalPolicy: s.approvalPolicy,
  rates: s.rates,
  deadlines: s.deadlines,
  youthProjectCapCents: s.youthProjectCapCents,
});

export function decisionHandlers({ ports, services }: HandlerDeps): Pick<Handlers, DecisionChannel> {
  const authority = services.decisions.authority;
  return {
    'decisions:queue': async (input, ctx) => authority.queue(ctx.actor, semester(input)),
    'decisions:review': async (input, ctx) => authority.review(ctx.actor, { schoolId: input.schoolId, planId: input.planId, ...semester(input) }),
    'decisions:decide': async (input, ctx) => {
      const amounts: Record<number, number> = {};
      for (const a of input.amounts) amounts[a.no] = a.cents;
      const decided = await authority.decide(ctx.actor, {
        schoolId: input.schoolId,
        planId: input.planId,
        ...semester(input),
        outcome: input.outcome,
        amounts,
        refused: input.refused,
        comment: input.comment,
        overBudgetReason: input.overBudgetReason,
      });
      return { id: decided.id, schoolId: decided.schoolId, planId: decided.planId, planCode: decided.planCode, outcome: decided.outcome };
    },

    'decisions:settings': async () => settingsOut(await authority.settings()),
    'decisions:saveSettings': async (input, ctx) => settingsOut(await authority.saveSettings(ctx.actor, input)),

    'decisions:budget': async (input, ctx) => authority.budget(ctx.actor, semester(input)),
    'decisions:setBudget': async (input, ctx) => {
      await authority.setBudget(ctx.actor, { kindCode: input.kindCode, cents: input.cents, ...semester(input) });
      return { ok: true as const };
    },
    'decisions:payables': async (input, ctx) => authority.payables(ctx.actor, semester(input)),
    'decisions:payments': async (input, ctx) => authority.payments(ctx.actor, semester(input)),
    'decisions:recordPayment': async (input, ctx) => authority.recordPayment(ctx.actor, input),
    'decisions:exportXlsx': async (input, ctx) => {
      const who = ctx.actor;
      const path = await ports.dialogs.chooseSaveFile({
        titleKey: input.report === 'payments' ? 'authority.dialog.savePayments' : 'authority.dialog.saveBudget',
        defaultName: input.report === 'payments' ? 'maksajumi.xlsx' : 'budzets.xlsx',
        filters: [XLSX_FILTER],
      });
      if (path === null) return { cancelled: true, path: null };
      const saved = await authority.exportXlsx(who, { report: input.report, path, ...semester(input) });
      return { cancelled: false, path: saved.path };
    },

    'decisions:lateSchools': async (input, ctx) => authority.lateSchools(ctx.actor, semester(input)),

    'decisions:youthProjects': async (_input, ctx) => authority.youthProjects(ctx.actor),
    'decisions:youthProjectParticipants': async (input, ctx) => authority.youthProjectParticipants(ctx.actor, semester(input)),
    'decisions:saveYouthProject': async (input, ctx) => authority.saveYouthProject(ctx.actor, { ...input, ...(input.id ? { id: input.id } : {}) }),

    'decisions:outbox': async (input, ctx) => authority.outbox(ctx.actor, semester(input)),
    'decisions:exportFor': async (input, ctx) => {
      const who = ctx.actor;
      const outbox = await authority.outbox(who, semester(input));
      const defaultName = await authority.suggestedFileName(input.schoolId, outbox.semesterId);
      const path = await ports.dialogs.chooseSaveFile({ titleKey: 'authority.dialog.saveDecisions', defaultName, filters: [PACKAGE_FILTER] });
      if (path === null) return { cancelled: true, result: null };
      return { cancelled: false, result: await authority.exportFor(who, { schoolId: input.schoolId, path, semesterId: outbox.semesterId }) };
    },
    'decisions:exportAll': async (input, ctx) => {
      const who = ctx.actor;
      // Permission and mode are checked before the dialog opens.
      await authority.outbox(who, semester(input));
      const [dir] = await ports.dialogs.chooseOpenFiles({ titleKey: 'authority.dialog.chooseFolder', filters: [], multi: false, directory: true });
      if (dir === undefined) return { cancelled: true, results: [] };
      return { cancelled: false, results: await authority.exportAll(who, { dir, ...semester(input) }) };
    },
  };
}

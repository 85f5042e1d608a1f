/**
 * The school's side of its municipality's work (issue 9): the overview for
 * home, the exchange screen and the plan lists; one plan's decisions and
 * payments; the youth projects register; the decisions package import
 * (chosen here with the open dialog, previewed, then confirmed by token).
 */
import type { schoolDecisionChannels } from '../../../src-shared/ipc/contract/school-decisions';
import type { Handlers } from '../router';
import { ChosenFiles, PACKAGE_FILTER } from './exchange-handlers';
import type { HandlerDeps } from './index';

export function schoolDecisionHandlers({ ports, services }: HandlerDeps): Pick<Handlers, keyof typeof schoolDecisionChannels> {
  const { decisions } = services;
  const chosen = new ChosenFiles(() => ports.clock.now().getTime());
  return {
    'decisions:overview': async (_input, ctx) => decisions.school.overview(ctx.actor),
    'decisions:forPlan': async (input, ctx) => decisions.school.forPlan(ctx.actor, input.planId),
    'decisions:receivedProjects': async (_input, ctx) => decisions.school.youthProjectList(ctx.actor),
    'decisions:importPreview': async (_input, ctx) => {
      // Permission and mode were checked by the router before the dialog opens.
      const who = ctx.actor;
      const paths = await ports.dialogs.chooseOpenFiles({ titleKey: 'exchange.dialog.openPackages', filters: [PACKAGE_FILTER], multi: true });
      if (paths.length === 0) return { cancelled: true, token: null, result: null };
      const result = await decisions.importer.preview(who, paths);
      const token = chosen.keep({ clientId: ctx.clientId, kind: 'packages', paths });
      return { cancelled: false, token, result };
    },
    'decisions:importCommit': async (input, ctx) => {
      const who = ctx.actor;
      const entry = chosen.take(input.token, ctx.clientId, 'packages');
      return decisions.importer.commit(who, entry.paths);
    },
  };
}

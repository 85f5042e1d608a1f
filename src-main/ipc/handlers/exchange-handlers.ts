/**
 * Exchange handlers. Files are chosen here with the native dialogs (the
 * renderer never names a path); a preview keeps what was chosen under a
 * random token for its window, and the confirming call names the token.
 * Long work reports progress as 'task:progress' events.
 */
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { exchangeChannels } from '../../../src-shared/ipc/contract/exchange';
import { AppError } from '../../../src-shared/ipc/result';
import type { FileFilter } from '../../ports/dialogs';
import type { EnrolmentPurpose } from '../../services/exchange/enrolment-service';
import { selfOrg } from '../../services/exchange/keys-service';
import type { Handlers, SignedInContext } from '../router';
import type { HandlerDeps } from './index';
import { withProgress } from './task-progress';

type ExchangeChannel = keyof typeof exchangeChannels;

export const PACKAGE_FILTER: FileFilter = { nameKey: 'exchange.dialog.packages', extensions: ['pumpurs'] };
const CARD_FILTER: FileFilter = { nameKey: 'exchange.dialog.keyFiles', extensions: ['json'] };
const TOKEN_TTL_MS = 30 * 60 * 1000;
/** A folder holds at most this many packages per import (a national year is ~700). */
const MAX_FOLDER_FILES = 5000;

interface Chosen {
  clientId: string;
  kind: 'keyFile' | 'packages';
  purpose?: EnrolmentPurpose;
  /** A key file previewed as the replacement of a lost key. */
  replaceKey?: boolean;
  paths: string[];
  expiresAt: number;
}

/** Files chosen by a window, by token; entries expire and are used once. */
export class ChosenFiles {
  private readonly byToken = new Map<string, Chosen>();

  constructor(private readonly now: () => number) {}

  keep(entry: Omit<Chosen, 'expiresAt'>): string {
    const now = this.now();
    for (const [token, chosen] of this.byToken) if (chosen.expiresAt <= now) this.byToken.delete(token);
    const token = randomBytes(16).toString('hex');
    this.byToken.set(token, { ...entry, expiresAt: now + TOKEN_TTL_MS });
    return token;
  }

  take(token: string, clientId: string, kind: Chosen['kind']): Chosen {
    const chosen = this.byToken.get(token);
    if (!chosen || chosen.clientId !== clientId || chosen.kind !== kind || chosen.expiresAt <= this.now()) {
      throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.choiceExpired' });
    }
    this.byToken.delete(token);
    return chosen;
  }
}

/** The *.pumpurs files directly inside the chosen folders, plus any files chosen. */
async function expandFolders(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.pumpurs')).sort();
      out.push(...names.map((n) => join(path, n)));
    } else {
      out.push(path);
    }
    if (out.length > MAX_FOLDER_FILES) throw new AppError('LIMIT_EXCEEDED', { details: { params: { detail: 'too-many-files' } } });
  }
  if (out.length === 0) throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.noPackagesChosen' });
  return out;
}

export function exchangeHandlers({ ports, services, db }: HandlerDeps): Pick<Handlers, ExchangeChannel> {
  const { exchange, sessions } = services;
  const chosen = new ChosenFiles(() => ports.clock.now().getTime());

  // The router checked exchange.enrol before the token is looked at: someone who may not enrol learns nothing about what was chosen.
  const confirmKeyFile = async (ctx: SignedInContext, input: { token: string; fingerprint: string; replaceKey?: boolean }, purpose: EnrolmentPurpose) => {
    const entry = chosen.take(input.token, ctx.clientId, 'keyFile');
    if (entry.purpose !== purpose || entry.paths[0] === undefined) throw new AppError('NOT_FOUND', { messageKey: 'errors.exchange.choiceExpired' });
    // A key is replaced only through a preview that showed the replacement.
    const replaceKey = input.replaceKey === true && entry.replaceKey === true;
    return exchange.enrolment.confirm(ctx.actor, { path: entry.paths[0], purpose, fingerprint: input.fingerprint, replaceKey });
  };

  return {
    'org:setUpAuthority': async (input, ctx) => {
      const { organisation, coordinator } = await exchange.authoritySetUp.setUp(input);
      if (!coordinator) throw new AppError('INTERNAL');
      await sessions.startSession(ctx.clientId, coordinator);
      ctx.emit('session:changed', { signedIn: true });
      return { organisation, actor: coordinator };
    },

    'exchange:keys': async (_input, ctx) => exchange.keys.view(ctx.actor),
    'exchange:exportCard': async (_input, ctx) => {
      const who = ctx.actor;
      const view = await exchange.keys.view(who);
      const path = await ports.dialogs.chooseSaveFile({
        titleKey: 'exchange.dialog.saveCard',
        defaultName: `pumpurs-${view.org.id}.card.json`,
        filters: [CARD_FILTER],
      });
      if (path === null) return { cancelled: true, path: null, fingerprint: null };
      const saved = await exchange.keys.exportCard(who, path);
      return { cancelled: false, path: saved.path, fingerprint: saved.fingerprint };
    },

    'exchange:enrolPreview': async (input, ctx) => {
      // The router refused whoever may not enrol before any dialog opens (the service checks again).
      const who = ctx.actor;
      const [path] = await ports.dialogs.chooseOpenFiles({ titleKey: 'exchange.dialog.openCard', filters: [CARD_FILTER], multi: false });
      if (path === undefined) return { cancelled: true, token: null, preview: null };
      const replaceKey = input.purpose === 'enrol' && input.replaceKey;
      const preview = await exchange.enrolment.preview(who, path, input.purpose, replaceKey);
      const token = chosen.keep({ clientId: ctx.clientId, kind: 'keyFile', purpose: input.purpose, replaceKey, paths: [path] });
      return { cancelled: false, token, preview };
    },
    'exchange:enrol': (input, ctx) => confirmKeyFile(ctx, input, 'enrol'),
    'exchange:trust': (input, ctx) => confirmKeyFile(ctx, input, 'trust'),
    'exchange:enrolled': async (input, ctx) => exchange.enrolment.list(ctx.actor, input.role),

    'exchange:export': async (input, ctx) => {
      const who = ctx.actor;
      const defaultName = await exchange.exporter.suggestedFileName(input.semesterId);
      const path = await ports.dialogs.chooseSaveFile({ titleKey: 'exchange.dialog.savePackage', defaultName, filters: [PACKAGE_FILTER] });
      if (path === null) return { cancelled: true, result: null };
      const result = await withProgress(ctx, 'exchange:export', (onProgress) =>
        exchange.exporter.export(who, { path, ...(input.semesterId ? { semesterId: input.semesterId } : {}), onProgress }),
      );
      return { cancelled: false, result };
    },
    'exchange:exports': async (_input, ctx) => exchange.exporter.ledger(ctx.actor),
    'exchange:verify': async (_input, ctx) => {
      // Permission and mode (a school imports nothing) were checked by the router before any dialog opens.
      const who = ctx.actor;
      const [path] = await ports.dialogs.chooseOpenFiles({ titleKey: 'exchange.dialog.openPackages', filters: [PACKAGE_FILTER], multi: false });
      if (path === undefined) return { cancelled: true, result: null };
      return { cancelled: false, result: await exchange.importer.verify(who, path) };
    },
    'exchange:importPreview': async (input, ctx) => {
      // Permission and mode (a school imports nothing) were checked by the router before any dialog opens.
      const who = ctx.actor;
      const picked = await ports.dialogs.chooseOpenFiles({
        titleKey: 'exchange.dialog.openPackages',
        filters: [PACKAGE_FILTER],
        multi: true,
        directory: input.folder,
      });
      if (picked.length === 0) return { cancelled: true, token: null, result: null };
      const paths = await expandFolders(picked);
      const result = await withProgress(ctx, 'exchange:importPreview', (onProgress) => exchange.importer.preview(who, paths, { onProgress }));
      const token = chosen.keep({ clientId: ctx.clientId, kind: 'packages', paths });
      return { cancelled: false, token, result };
    },
    'exchange:importCommit': async (input, ctx) => {
      // Permission and mode (a school imports nothing) were checked by the router before any dialog opens.
      const who = ctx.actor;
      const entry = chosen.take(input.token, ctx.clientId, 'packages');
      return withProgress(ctx, 'exchange:importCommit', (onProgress) => exchange.importer.commit(who, entry.paths, { onProgress }));
    },

    'exchange:acceptStream': async (input, ctx) => {
      // Permission and mode were checked by the router before the dialog opens; the service checks again.
      const who = ctx.actor;
      const [path] = await ports.dialogs.chooseOpenFiles({ titleKey: 'exchange.dialog.openPackages', filters: [PACKAGE_FILTER], multi: false });
      if (path === undefined) return { cancelled: true, accepted: null };
      // A school accepts its authority's new decisions stream; an authority, a sender's new reports stream.
      const importer = (await selfOrg(db)).kind === 'school' ? services.decisions.importer : exchange.importer;
      return { cancelled: false, accepted: await importer.acceptStream(who, { path, reason: input.reason }) };
    },

    'muni:schools': async (input, ctx) => exchange.imported.schools(ctx.actor, input.semesterId ? { semesterId: input.semesterId } : {}),
    'muni:plans': async (input, ctx) =>
      exchange.imported.plans(ctx.actor, { schoolId: input.schoolId, ...(input.semesterId ? { semesterId: input.semesterId } : {}) }),
    'muni:counts': async (input, ctx) => exchange.imported.counts(ctx.actor, input.semesterId ? { semesterId: input.semesterId } : {}),
  };
}

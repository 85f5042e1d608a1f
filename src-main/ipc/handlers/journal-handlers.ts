/**
 * E-journal early warning. The export is chosen in main's open dialog (the
 * renderer never names a path); its bytes are kept under a random token for
 * the window that chose it, so the mapping step can preview again, and the
 * import uses the token up.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JournalMapping } from '../../../src-shared/domain/e-journal';
import type { journalChannels } from '../../../src-shared/ipc/contract/journal';
import { AppError } from '../../../src-shared/ipc/result';
import type { FileFilter } from '../../ports/dialogs';
import { MAX_JOURNAL_BYTES } from '../../services/e-journal/read-grid';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

const JOURNAL_FILTER: FileFilter = { nameKey: 'journal.dialog.files', extensions: ['csv', 'xlsx', 'txt'] };
const TOKEN_TTL_MS = 30 * 60 * 1000;

interface Chosen {
  clientId: string;
  fileName: string;
  bytes: Uint8Array;
  expiresAt: number;
}

const toMapping = (list: readonly { key: string; role: JournalMapping[string] }[] | undefined): JournalMapping | undefined =>
  list ? Object.fromEntries(list.map((m) => [m.key, m.role])) : undefined;

export function journalHandlers({ services, ports }: HandlerDeps): Pick<Handlers, keyof typeof journalChannels> {
  const { journal } = services;
  const chosen = new Map<string, Chosen>();
  const now = () => ports.clock.now().getTime();
  const take = (token: string, clientId: string, remove: boolean): Chosen => {
    for (const [t, c] of chosen) if (c.expiresAt <= now()) chosen.delete(t);
    const entry = chosen.get(token);
    if (!entry || entry.clientId !== clientId) throw new AppError('NOT_FOUND', { messageKey: 'errors.journal.choiceExpired' });
    if (remove) chosen.delete(token);
    return entry;
  };
  const optionsOf = (input: {
    presetName?: string | undefined;
    semesterId?: string | undefined;
    mapping?: { key: string; role: JournalMapping[string] }[] | undefined;
  }) => {
    const mapping = toMapping(input.mapping);
    return {
      ...(input.presetName ? { presetName: input.presetName } : {}),
      ...(input.semesterId ? { semesterId: input.semesterId } : {}),
      ...(mapping ? { mapping } : {}),
    };
  };

  return {
    'journal:choose': async (input, ctx) => {
      const who = ctx.actor;
      const [path] = await ports.dialogs.chooseOpenFiles({ titleKey: 'journal.dialog.open', filters: [JOURNAL_FILTER], multi: false });
      if (path === undefined) return { cancelled: true, token: null, report: null };
      let bytes: Uint8Array;
      try {
        const info = await stat(path);
        if (info.size > MAX_JOURNAL_BYTES)
          throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.tooBig', details: { params: { maxMb: MAX_JOURNAL_BYTES / 1024 / 1024 } } });
        bytes = new Uint8Array(await readFile(path));
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('IO_ERROR', { messageKey: 'errors.journal.fileUnreadable', details: { params: { file: basename(path) } } });
      }
      const fileName = basename(path);
      const report = await journal.preview(who, { bytes, fileName, ...optionsOf(input) });
      const token = randomBytes(16).toString('hex');
      chosen.set(token, { clientId: ctx.clientId, fileName, bytes, expiresAt: now() + TOKEN_TTL_MS });
      return { cancelled: false, token, report };
    },
    'journal:preview': async (input, ctx) => {
      const who = ctx.actor;
      const entry = take(input.token, ctx.clientId, false);
      return journal.preview(who, { bytes: entry.bytes, fileName: entry.fileName, ...optionsOf(input) });
    },
    'journal:import': async (input, ctx) => {
      const who = ctx.actor;
      const entry = take(input.token, ctx.clientId, false);
      const report = await journal.import(who, {
        bytes: entry.bytes,
        fileName: entry.fileName,
        ...optionsOf(input),
        ...(input.savePresetAs ? { savePresetAs: input.savePresetAs } : {}),
      });
      chosen.delete(input.token);
      return report;
    },
    'journal:presets': async (_input, ctx) => journal.presets(ctx.actor),
    'journal:deletePreset': async (input, ctx) => {
      await journal.deletePreset(ctx.actor, input.name);
      return {};
    },
    'journal:thresholds': async (_input, ctx) => journal.thresholds(ctx.actor),
    'journal:saveThresholds': async (input, ctx) => journal.saveThresholds(ctx.actor, input.thresholds),
    'journal:signalMap': async (_input, ctx) => journal.signalMap(ctx.actor),
    'journal:trend': async (input, ctx) => journal.trend(ctx.actor, input.studentId),
    'journal:suggestions': async (_input, ctx) => journal.suggestions(ctx.actor),
  };
}

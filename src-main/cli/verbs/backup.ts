/**
 * `pumpurs backup [--out FILE]`, `pumpurs backups list`, `pumpurs restore FILE`.
 * Every backup is encrypted with the database's key (db/encryption.ts);
 * a restore checks the backup first and keeps the current database aside
 * (db/restore.ts). Both are audited in the database they leave behind.
 */
import { basename, resolve } from 'node:path';
import { AppError } from '../../../src-shared/ipc/result';
import { DB_KEY_SECRET } from '../../db/encryption';
import { listBackups, restoreDatabase } from '../../db/restore';
import { recordAudit } from '../../services/audit';
import type { CliVerb } from '../cli-verb';

export const backupVerb: CliVerb = {
  name: 'backup',
  summary: 'cli.backup.summary',
  options: {
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.backup.option.out' },
  },

  async run(ctx, values) {
    const app = await ctx.openExistingApp();
    try {
      let path: string;
      if (typeof values.out === 'string') {
        path = resolve(values.out);
        await app.database.copyTo(path);
      } else {
        path = await app.database.backup('manual');
      }
      await recordAudit(app.database.db, ctx.actor, app.ports.clock.now(), {
        action: 'export',
        entity: 'database',
        entityId: 'backup',
        detail: { file: basename(path) },
      });
      if (ctx.json) ctx.out(JSON.stringify({ ok: true, path }));
      else ctx.out(ctx.t('cli.backup.done', { path }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

export const backupsListVerb: CliVerb = {
  name: 'backups list',
  summary: 'cli.backups.list.summary',
  options: {},

  async run(ctx) {
    const backups = await listBackups(ctx.paths.backupsDir);
    if (ctx.json) {
      ctx.out(JSON.stringify({ ok: true, backups: backups.map(({ name, kind, schemaVersion, at, bytes }) => ({ name, kind, schemaVersion, at, bytes })) }));
      return 0;
    }
    if (backups.length === 0) ctx.out(ctx.t('cli.backups.list.none', { dir: ctx.paths.backupsDir }));
    for (const b of backups) ctx.out(`${b.name}  ${ctx.t(`dataSafety.backupKind.${b.kind}`)}`);
    return 0;
  },
};

export const restoreVerb: CliVerb = {
  name: 'restore',
  summary: 'cli.restore.summary',
  args: { valueName: 'FILE', min: 1, max: 1 },
  options: {},
  notes: ['cli.restore.note'],

  async run(ctx, _values, args = []) {
    const from = resolve(args[0] ?? '');
    const key = await ctx.secrets().get(DB_KEY_SECRET);
    if (key === null) throw new AppError('DB_KEY_MISSING', { details: { params: { file: ctx.paths.dbFile } } });
    const result = await restoreDatabase({ dbFile: ctx.paths.dbFile, backupsDir: ctx.paths.backupsDir, key, from, now: new Date() });
    // Opening migrates a backup from an older version, and records the restore in the restored log.
    const app = await ctx.openExistingApp();
    try {
      await recordAudit(app.database.db, ctx.actor, app.ports.clock.now(), {
        action: 'update',
        entity: 'database',
        entityId: 'restore',
        detail: { from: basename(from), keptAside: result.keptAside ? basename(result.keptAside) : null },
      });
    } finally {
      await app.close();
    }
    if (ctx.json) ctx.out(JSON.stringify({ ok: true, restoredFrom: from, keptAside: result.keptAside }));
    else {
      ctx.out(ctx.t('cli.restore.done', { path: from }));
      if (result.keptAside) ctx.out(ctx.t('cli.restore.keptAside', { path: result.keptAside }));
    }
    return 0;
  },
};

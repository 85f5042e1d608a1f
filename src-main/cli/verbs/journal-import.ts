/**
 * `pumpurs journal import FILE [--preset NAME] [--semester ID] [--dry-run]`:
 * imports an e-journal export (CSV or XLSX) into the school's early-warning
 * history. Exit 0 done (or, with --dry-run, it would import); 1 refused: the
 * file is unreadable or too big, or a column needs a mapping (listed; map
 * it in the app and save a preset, then pass --preset); 2 bad arguments.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { JournalReport } from '../../../src-shared/domain/e-journal';
import { AppError } from '../../../src-shared/ipc/result';
import { MAX_JOURNAL_BYTES } from '../../services/e-journal/read-grid';
import type { CliContext, CliVerb } from '../cli-verb';

function reportLines(ctx: CliContext, r: JournalReport, dryRun: boolean): string[] {
  const { t } = ctx;
  const lines = [
    t('cli.journal.file', {
      file: r.fileName,
      format: r.format.toUpperCase(),
      encoding: r.encoding ?? '—',
      separator: r.separator ?? '—',
      row: r.headerRow,
      layout: t(`journal.layout.${r.layout}`),
      semester: r.semesterId,
    }),
  ];
  if (r.status === 'needsMapping') {
    lines.push(t('cli.journal.needsMapping'));
    for (const c of r.columns) lines.push(`  ${c.header} → ${c.role ? t(`journal.role.${c.role.kind}`) : t('journal.role.unknown')}`);
    for (const p of r.problems) lines.push(`  ${t(`journal.problem.${p.problem}`, { header: p.header ?? '' })}`);
    return lines;
  }
  lines.push(
    t('cli.journal.counts', { read: r.studentsRead, matched: r.matched, unmatched: r.unmatched.length, skipped: r.skipped.length, signalled: r.signalled }),
  );
  for (const u of r.unmatched) {
    lines.push(
      `  ${t('cli.journal.unmatchedRow', { rows: u.rows.join(', '), name: u.name, classLabel: u.classLabel || '—', reason: t(`journal.unmatched.${u.reason}`) })}`,
    );
  }
  for (const s of r.skipped) {
    const reason = t(`journal.skip.${s.reason}`);
    lines.push(`  ${t('cli.journal.skippedRow', { row: s.row, reason: s.column ? `${reason} (${s.column}: ${s.value ?? ''})` : reason })}`);
  }
  lines.push(dryRun ? t('cli.journal.dryRun') : t('cli.journal.imported', { id: r.importId ?? '' }));
  lines.push(t('journal.signalsNotVerdicts'));
  return lines;
}

export const journalImportVerb: CliVerb = {
  name: 'journal import',
  summary: 'cli.journal.import.summary',
  args: { valueName: 'FILE', min: 1, max: 1 },
  options: {
    preset: { type: 'string', valueName: 'NAME', descriptionKey: 'cli.journal.option.preset' },
    semester: { type: 'string', valueName: 'YYYY/YY-N', descriptionKey: 'cli.journal.option.semester' },
    'dry-run': { type: 'boolean', descriptionKey: 'cli.journal.option.dryRun' },
  },
  notes: ['cli.journal.note.mapping'],

  async run(ctx, values, args = []) {
    const file = resolve(args[0] ?? '');
    let bytes: Uint8Array;
    try {
      const info = await stat(file);
      if (info.size > MAX_JOURNAL_BYTES)
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.tooBig', details: { params: { maxMb: MAX_JOURNAL_BYTES / 1024 / 1024 } } });
      bytes = new Uint8Array(await readFile(file));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('IO_ERROR', { messageKey: 'errors.journal.fileUnreadable', details: { params: { file } } });
    }
    const dryRun = values['dry-run'] === true;
    const app = await ctx.openExistingApp();
    try {
      const input = {
        bytes,
        fileName: basename(file),
        ...(typeof values.preset === 'string' ? { presetName: values.preset } : {}),
        ...(typeof values.semester === 'string' ? { semesterId: values.semester } : {}),
      };
      // A file that needs a mapping is listed (not refused with one line), so preview first.
      const preview = await app.services.journal.preview(ctx.actor, input);
      const report = !dryRun && preview.status === 'ok' ? await app.services.journal.import(ctx.actor, input) : preview;
      const code = report.status === 'ok' ? 0 : 1;
      if (ctx.json) ctx.out(JSON.stringify({ ok: code === 0, dryRun, report }));
      else for (const line of reportLines(ctx, report, dryRun)) (code === 0 ? ctx.out : ctx.err)(line);
      return code;
    } finally {
      await app.close();
    }
  },
};

/** How `pumpurs verify` and `pumpurs import` print one file's result. */
import type { ImportFileResult } from '../../../src-shared/domain/exchange';
import { keyFromData } from '../../../src-shared/i18n/index';
import type { CliContext } from '../cli-verb';

export function fileResultLines(ctx: CliContext, r: ImportFileResult): string[] {
  const lines: string[] = [];
  const head = ctx.t(`cli.import.status.${r.status}`, { file: r.file, sender: r.sender?.name ?? '—', seq: r.seq ?? '—', semester: r.semesterId ?? '—' });
  lines.push(head);
  if (r.code !== null && r.messageKey !== null) lines.push(`  ${r.code}: ${ctx.t(keyFromData(r.messageKey))}`);
  for (const w of r.warnings) lines.push(`  ${ctx.t('cli.import.warning', { code: w.code, message: ctx.t(keyFromData(`errors.code.${w.code}`)) })}`);
  if (r.summary) {
    const t = r.summary.total;
    lines.push(
      `  ${ctx.t('cli.import.total', { created: t.created, updated: t.updated, unchanged: t.unchanged, withdrawn: t.withdrawn, conflicts: t.conflicts })}`,
    );
    for (const [type, c] of Object.entries(r.summary.byType)) {
      if (c.created + c.updated + c.withdrawn + c.conflicts === 0) continue;
      lines.push(
        `    ${type}: ${ctx.t('cli.import.total', { created: c.created, updated: c.updated, unchanged: c.unchanged, withdrawn: c.withdrawn, conflicts: c.conflicts })}`,
      );
    }
    for (const c of r.summary.conflicts) lines.push(`    ${ctx.t('cli.import.conflict', { type: c.type, id: c.id })}`);
  }
  return lines;
}

/** 0 when every file imported, would import, or was already imported; 1 when any was refused. */
export function exitCodeOf(results: readonly ImportFileResult[]): number {
  return results.some((r) => r.status === 'refused') ? 1 : 0;
}

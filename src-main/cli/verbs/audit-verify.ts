/** `pumpurs audit verify`: walks the audit log's hash chain (db/audit-chain.ts). Exit 0 intact, 1 broken (with where). */
import { verifyAuditChain } from '../../db/audit-chain';
import type { CliVerb } from '../cli-verb';

export const auditVerifyVerb: CliVerb = {
  name: 'audit verify',
  summary: 'cli.audit.verify.summary',
  options: {},

  async run(ctx) {
    const app = await ctx.openExistingApp();
    try {
      const report = verifyAuditChain(app.database.raw);
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: report.ok, rows: report.rows, problems: report.problems }));
        return report.ok ? 0 : 1;
      }
      if (report.ok) {
        ctx.out(ctx.t('cli.audit.verify.ok', { rows: report.rows }));
        return 0;
      }
      ctx.err(ctx.t('cli.audit.verify.broken', { rows: report.rows, count: report.problems.length }));
      for (const p of report.problems) ctx.err(`  ${ctx.t(`dataSafety.audit.problem.${p.kind}`, { id: p.id })}`);
      return 1;
    } finally {
      await app.close();
    }
  },
};

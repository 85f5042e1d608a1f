/** `pumpurs keys export --out F`: the public key card, for the recipient to enrol after comparing the fingerprint. */
import { resolve } from 'node:path';
import type { CliVerb } from '../cli-verb';

export const keysExportVerb: CliVerb = {
  name: 'keys export',
  summary: 'cli.keys.export.summary',
  options: {
    out: { type: 'string', valueName: 'FILE', descriptionKey: 'cli.keys.option.out', required: true },
  },

  async run(ctx, values) {
    const path = resolve(String(values.out));
    const app = await ctx.openExistingApp();
    try {
      const saved = await app.services.exchange.keys.exportCard(ctx.actor, path);
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, path: saved.path, fingerprint: saved.fingerprint }));
        return 0;
      }
      ctx.out(ctx.t('cli.keys.exported', { path: saved.path }));
      ctx.out(ctx.t('cli.keys.fingerprintDigits', { digits: saved.fingerprint.digits }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

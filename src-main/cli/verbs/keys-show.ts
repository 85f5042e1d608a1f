/** `pumpurs keys show`: this installation's organisation id and signing-key fingerprint, to read out by phone. */
import type { CliVerb } from '../cli-verb';

export const keysShowVerb: CliVerb = {
  name: 'keys show',
  summary: 'cli.keys.show.summary',
  options: {},

  async run(ctx) {
    const app = await ctx.openExistingApp();
    try {
      const view = await app.services.exchange.keys.view(ctx.actor);
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, ...view }));
        return 0;
      }
      ctx.out(ctx.t('cli.keys.org', { kind: ctx.t(`orgKind.${view.org.kind}`), name: view.org.name, id: view.org.id }));
      ctx.out(ctx.t('cli.keys.fingerprintDigits', { digits: view.fingerprint.digits }));
      ctx.out(ctx.t('cli.keys.fingerprintHex', { hex: view.fingerprint.hex }));
      return 0;
    } finally {
      await app.close();
    }
  },
};

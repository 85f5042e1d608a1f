/**
 * `pumpurs enrol F` and `pumpurs trust F`: read a key card (or a rotation or
 * revocation statement), show the organisation and the fingerprint, and
 * only with --fingerprint (the value compared with the other side by
 * phone: digits, hex or key id) pin it. Without --fingerprint nothing
 * changes and the exit code is 1.
 */
import { resolve } from 'node:path';
import type { KeyFilePreview } from '../../../src-shared/domain/exchange';
import { AppError } from '../../../src-shared/ipc/result';
import type { EnrolmentPurpose } from '../../services/exchange/enrolment-service';
import type { CliContext, CliVerb } from '../cli-verb';

function describe(ctx: CliContext, preview: KeyFilePreview): string[] {
  const lines = [
    ctx.t('cli.keys.org', { kind: ctx.t(`orgKind.${preview.org.kind}`), name: preview.org.name, id: preview.org.id }),
    ctx.t('cli.keys.fingerprintDigits', { digits: preview.fingerprint.digits }),
    ctx.t('cli.keys.fingerprintHex', { hex: preview.fingerprint.hex }),
    ctx.t(`cli.keyFile.action.${preview.action}`, { seq: preview.seqAfter ?? 0 }),
  ];
  return lines;
}

function keyFileVerb(name: 'enrol' | 'trust', purpose: EnrolmentPurpose): CliVerb {
  return {
    name,
    summary: name === 'enrol' ? 'cli.enrol.summary' : 'cli.trust.summary',
    args: { valueName: 'FILE', min: 1, max: 1 },
    options: {
      fingerprint: { type: 'string', valueName: 'DIGITS', descriptionKey: 'cli.keyFile.option.fingerprint' },
      ...(purpose === 'enrol' ? { 'replace-key': { type: 'boolean' as const, descriptionKey: 'cli.keyFile.option.replaceKey' } } : {}),
    },
    notes: ['cli.keyFile.note'],

    async run(ctx, values, args = []) {
      const path = resolve(args[0] ?? '');
      const app = await ctx.openExistingApp();
      try {
        const enrolment = app.services.exchange.enrolment;
        const preview = await enrolment.preview(ctx.actor, path, purpose, values['replace-key'] === true);
        const fingerprint = values.fingerprint;
        if (typeof fingerprint !== 'string') {
          if (ctx.json) {
            const error = new AppError('VALIDATION_FAILED', { messageKey: 'cli.keyFile.compareFirst' }).toData();
            ctx.out(JSON.stringify({ ok: false, error, preview }));
          } else {
            for (const line of describe(ctx, preview)) ctx.out(line);
            ctx.err(ctx.t('cli.keyFile.compareFirst'));
          }
          return 1;
        }
        const done = await enrolment.confirm(ctx.actor, { path, purpose, fingerprint, replaceKey: values['replace-key'] === true });
        if (ctx.json) {
          ctx.out(JSON.stringify({ ok: true, ...done }));
          return 0;
        }
        for (const line of describe(ctx, { ...preview, action: done.action })) ctx.out(line);
        ctx.out(ctx.t(`cli.keyFile.done.${done.action}`, { name: done.org.name }));
        return 0;
      } finally {
        await app.close();
      }
    },
  };
}

export const enrolVerb = keyFileVerb('enrol', 'enrol');
export const trustVerb = keyFileVerb('trust', 'trust');

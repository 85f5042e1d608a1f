/**
 * Accepting a sender's new package numbering (docs/package-format.md,
 * "Streams that start again"): after a package was refused as
 * STREAM_RESTARTED and the coordinator asked the sender what happened, the
 * coordinator writes why, chooses that package (open dialog in main) and
 * accepts. Audited; everything held is kept; the package is then imported
 * as usual. At a municipality or the state on the Schools screen; at a school
 * on the data exchange screen (its authority's decisions).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useSubmit } from '../../ui/use-api';

/**
 * `from`: whose stream is accepted. An authority accepts a school's (or a
 * municipality's) reports stream; a school its authority's decisions stream.
 */
export function AcceptStream({ onAccepted, from = 'school' }: { onAccepted: () => void; from?: 'school' | 'authority' }) {
  const { t } = useTranslation();
  const toast = useToast();
  const action = useSubmit();
  const [reason, setReason] = useState('');

  async function accept() {
    const result = await action.submit('exchange:acceptStream', { reason });
    if (result && !result.cancelled && result.accepted) {
      const a = result.accepted;
      toast.success(t('dataSafety.stream.accepted', { name: a.sender.name, seq: a.fromSeq, packages: a.heldPackages }));
      setReason('');
      onAccepted();
    }
  }

  return (
    <details className="card" data-testid="accept-stream">
      <summary>{t(from === 'authority' ? 'dataSafety.stream.titleAuthority' : 'dataSafety.stream.title')}</summary>
      <p className="muted">{t(from === 'authority' ? 'dataSafety.stream.introAuthority' : 'dataSafety.stream.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void accept();
        }}
      >
        <Field label={t('dataSafety.stream.reason')} hint={t('dataSafety.stream.reasonHint')} errorKey={action.fieldErrors.reason} required>
          <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <p>
          <button type="submit" disabled={action.busy || reason.trim() === ''}>
            {t('dataSafety.stream.accept')}
          </button>
        </p>
      </form>
    </details>
  );
}

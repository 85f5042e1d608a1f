/**
 * Loading another organisation's key card, in two steps:
 *  1. main opens the file dialog and reads the card ('exchange:enrolPreview'):
 *     the dialog here shows who it is and the fingerprint, big;
 *  2. the coordinator phones the other organisation, compares the digits,
 *     then ticks "compared" or types the digits read out to them, and
 *     confirms ('exchange:enrol' for a sender, 'exchange:trust' for our
 *     recipient). The service checks the fingerprint against the file again.
 *
 * Any refusal (a different key for an enrolled organisation is KEY_CHANGED,
 * a mismatching fingerprint, a damaged card) closes the dialog and is shown
 * on the page with what to do; nothing was changed, and the person starts
 * again from the file. When enrolling, KEY_CHANGED offers to replace a lost
 * key: the file is chosen again and previewed as a replacement, the dialog
 * warns what that means, and confirming sends `replaceKey: true`.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolledOrg, KeyFilePreview } from '../../../src-shared/domain/exchange';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { Dialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useSubmit } from '../../ui/use-api';
import { Fingerprint } from './fingerprint';
import { Problem } from './problem';

export type KeyFilePurpose = 'enrol' | 'trust';

export interface KeyFileFlow {
  /** Opens the file dialog (in main) and then ours; `replaceKey` previews the card as the replacement of a lost key. */
  start(replaceKey?: boolean): Promise<void>;
  busy: boolean;
  /** The dialog; render it once. */
  dialog: ReactNode;
  /** The last refusal, to show on the page (null when none). */
  problem: ReactNode;
}

export function useKeyFile(purpose: KeyFilePurpose, onDone: (org: EnrolledOrg) => void): KeyFileFlow {
  const { t } = useTranslation();
  const toast = useToast();
  // Every refusal is shown on the page with what to do (KEY_CHANGED offers to replace a lost key), not in a toast.
  const { submit, busy, error, clearError } = useSubmit({ show: 'inline' });
  const [open, setOpen] = useState<{ token: string; preview: KeyFilePreview; replaceKey: boolean } | null>(null);

  const start = useCallback(
    async (replaceKey = false) => {
      clearError();
      const read = await submit('exchange:enrolPreview', { purpose, replaceKey: purpose === 'enrol' && replaceKey }, { noFields: true });
      if (!read || read.cancelled || !read.token || !read.preview) return;
      setOpen({ token: read.token, preview: read.preview, replaceKey: purpose === 'enrol' && replaceKey });
    },
    [purpose, submit, clearError],
  );

  const confirm = useCallback(
    async (fingerprint: string) => {
      if (!open) return;
      const input = { token: open.token, fingerprint };
      const org =
        purpose === 'enrol'
          ? await submit('exchange:enrol', { ...input, replaceKey: open.replaceKey }, { noFields: true })
          : await submit('exchange:trust', input, { noFields: true });
      setOpen(null);
      if (!org) return;
      const name = org.org.name;
      toast.success(
        purpose === 'trust' && org.action === 'enrol' ? t('exchangeUi.keyFile.trusted', { name }) : t(`exchangeUi.keyFile.done.${org.action}`, { name }),
      );
      onDone(org);
    },
    [open, purpose, submit, toast, t, onDone],
  );

  const dialog = (
    <KeyFileDialog
      purpose={purpose}
      preview={open?.preview ?? null}
      busy={busy}
      onCancel={() => setOpen(null)}
      onConfirm={(fingerprint) => void confirm(fingerprint)}
    />
  );
  const problem = error ? <KeyFileProblem error={error} onReplace={purpose === 'enrol' ? () => void start(true) : null} /> : null;
  return { start, busy, dialog, problem };
}

function KeyFileProblem({ error, onReplace }: { error: AppErrorData; onReplace: (() => void) | null }) {
  const { t } = useTranslation();
  if (error.code === 'KEY_CHANGED') {
    return (
      <Problem code={error.code} messageKey={error.messageKey} title={t('exchangeUi.keyChanged.title')} live>
        <p>{t('exchangeUi.keyChanged.todo')}</p>
        {onReplace ? (
          <>
            <p>{t('exchangeUi.keyChanged.replaceHint')}</p>
            <p>
              <button type="button" onClick={onReplace}>
                {t('exchangeUi.keyChanged.replace')}
              </button>
            </p>
          </>
        ) : null}
      </Problem>
    );
  }
  return <Problem code={error.code} messageKey={error.messageKey} params={error.details?.params ?? {}} title={t('exchangeUi.problem.title')} live />;
}

interface KeyFileDialogProps {
  purpose: KeyFilePurpose;
  preview: KeyFilePreview | null;
  busy: boolean;
  onCancel(): void;
  onConfirm(fingerprint: string): void;
}

function KeyFileDialog({ purpose, preview, busy, onCancel, onConfirm }: KeyFileDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [compared, setCompared] = useState(false);
  const [mustCompare, setMustCompare] = useState(false);
  const formId = `key-file-${purpose}`;
  const replacing = preview?.action === 'replace';

  function close() {
    setTyped('');
    setCompared(false);
    setMustCompare(false);
    onCancel();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!preview) return;
    const given = typed.trim();
    if (!compared && given === '') {
      setMustCompare(true);
      return;
    }
    setTyped('');
    setCompared(false);
    setMustCompare(false);
    onConfirm(given === '' ? preview.fingerprint.digits : given);
  }

  return (
    <Dialog
      title={replacing ? t('exchangeUi.replaceKey.title') : t(purpose === 'enrol' ? 'exchangeUi.keyFile.titleEnrol' : 'exchangeUi.keyFile.titleTrust')}
      open={preview !== null}
      onClose={close}
      wide
      footer={
        <>
          <button type="button" onClick={close}>
            {t('ui.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {replacing ? t('exchangeUi.replaceKey.confirm') : t(purpose === 'enrol' ? 'exchangeUi.keyFile.confirmEnrol' : 'exchangeUi.keyFile.confirmTrust')}
          </button>
        </>
      }
    >
      {preview ? (
        <form id={formId} onSubmit={submit} noValidate>
          {replacing ? (
            <div className="warning-box" data-testid="replace-key-warning">
              <p>{t('exchangeUi.replaceKey.warning', { seq: preview.seqAfter ?? 0 })}</p>
            </div>
          ) : null}
          <dl className="facts">
            <dt>{t('exchangeUi.keyFile.kind')}</dt>
            <dd>{t(`orgKind.${preview.org.kind}`)}</dd>
            <dt>{t('exchangeUi.keyFile.org')}</dt>
            <dd data-testid="key-file-name">{preview.org.name}</dd>
            {preview.org.kind === 'school' ? (
              <>
                <dt>{t('exchangeUi.keyFile.regNo')}</dt>
                <dd data-testid="key-file-id">{preview.org.id}</dd>
              </>
            ) : null}
          </dl>
          <Fingerprint value={preview.fingerprint} testId="key-file-fingerprint" />
          {preview.pinnedFingerprint && preview.action !== 'unchanged' ? (
            <Fingerprint value={preview.pinnedFingerprint} label={t('exchangeUi.keyFile.pinned')} small />
          ) : null}
          <p className="calm-box">{t(`exchangeUi.keyFile.action.${preview.action}`, { seq: preview.seqAfter ?? 0 })}</p>
          <div className="compare-box">
            <p>{t('exchangeUi.keyFile.compare', { name: preview.org.name })}</p>
            <Field label={t('exchangeUi.keyFile.typed')} hint={t('exchangeUi.keyFile.typedHint')}>
              <input
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                  setMustCompare(false);
                }}
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            <label className="check">
              <input
                type="checkbox"
                checked={compared}
                onChange={(e) => {
                  setCompared(e.target.checked);
                  setMustCompare(false);
                }}
              />
              <span>{t('exchangeUi.keyFile.confirmCompared')}</span>
            </label>
            {mustCompare ? (
              <p className="field-error" role="alert">
                {t('exchangeUi.keyFile.mustCompare')}
              </p>
            ) : null}
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}

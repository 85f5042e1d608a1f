/**
 * "Are you sure?" for actions that cannot be undone, in the app's own modal
 * dialog (not window.confirm: same look, same language, same keyboard).
 *
 *   const [confirmDialog, confirm] = useConfirm();
 *   if (await confirm({ title, body, confirmLabel })) ...
 *   return <>{...}{confirmDialog}</>;
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog';

interface Question {
  title: string;
  body: string;
  confirmLabel: string;
  /** The button that says no; "Cancel" when omitted. */
  cancelLabel?: string;
  danger?: boolean;
}

export function useConfirm(): [ReactNode, (question: Question) => Promise<boolean>] {
  const { t } = useTranslation();
  const [pending, setPending] = useState<(Question & { answer(yes: boolean): void }) | null>(null);

  const confirm = useCallback(
    (question: Question) =>
      new Promise<boolean>((resolve) => {
        setPending({
          ...question,
          answer: (yes) => {
            setPending(null);
            resolve(yes);
          },
        });
      }),
    [],
  );

  const dialog = (
    <Dialog
      title={pending?.title ?? ''}
      open={pending !== null}
      onClose={() => pending?.answer(false)}
      footer={
        <>
          <button type="button" onClick={() => pending?.answer(false)}>
            {pending?.cancelLabel ?? t('ui.cancel')}
          </button>
          <button type="button" className={pending?.danger ? 'danger-solid' : 'primary'} onClick={() => pending?.answer(true)}>
            {pending?.confirmLabel}
          </button>
        </>
      }
    >
      <p>{pending?.body}</p>
    </Dialog>
  );
  return [dialog, confirm];
}

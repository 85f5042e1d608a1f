/**
 * Guards a form with unsaved changes: while `dirty`, leaving by a link,
 * Back/Forward or a typed address first asks in the app's own dialog
 * ("Stay" / "Leave"), and closing or reloading the window asks too
 * (`beforeunload`). Render the returned dialog:
 *
 *   const unsavedDialog = useUnsavedChangesGuard(dirty);
 *   return <>{...}{unsavedDialog}</>;
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from './confirm';
import { addNavigationBlocker } from './router';

export function useUnsavedChangesGuard(dirty: boolean): ReactNode {
  const { t } = useTranslation();
  const [dialog, confirm] = useConfirm();

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium asks only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Once the person chose to leave, the screen is on its way out (the next
    // one may still be loading): it does not ask again. A question still
    // open when the form goes away is answered "leave": nothing is left to keep.
    let left = false;
    let answer: ((leave: boolean) => void) | null = null;
    const removeBlocker = addNavigationBlocker(
      () =>
        left ||
        new Promise<boolean>((resolve) => {
          answer = resolve;
          void confirm({
            title: t('ui.unsaved.title'),
            body: t('ui.unsaved.body'),
            confirmLabel: t('ui.unsaved.leave'),
            cancelLabel: t('ui.unsaved.stay'),
            danger: true,
          }).then((leave) => {
            answer = null;
            left = leave;
            resolve(leave);
          });
        }),
    );
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeBlocker();
      answer?.(true);
    };
  }, [dirty, confirm, t]);

  return dialog;
}

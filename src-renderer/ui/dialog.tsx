/**
 * A modal dialog on the native <dialog> element: the browser traps the focus,
 * Escape closes it, and the rest of the page is inert while it is open.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  /** Buttons at the bottom; a Close button is added when omitted. */
  footer?: ReactNode;
  wide?: boolean;
  /**
   * Where the focus goes when the dialog closes and the button that opened it
   * is gone (e.g. "Submit" after submitting); default: the screen's heading.
   */
  returnFocus?: () => HTMLElement | null;
}

/** After a dialog closes: the focus back to its opener, or to `fallback`, never left on <body>. */
function restoreFocus(opener: Element | null, fallback: (() => HTMLElement | null) | undefined): void {
  window.setTimeout(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const usable = (el: Element | null): el is HTMLElement =>
      el instanceof HTMLElement && el.isConnected && !el.matches(':disabled') && el.getClientRects().length > 0;
    const target = usable(opener) ? opener : (fallback?.() ?? document.querySelector<HTMLElement>('main h1'));
    target?.focus();
  }, 0);
}

export function Dialog({ title, open, onClose, children, footer, wide, returnFocus }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const fallback = useRef(returnFocus);
  fallback.current = returnFocus;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // Closed by `open` turning false, or taken away with its screen part: the focus goes somewhere sensible.
    return () => {
      if (dialog.open) dialog.close();
      restoreFocus(opener, fallback.current);
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-footer">
            {footer ?? (
              <button type="button" onClick={onClose}>
                {t('ui.close')}
              </button>
            )}
          </div>
        </>
      ) : null}
    </dialog>
  );
}

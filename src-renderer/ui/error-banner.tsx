import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../src-shared/ipc/result';
import { tData } from '../../src-shared/i18n/index';

/** A service error in the user's language: never a code or stack trace alone. */
export function ErrorBanner({ error, takeFocus }: { error: AppErrorData; takeFocus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Where the error answers a button press (a wizard's last step), the focus goes to it, not to <body>.
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus, error]);
  return (
    <div className="error-banner" role="alert" ref={ref} tabIndex={takeFocus ? -1 : undefined}>
      {tData(t, error.messageKey, error.details?.params)}
    </div>
  );
}

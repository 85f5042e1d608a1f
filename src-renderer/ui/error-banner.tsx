import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../src-shared/ipc/result';
import { tData } from '../../src-shared/i18n/index';

/** A service error in the user's language: never a code or stack trace alone. */
export function ErrorBanner({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner" role="alert">
      {tData(t, error.messageKey, error.details?.params)}
    </div>
  );
}

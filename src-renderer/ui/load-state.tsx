/**
 * The load-state markup screens repeat around a `useLoad`: the problem in the
 * user's language with a button to try again, "Loading…" until the first
 * answer, the empty text when the answer has nothing; otherwise the content.
 * While reloading, the last content stays (useLoad keeps the last data).
 *
 *   <LoadState loaded={list} isEmpty={(d) => d.rows.length === 0} emptyText={t('…')}>
 *     {(data) => <DataTable rows={data.rows} … />}
 *   </LoadState>
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './error-banner';
import type { Loaded } from './use-api';

interface LoadStateProps<T> {
  loaded: Loaded<T>;
  /** True when the answer has nothing to show (then `emptyText` is shown instead of the content). */
  isEmpty?(data: T): boolean;
  emptyText?: ReactNode;
  children(data: T): ReactNode;
}

export function LoadState<T>({ loaded, isEmpty, emptyText, children }: LoadStateProps<T>) {
  const { t } = useTranslation();
  const { data, error } = loaded;
  return (
    <>
      {error && error.code !== 'NOT_SIGNED_IN' ? (
        <div className="load-problem">
          <ErrorBanner error={error} />
          <button type="button" onClick={loaded.reload} disabled={loaded.loading}>
            {t('ui.retry')}
          </button>
        </div>
      ) : null}
      {data === undefined ? (
        !error && loaded.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : isEmpty?.(data) && emptyText !== undefined ? (
        <p className="notice">{emptyText}</p>
      ) : (
        children(data)
      )}
    </>
  );
}

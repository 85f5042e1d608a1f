/**
 * The load-state markup screens repeat around a `useLoad`: the problem in the
 * user's language with a button to try again, "Loading…" until the first
 * answer, the empty text when the answer has nothing; otherwise the content.
 * While reloading, the last content stays (useLoad keeps the last data).
 *
 *   <LoadState loaded={list} isEmpty={(d) => d.rows.length === 0} emptyText={t('…')}>
 *     {(data) => <DataTable rows={data.rows} … />}
 *   </LoadState>
 *
 * A screen whose empty state is more than a sentence (a link, its own class or
 * test id) passes `empty` instead of `emptyText`. A full-page gate (a plan
 * that must load before its screen can show) is `LoadGate`: the problem on a
 * page with the screen's title and way back, no "try again" (the record is
 * not there); two loads the gate needs together go in as `bothLoaded(a, b)`.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './error-banner';
import { Page } from './page';
import type { Loaded } from './use-api';

interface LoadStateProps<T> {
  loaded: Loaded<T>;
  /** True when the answer has nothing to show (then `empty` or `emptyText` is shown instead of the content). */
  isEmpty?(data: T): boolean;
  /** The empty state as one sentence, shown as a notice. */
  emptyText?: ReactNode;
  /** The empty state as the screen's own markup (instead of `emptyText`). */
  empty?: ReactNode;
  /** A button to try again under the problem (default); false where trying again cannot help (a record that is not there). */
  retry?: boolean;
  /** Wraps the problem when it is shown (a full-page gate: the page's title and way back). */
  frame?(problem: ReactNode): ReactNode;
  children(data: T): ReactNode;
}

export function LoadState<T>({ loaded, isEmpty, emptyText, empty, retry = true, frame, children }: LoadStateProps<T>) {
  const { t } = useTranslation();
  const { data, error } = loaded;
  const problem =
    error && error.code !== 'NOT_SIGNED_IN' ? (
      retry ? (
        <div className="load-problem">
          <ErrorBanner error={error} />
          <button type="button" onClick={loaded.reload} disabled={loaded.loading}>
            {t('ui.retry')}
          </button>
        </div>
      ) : (
        <ErrorBanner error={error} />
      )
    ) : null;
  const emptyState = empty ?? (emptyText !== undefined ? <p className="notice">{emptyText}</p> : undefined);
  return (
    <>
      {problem && frame ? frame(problem) : problem}
      {data === undefined ? (
        !error && loaded.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : isEmpty?.(data) && emptyState !== undefined ? (
        emptyState
      ) : (
        children(data)
      )}
    </>
  );
}

interface LoadGateProps<T> {
  loaded: Loaded<T>;
  /** The page's title and way back, shown with the problem (the screen itself has its own once loaded). */
  title: string;
  breadcrumbs?: ReactNode;
  children(data: T): ReactNode;
}

/** A screen that cannot show before its record has loaded: the problem on a page of its own, else "Loading…", else the screen. */
export function LoadGate<T>({ loaded, title, breadcrumbs, children }: LoadGateProps<T>) {
  return (
    <LoadState
      loaded={loaded}
      retry={false}
      frame={(problem) => (
        <Page title={title} breadcrumbs={breadcrumbs}>
          {problem}
        </Page>
      )}
    >
      {children}
    </LoadState>
  );
}

/** Two loads a screen needs together, as one: the data once both have answered, the first problem, loading while either loads. */
export function bothLoaded<A, B>(a: Loaded<A>, b: Loaded<B>): Loaded<[A, B]> {
  return {
    data: a.data !== undefined && b.data !== undefined ? [a.data, b.data] : undefined,
    error: a.error ?? b.error,
    loading: a.loading || b.loading,
    reload: () => {
      a.reload();
      b.reload();
    },
  };
}

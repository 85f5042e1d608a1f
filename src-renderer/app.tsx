/**
 * The app frame: loads what the app knows about itself and picks the stage:
 * first-run set-up, or the signed-in shell with its routed screens.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../src-shared/ipc/contract/index';
import type { AppErrorData } from '../src-shared/ipc/result';
import { call } from './api/client';
import { SetupScreen } from './features/setup/setup-screen';
import { AppShell } from './ui/app-shell';
import { ErrorBanner } from './ui/error-banner';
import { LanguageSwitch } from './ui/language-switch';
import { SessionProvider, type SessionValue } from './ui/session';
import { ToastProvider } from './ui/toast';

type Info = ChannelOutput<'app:info'>;

export function App() {
  return (
    <ToastProvider>
      <AppStages />
    </ToastProvider>
  );
}

function AppStages() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  const reload = useCallback(async () => {
    const result = await call('app:info', {});
    if (result.ok) {
      setInfo(result.value);
      setError(null);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const organisation = info?.organisation ?? null;
  const session = useMemo<SessionValue | null>(
    () =>
      organisation
        ? {
            organisation,
            actor: null,
            idleMinutes: 0,
            can: () => true,
            refresh: () => void reload(),
            signOut: () => undefined,
          }
        : null,
    [organisation, reload],
  );

  if (session) {
    return (
      <SessionProvider value={session}>
        <AppShell />
      </SessionProvider>
    );
  }
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {error ? <ErrorBanner error={error} /> : null}
        {!info && !error ? <p role="status">{t('app.loading')}</p> : null}
        {info && !info.organisation ? <SetupScreen onSaved={reload} /> : null}
      </main>
    </div>
  );
}

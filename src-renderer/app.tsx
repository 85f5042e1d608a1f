/** The app frame: loads what the app knows about itself and picks the screen. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../src-shared/ipc/contract/index';
import type { AppErrorData } from '../src-shared/ipc/result';
import { call } from './api/client';
import { SetupScreen } from './features/setup/setup-screen';
import { HomeScreen } from './features/home/home-screen';
import { LanguageSwitch } from './ui/language-switch';
import { ErrorBanner } from './ui/error-banner';

type Info = ChannelOutput<'app:info'>;

export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  const reload = useCallback(async () => {
    const result = await call('app:info', {});
    if (result.ok) setInfo(result.value);
    else setError(result.error);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        {info?.organisation ? <span className="app-org">{info.organisation.name}</span> : null}
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {error ? <ErrorBanner error={error} /> : null}
        {!info && !error ? <p role="status">{t('app.loading')}</p> : null}
        {info && !info.organisation ? <SetupScreen onSaved={reload} /> : null}
        {info?.organisation ? <HomeScreen organisation={info.organisation} /> : null}
      </main>
    </div>
  );
}

/**
 * The app frame: loads what the app knows about itself and picks the stage:
 * first-run set-up, sign-in, or the signed-in shell with its routed screens.
 * After inactivity (minutes from 'auth:current') the shell locks: the lock
 * screen covers it and asks for the password again, while the screens under
 * it keep their state.
 *
 * "Switch user" (two staff members on one PC) ends this session (audited as
 * a sign-out) and shows the sign-in form without leaving the address: the
 * next person, once signed in, is on the same page, or on the home screen
 * if their roles may not open it.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../src-shared/domain/organisation';
import { can, type Actor } from '../src-shared/domain/roles';
import type { AppErrorData } from '../src-shared/ipc/result';
import { call, on } from './api/client';
import { LockScreen } from './features/signin/lock-screen';
import { SignInScreen } from './features/signin/signin-screen';
import { AppShell } from './ui/app-shell';
import { ErrorBanner } from './ui/error-banner';
import { LanguageSwitch } from './ui/language-switch';
import { findRoute } from './ui/route-outlet';
import { confirmLeavingPage, currentLocation, navigate } from './ui/router';
import { SessionProvider, type SessionValue } from './ui/session';
import { onSessionLost, reportSessionRestored } from './ui/session-events';
import { ToastProvider, useToast } from './ui/toast';
import { useIdle } from './ui/use-idle';

/** First run only: loaded on demand, so every later start skips its code (and the schemas it checks with). */
const SetupWizard = lazy(() => import('./features/setup/setup-wizard').then((m) => ({ default: m.SetupWizard })));

export function App() {
  return (
    <ToastProvider>
      <AppStages />
    </ToastProvider>
  );
}

type Stage =
  | { kind: 'loading' }
  | { kind: 'failed'; error: AppErrorData }
  | { kind: 'setUp' }
  /** `keepsPage`: after "switch user", the address is the last person's page. */
  | { kind: 'signIn'; organisation: Organisation; keepsPage?: boolean }
  | { kind: 'shell'; organisation: Organisation; actor: Actor; idleMinutes: number };

function AppStages() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [locked, setLocked] = useState(false);
  /** The user name typed at sign-in in this window (to unlock with the password only). */
  const [username, setUsername] = useState<string | null>(null);
  /** Bumped when another person signs in at the lock: the screens start afresh. */
  const [shellKey, setShellKey] = useState(0);
  const toast = useToast();

  const load = useCallback(async () => {
    const info = await call('app:info', {});
    if (!info.ok) return setStage({ kind: 'failed', error: info.error });
    const organisation = info.value.organisation;
    if (!organisation) return setStage({ kind: 'setUp' });
    const current = await call('auth:current', {});
    if (!current.ok) return setStage({ kind: 'failed', error: current.error });
    if (!current.value.actor) return setStage({ kind: 'signIn', organisation });
    setStage({ kind: 'shell', organisation, actor: current.value.actor, idleMinutes: current.value.idleMinutes });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const signedIn = useCallback(
    (actor: Actor, name: string) => {
      // The page left open (by "switch user", or a reload at sign-in) only if this person may see it.
      const permission = findRoute(currentLocation().path)?.route.permission;
      if (permission && !can(actor.roles, permission)) navigate('/', { replace: true });
      setUsername(name);
      // A fresh sign-in is never locked: screens left behind by a sign-out may have
      // reported the lost session (NOT_SIGNED_IN) after it, which set the lock.
      setLocked(false);
      void load();
    },
    [load],
  );

  const inShell = stage.kind === 'shell';
  const actorId = stage.kind === 'shell' ? stage.actor.userId : null;

  // Signed in before this page loaded (a reload): look up our user name, so the
  // lock screen needs only the password.
  useEffect(() => {
    if (!actorId || username) return;
    let live = true;
    void call('staff:list', {}).then((result) => {
      const me = result.ok ? result.value.find((member) => member.id === actorId) : undefined;
      if (live && me) setUsername(me.username);
    });
    return () => {
      live = false;
    };
  }, [actorId, username]);
  const lock = useCallback(() => {
    setLocked(true);
    // End the session in main too: the lock is not only a curtain.
    void call('auth:signOut', {});
  }, []);
  useIdle(inShell ? stage.idleMinutes : 0, inShell && !locked, lock);

  // The service says the session is gone (expired while idle, or ended elsewhere).
  useEffect(() => {
    if (!inShell) return;
    const offLost = onSessionLost(() => setLocked(true));
    const offEvent = on('session:changed', (payload) => {
      if (!payload.signedIn) setLocked(true);
    });
    return () => {
      offLost();
      offEvent();
    };
  }, [inShell]);

  const signOut = useCallback(async () => {
    // Nothing the last person was told stays for the next one.
    toast.clear();
    setLocked(false);
    setUsername(null);
    // Leave the shell at once: otherwise main's "signed out" event, arriving
    // while the shell still showed, raised the lock screen for a moment, and
    // what was typed into it was lost when the sign-in screen replaced it.
    setStage({ kind: 'loading' });
    await call('auth:signOut', {});
    navigate('/', { replace: true });
    await load();
  }, [load, toast]);

  const switchUser = useCallback(async () => {
    if (stage.kind !== 'shell') return;
    // Unsaved input is not handed to the next person: ask first, as leaving the page would.
    if (!(await confirmLeavingPage())) return;
    toast.clear();
    await call('auth:signOut', {});
    setLocked(false);
    setUsername(null);
    setStage({ kind: 'signIn', organisation: stage.organisation, keepsPage: true });
  }, [stage, toast]);

  const session = useMemo<SessionValue | null>(
    () =>
      stage.kind === 'shell'
        ? {
            organisation: stage.organisation,
            actor: stage.actor,
            idleMinutes: stage.idleMinutes,
            can: (permission) => can(stage.actor.roles, permission),
            refresh: () => void load(),
            signOut: () => void signOut(),
            switchUser: () => void switchUser(),
          }
        : null,
    [stage, load, signOut, switchUser],
  );

  if (stage.kind === 'shell' && session) {
    return (
      <>
        <div className="app-layer" inert={locked} aria-hidden={locked ? true : undefined}>
          <SessionProvider value={session}>
            <AppShell key={shellKey} />
          </SessionProvider>
        </div>
        {locked ? (
          <LockScreen
            actor={stage.actor}
            username={username}
            onUnlocked={(actor, name) => {
              if (actor.userId !== stage.actor.userId) {
                setShellKey((k) => k + 1);
                navigate('/', { replace: true });
              }
              setUsername(name);
              setLocked(false);
              setStage({ ...stage, actor });
              reportSessionRestored();
            }}
            onSignOut={() => void signOut()}
          />
        ) : null}
      </>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        {stage.kind === 'signIn' ? <span className="app-org">{stage.organisation.name}</span> : null}
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {stage.kind === 'failed' ? <ErrorBanner error={stage.error} /> : null}
        {stage.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
        {stage.kind === 'setUp' ? (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <SetupWizard onDone={signedIn} />
          </Suspense>
        ) : null}
        {stage.kind === 'signIn' ? <SignInScreen organisation={stage.organisation} onSignedIn={signedIn} keepsPage={stage.keepsPage ?? false} /> : null}
      </main>
    </div>
  );
}

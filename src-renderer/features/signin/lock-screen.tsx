/**
 * The lock after inactivity: covers the whole window (the data is about
 * minors) while the page underneath stays as it was, so unlocking with the
 * password returns to the same screen with the same unsaved input. Another
 * person may instead sign in fresh, which starts from the home screen.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../src-shared/domain/roles';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { LanguageSwitch } from '../../ui/language-switch';
import { useSubmit } from '../../ui/use-api';

interface LockScreenProps {
  actor: Actor;
  /** The user name typed at sign-in, when this window knows it. */
  username: string | null;
  onUnlocked(actor: Actor, username: string): void;
  onSignOut(): void;
}

export function LockScreen({ actor, username, onUnlocked, onSignOut }: LockScreenProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(username ?? '');
  const [password, setPassword] = useState('');
  // A wrong password or a locked account is said above the form, not in a passing toast.
  const { submit: signIn, busy, error, fieldErrors } = useSubmit({ show: 'inline' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const actor = await signIn('auth:signIn', { username: name, password });
    setPassword('');
    if (actor) onUnlocked(actor, name.trim());
  }

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock-language">
        <LanguageSwitch />
      </div>
      <section className="card narrow">
        <h1 id="lock-title" ref={heading} tabIndex={-1}>
          {t('lock.title')}
        </h1>
        <p>{t('lock.body', { name: actor.name })}</p>
        {error ? <ErrorBanner error={error} /> : null}
        <form onSubmit={submit} noValidate>
          {username ? null : (
            <Field label={t('signin.username')} errorKey={fieldErrors.username}>
              <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" spellCheck={false} />
            </Field>
          )}
          <Field label={t('signin.password')} errorKey={fieldErrors.password}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" autoFocus />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('lock.unlock')}
            </button>
            <button type="button" onClick={onSignOut}>
              {t('lock.signOut')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

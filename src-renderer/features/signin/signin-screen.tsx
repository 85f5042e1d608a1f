/** Sign-in: user name and password. The service counts failures and locks the account after too many. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useSubmit } from '../../ui/use-api';

interface SignInScreenProps {
  organisation: Organisation;
  onSignedIn(actor: Actor, username: string): void;
  /** After "switch user": the page the last person was on opens again after sign-in (said above the form). */
  keepsPage?: boolean;
}

export function SignInScreen({ organisation, onSignedIn, keepsPage = false }: SignInScreenProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // A wrong password or a locked account is said above the form, not in a passing toast.
  const { submit: signIn, busy, error, fieldErrors } = useSubmit({ show: 'inline' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const actor = await signIn('auth:signIn', { username, password });
    setPassword('');
    if (actor) onSignedIn(actor, username.trim());
  }

  return (
    <section className="card narrow signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      <p className="muted">{organisation.name}</p>
      {keepsPage ? (
        <p className="notice" role="status">
          {t('signin.keepsPage')}
        </p>
      ) : null}
      {error ? <ErrorBanner error={error} /> : null}
      <form onSubmit={submit} noValidate>
        <Field label={t('signin.username')} errorKey={fieldErrors.username}>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus spellCheck={false} />
        </Field>
        <Field label={t('signin.password')} errorKey={fieldErrors.password}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
    </section>
  );
}

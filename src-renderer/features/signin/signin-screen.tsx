/** Sign-in: user name and password. The service counts failures and locks the account after too many. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { call } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, fieldErrorMap, type FieldErrors } from '../../ui/field';

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
  const [error, setError] = useState<AppErrorData | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('auth:signIn', { username, password });
    setBusy(false);
    setPassword('');
    if (result.ok) onSignedIn(result.value, username.trim());
    else if (result.error.code === 'VALIDATION_FAILED') {
      setError(null);
      setFieldErrors(fieldErrorMap(result.error.details?.fields));
    } else {
      setFieldErrors({});
      setError(result.error);
    }
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

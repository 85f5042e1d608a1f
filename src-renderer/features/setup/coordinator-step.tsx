/**
 * The first coordinator's step, shared by the school set-up wizard and the
 * municipality / state one: the account form (password twice), the
 * mismatch check, saving, and mapping the service's field errors back to
 * the step they belong to ('profile.*' sends the user back to step 1).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../src-shared/domain/roles';
import { firstCoordinatorSchema, PASSWORD_MIN_LENGTH } from '../../../src-shared/domain/staff';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { AppErrorData, Result } from '../../../src-shared/ipc/result';
import { Field, fieldErrorMap, type FieldErrors } from '../../ui/field';
import type { MessageKey } from '../../../src-shared/i18n/index';

export interface CoordinatorAccount {
  displayName: string;
  username: string;
  password: string;
}

type CoordinatorDraft = CoordinatorAccount & { password2: string };

interface CoordinatorStepOptions {
  /** Saves the profile and this account; the result names the signed-in coordinator. */
  save(account: CoordinatorAccount): Promise<Result<{ actor: Actor }>>;
  onDone(actor: Actor, username: string): void;
  setFieldErrors(errors: FieldErrors): void;
  setError(error: AppErrorData | null): void;
  /** Back to step 1, when the service found errors in the profile. */
  backToProfile(): void;
}

/** What is wrong with the account as typed: every field's problem, the password mismatch too. */
export function accountProblems(account: CoordinatorAccount, password2: string): FieldErrors {
  const parsed = firstCoordinatorSchema.safeParse(account);
  const errors = parsed.success ? {} : fieldErrorMap(fieldErrorsFromZod(parsed.error));
  if (account.password !== password2) errors.password2 = 'wizard.password.mismatch';
  return errors;
}

/** The focus on the first field that says what to fix, once React has shown the errors. */
function focusFirstInvalid(): void {
  window.setTimeout(() => document.querySelector<HTMLElement>('.wizard [aria-invalid="true"]')?.focus(), 0);
}

export function useCoordinatorStep({ save, onDone, setFieldErrors, setError, backToProfile }: CoordinatorStepOptions) {
  const [coordinator, setCoordinator] = useState<CoordinatorDraft>({ displayName: '', username: '', password: '', password2: '' });
  const [saving, setSaving] = useState(false);

  async function finish(event: FormEvent) {
    event.preventDefault();
    // Every problem at once (a short password and a mismatch together), before asking the service.
    const { password2, ...typed } = coordinator;
    const found = accountProblems(typed, password2);
    if (Object.keys(found).length > 0) {
      setError(null);
      setFieldErrors(found);
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    const result = await save(typed);
    setSaving(false);
    if (result.ok) {
      onDone(result.value.actor, typed.username.trim());
      return;
    }
    const fields = result.error.details?.fields ?? [];
    if (result.error.code === 'VALIDATION_FAILED' && fields.length > 0) {
      const under = (prefix: string) => fields.filter((f) => f.path.startsWith(prefix)).map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
      const profileErrors = under('profile.');
      setError(null);
      if (profileErrors.length > 0) {
        setFieldErrors(fieldErrorMap(profileErrors));
        backToProfile();
      } else {
        setFieldErrors(fieldErrorMap(under('coordinator.')));
        focusFirstInvalid();
      }
    } else {
      setError(result.error);
    }
  }

  return { coordinator, setCoordinator, saving, finish };
}

interface CoordinatorStepProps {
  step: ReturnType<typeof useCoordinatorStep>;
  /** The translation key of the paragraph above the form. */
  introKey: MessageKey;
  fieldErrors: FieldErrors;
  onBack(): void;
}

export function CoordinatorStep({ step, introKey, fieldErrors, onBack }: CoordinatorStepProps) {
  const { t } = useTranslation();
  const { coordinator, setCoordinator, saving, finish } = step;
  return (
    <form onSubmit={finish} noValidate>
      <p>{t(introKey)}</p>
      <Field label={t('wizard.displayName')} errorKey={fieldErrors.displayName}>
        <input value={coordinator.displayName} onChange={(e) => setCoordinator({ ...coordinator, displayName: e.target.value })} autoComplete="name" />
      </Field>
      <Field label={t('signin.username')} hint={t('wizard.username.hint')} errorKey={fieldErrors.username}>
        <input
          value={coordinator.username}
          onChange={(e) => setCoordinator({ ...coordinator, username: e.target.value })}
          autoComplete="username"
          spellCheck={false}
        />
      </Field>
      <Field label={t('signin.password')} hint={t('wizard.password.hint', { min: PASSWORD_MIN_LENGTH })} errorKey={fieldErrors.password}>
        <input
          type="password"
          value={coordinator.password}
          onChange={(e) => setCoordinator({ ...coordinator, password: e.target.value })}
          autoComplete="new-password"
        />
      </Field>
      <Field label={t('wizard.password2')} errorKey={fieldErrors.password2}>
        <input
          type="password"
          value={coordinator.password2}
          onChange={(e) => setCoordinator({ ...coordinator, password2: e.target.value })}
          autoComplete="new-password"
        />
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onBack}>
          {t('wizard.back')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {t('wizard.finish')}
        </button>
      </div>
    </form>
  );
}

/**
 * First run for a municipality or the state. The school set-up wizard
 * (features/setup) asks first which kind of organisation will use the app
 * (`OrgKindChoice`); for a municipality or the state it hands over to
 * `AuthoritySetupWizard`: step 1 the kind again and, for a municipality,
 * which one (from the shipped list: its id follows from the name, so the
 * schools' settings already point to it); step 2 the first coordinator.
 * 'org:setUpAuthority' saves both, makes the keys and signs the coordinator in.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STATE_ORG_NAME } from '../../../src-shared/domain/exchange';
import { ORG_MODES, type Municipality, type OrgMode } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/domain/staff';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { call } from '../../api/client';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, fieldErrorMap, type FieldErrors } from '../../ui/field';
import '../exchange/exchange.css';

/** Which kind of organisation this installation is for (school first, the usual case). */
export function OrgKindChoice({ value, onChange }: { value: OrgMode; onChange(kind: OrgMode): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="kind-choice">
      <legend>{t('muni.setup.kindLegend')}</legend>
      {ORG_MODES.map((kind) => (
        <div key={kind} className="kind-option">
          <input
            id={`org-kind-${kind}`}
            type="radio"
            name="org-kind"
            value={kind}
            checked={value === kind}
            onChange={() => {
              onChange(kind);
              // The wizard may swap forms (school / authority): keep the focus on the chosen option.
              window.setTimeout(() => document.getElementById(`org-kind-${kind}`)?.focus(), 0);
            }}
            aria-describedby={`org-kind-hint-${kind}`}
          />
          <label htmlFor={`org-kind-${kind}`}>{t(`muni.setup.kind.${kind}`)}</label>
          <small id={`org-kind-hint-${kind}`}>{t(`muni.setup.kindHint.${kind}`)}</small>
        </div>
      ))}
    </fieldset>
  );
}

interface AuthoritySetupProps {
  kind: Exclude<OrgMode, 'school'>;
  onKindChange(kind: OrgMode): void;
  municipalities: readonly Municipality[];
  onDone(actor: Actor, username: string): void;
}

type Step = 'profile' | 'coordinator';

export function AuthoritySetupWizard({ kind, onKindChange, municipalities, onDone }: AuthoritySetupProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('profile');
  const [municipality, setMunicipality] = useState('');
  const [coordinator, setCoordinator] = useState({ displayName: '', username: '', password: '', password2: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  function goTo(next: Step) {
    setStep(next);
    window.setTimeout(() => heading.current?.focus(), 0);
  }

  function next(event: FormEvent) {
    event.preventDefault();
    if (kind === 'municipality' && municipality === '') {
      setFieldErrors({ municipality: 'errors.field.required' });
      return;
    }
    setFieldErrors({});
    goTo('coordinator');
  }

  async function finish(event: FormEvent) {
    event.preventDefault();
    if (coordinator.password !== coordinator.password2) {
      setFieldErrors({ password2: 'wizard.password.mismatch' });
      return;
    }
    setSaving(true);
    const { password2: _again, ...account } = coordinator;
    const profile = kind === 'municipality' ? { mode: kind, municipality } : { mode: kind };
    const result = await call('org:setUpAuthority', { profile, coordinator: account });
    setSaving(false);
    if (result.ok) {
      onDone(result.value.actor, account.username.trim());
      return;
    }
    const fields = result.error.details?.fields ?? [];
    if (result.error.code === 'VALIDATION_FAILED' && fields.length > 0) {
      setError(null);
      const profileErrors = fields.filter((f) => f.path.startsWith('profile.')).map((f) => ({ ...f, path: f.path.slice('profile.'.length) }));
      if (profileErrors.length > 0) {
        setFieldErrors(fieldErrorMap(profileErrors));
        goTo('profile');
      } else {
        setFieldErrors(fieldErrorMap(fields.filter((f) => f.path.startsWith('coordinator.')).map((f) => ({ ...f, path: f.path.slice('coordinator.'.length) }))));
      }
    } else {
      setError(result.error);
    }
  }

  const title = kind === 'municipality' ? 'muni.setup.titleMunicipality' : 'muni.setup.titleState';
  return (
    <section className="card narrow wizard" aria-labelledby="setup-title">
      <p className="wizard-step">{t('wizard.step', { step: step === 'profile' ? 1 : 2, total: 2 })}</p>
      <ol className="wizard-steps">
        <li aria-current={step === 'profile' ? 'step' : undefined}>{t('muni.setup.stepProfile')}</li>
        <li aria-current={step === 'coordinator' ? 'step' : undefined}>{t('wizard.step.coordinator')}</li>
      </ol>
      <h1 id="setup-title" ref={heading} tabIndex={-1}>
        {step === 'profile' ? t(title) : t('wizard.coordinator.title')}
      </h1>
      {error ? <ErrorBanner error={error} /> : null}
      {step === 'profile' ? (
        <form onSubmit={next} noValidate>
          <OrgKindChoice value={kind} onChange={onKindChange} />
          {kind === 'municipality' ? (
            <>
              <p>{t('muni.setup.introMunicipality')}</p>
              <Field label={t('setup.municipality')} errorKey={fieldErrors.municipality}>
                <select name="municipality" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
                  <option value="">{t('setup.municipality.choose')}</option>
                  {municipalities.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          ) : (
            <p>{t('muni.setup.introState', { name: STATE_ORG_NAME })}</p>
          )}
          <button type="submit" className="primary">
            {t('wizard.next')}
          </button>
        </form>
      ) : (
        <form onSubmit={finish} noValidate>
          <p>{t('muni.setup.coordinatorIntro')}</p>
          <Field label={t('wizard.displayName')} errorKey={fieldErrors.displayName}>
            <input value={coordinator.displayName} onChange={(e) => setCoordinator({ ...coordinator, displayName: e.target.value })} autoComplete="name" />
          </Field>
          <Field label={t('signin.username')} hint={t('wizard.username.hint')} errorKey={fieldErrors.username}>
            <input value={coordinator.username} onChange={(e) => setCoordinator({ ...coordinator, username: e.target.value })} autoComplete="username" spellCheck={false} />
          </Field>
          <Field label={t('signin.password')} hint={t('wizard.password.hint', { min: PASSWORD_MIN_LENGTH })} errorKey={fieldErrors.password}>
            <input type="password" value={coordinator.password} onChange={(e) => setCoordinator({ ...coordinator, password: e.target.value })} autoComplete="new-password" />
          </Field>
          <Field label={t('wizard.password2')} errorKey={fieldErrors.password2}>
            <input type="password" value={coordinator.password2} onChange={(e) => setCoordinator({ ...coordinator, password2: e.target.value })} autoComplete="new-password" />
          </Field>
          <div className="form-actions">
            <button type="button" onClick={() => goTo('profile')}>
              {t('wizard.back')}
            </button>
            <button type="submit" className="primary" disabled={saving}>
              {t('wizard.finish')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

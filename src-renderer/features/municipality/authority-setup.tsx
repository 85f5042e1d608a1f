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
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, type FieldErrors } from '../../ui/field';
import { callChecked } from '../../ui/use-api';
import { CoordinatorStep, useCoordinatorStep } from '../setup/coordinator-step';
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
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorData | null>(null);
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

  const coordinatorStep = useCoordinatorStep({
    save: (coordinator) => callChecked('org:setUpAuthority', { profile: kind === 'municipality' ? { mode: kind, municipality } : { mode: kind }, coordinator }),
    onDone,
    setFieldErrors,
    setError,
    backToProfile: () => goTo('profile'),
  });

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
      {error ? <ErrorBanner error={error} takeFocus={step === 'coordinator'} /> : null}
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
        <CoordinatorStep step={coordinatorStep} introKey="muni.setup.coordinatorIntro" fieldErrors={fieldErrors} onBack={() => goTo('profile')} />
      )}
    </section>
  );
}

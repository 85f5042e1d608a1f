/**
 * First run, in two steps: the school's profile, then the first coordinator's
 * account (password twice). 'org:setUp' saves both at once and signs the
 * coordinator in. The profile is checked with the same schema the service
 * uses before moving on, so a bad registration number is shown on step 1.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, schoolProfileInputSchema, type OrgMode, type SchoolType } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, fieldErrorMap, type FieldErrors } from '../../ui/field';
import { callChecked, useLoad } from '../../ui/use-api';
import { AuthoritySetupWizard, OrgKindChoice } from '../municipality/authority-setup';
import { CoordinatorStep, useCoordinatorStep } from './coordinator-step';

interface SetupWizardProps {
  onDone(actor: Actor, username: string): void;
}

type Step = 'profile' | 'coordinator';

export function SetupWizard({ onDone }: SetupWizardProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('profile');
  const catalogue = useLoad('catalog:municipalities', {});
  const municipalities = catalogue.data ?? [];
  const [profile, setProfile] = useState({ name: '', regNo: '', municipality: '', schoolType: 'general' as SchoolType });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  /** A school (this wizard), or a municipality or the state (features/municipality). */
  const [kind, setKind] = useState<OrgMode>('school');

  function goTo(next: Step) {
    setStep(next);
    // The new step's heading takes the focus, so screen readers announce it.
    window.setTimeout(() => heading.current?.focus(), 0);
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const parsed = schoolProfileInputSchema.safeParse(profile);
    if (!parsed.success) {
      setFieldErrors(fieldErrorMap(fieldErrorsFromZod(parsed.error)));
      return;
    }
    setFieldErrors({});
    goTo('coordinator');
  }

  const coordinatorStep = useCoordinatorStep({
    // The coordinator step maps the profile's and the account's field errors to their steps itself, so it takes the Result.
    save: (coordinator) => callChecked('org:setUp', { profile, coordinator }),
    onDone,
    setFieldErrors,
    setError,
    backToProfile: () => goTo('profile'),
  });

  if (kind !== 'school') return <AuthoritySetupWizard kind={kind} onKindChange={setKind} municipalities={municipalities} onDone={onDone} />;
  const stepNumber = step === 'profile' ? 1 : 2;
  const shownError = error ?? catalogue.error;
  return (
    <section className="card narrow wizard" aria-labelledby="setup-title">
      <p className="wizard-step">{t('wizard.step', { step: stepNumber, total: 2 })}</p>
      <ol className="wizard-steps">
        <li aria-current={step === 'profile' ? 'step' : undefined}>{t('wizard.step.profile')}</li>
        <li aria-current={step === 'coordinator' ? 'step' : undefined}>{t('wizard.step.coordinator')}</li>
      </ol>
      <h1 id="setup-title" ref={heading} tabIndex={-1}>
        {step === 'profile' ? t('setup.title') : t('wizard.coordinator.title')}
      </h1>
      {shownError ? <ErrorBanner error={shownError} takeFocus={step === 'coordinator'} /> : null}
      {step === 'profile' ? (
        <form onSubmit={next} noValidate>
          <OrgKindChoice value={kind} onChange={setKind} />
          <p>{t('setup.intro')}</p>
          <Field label={t('setup.name')} errorKey={fieldErrors.name}>
            <input name="name" value={profile.name} onChange={(e) => setProfile({ ...profile, name: e.target.value })} autoComplete="organization" />
          </Field>
          <Field label={t('setup.regNo')} hint={t('setup.regNo.hint')} errorKey={fieldErrors.regNo}>
            <input name="regNo" value={profile.regNo} onChange={(e) => setProfile({ ...profile, regNo: e.target.value })} inputMode="numeric" />
          </Field>
          <Field label={t('setup.municipality')} errorKey={fieldErrors.municipality}>
            <select name="municipality" value={profile.municipality} onChange={(e) => setProfile({ ...profile, municipality: e.target.value })}>
              <option value="">{t('setup.municipality.choose')}</option>
              {municipalities.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('setup.schoolType')} errorKey={fieldErrors.schoolType}>
            <select name="schoolType" value={profile.schoolType} onChange={(e) => setProfile({ ...profile, schoolType: e.target.value as SchoolType })}>
              {SCHOOL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`schoolType.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="primary">
            {t('wizard.next')}
          </button>
        </form>
      ) : (
        <CoordinatorStep step={coordinatorStep} introKey="wizard.coordinator.intro" fieldErrors={fieldErrors} onBack={() => goTo('profile')} />
      )}
    </section>
  );
}

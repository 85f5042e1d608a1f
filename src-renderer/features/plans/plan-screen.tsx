/**
 * The plan editor: goals, support measures (each tied to risks present in
 * the screening), the consent, and the lifecycle actions. A draft is edited
 * here by those who may write plans; everyone else, and every plan past the
 * draft, reads it. Problems found by the form or by the service are shown
 * next to their fields and listed at the top, each a button to its field.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Semester } from '../../../src-shared/domain/calendar';
import { acceptsDeliveries, acceptsEvaluation, isEditable, type UserPlanAction } from '../../../src-shared/domain/plan-lifecycle';
import { CONSENT_RELATIONS, type PlanView, type WaitingPlan } from '../../../src-shared/domain/plan';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { readinessChecklist, submissionProblems } from '../../../src-shared/domain/plan-readiness';
import type { ScreeningFactor } from '../../../src-shared/domain/screening';
import type { Student } from '../../../src-shared/domain/student';
import { paths, type RouteProps } from '../../paths';
import { useConfirm } from '../../ui/confirm';
import { DateInput, dateTextToIso, isoToDateText } from '../../ui/date-input';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, useFieldMessage, type FieldErrors, type FieldMessage } from '../../ui/field';
import { useClassLabel, useSemesterLabel } from '../../ui/labels';
import { LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useUnsavedChangesGuard } from '../../ui/unsaved-changes';
import { callChecked, useLoad, useSubmit } from '../../ui/use-api';
import { sortWaiting } from '../../ui/waiting-sort';
import { useFocusFirstError, useKeepFocusAbove } from '../../ui/form-utils';
import { PlanDecisionsPanel } from '../../ui/authority';
import { MeasureEditor } from './measure-editor';
import { PlanActions, type ReadinessItem } from './plan-actions';
import { emptyMeasure, formOf, toUpdateInput, type MeasureForm, type PlanForm } from './plan-form';
import { PlanHistory } from './plan-history';
import { ACTION_KEYS, CONSENT_RELATION_KEYS, tidyFieldErrors } from '../../ui/plan-labels';
import { PlanReadView } from './plan-read-view';
import './work.css';
import type { MessageKey } from '../../../src-shared/i18n/index';

export default function PlanScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const loaded = useLoad('plans:get', { planId: params.id ?? '' });
  return (
    <LoadGate loaded={loaded} title={t('plans.title')} breadcrumbs={<Link to={paths.students()}>← {t('plans.backToStudents')}</Link>}>
      {(plan) => <PlanWorkspace initial={plan} />}
    </LoadGate>
  );
}

function PlanWorkspace({ initial }: { initial: PlanView }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const [confirmDialog, confirm] = useConfirm();
  const [plan, setPlan] = useState(initial);
  const [form, setForm] = useState<PlanForm>(() => formOf(initial));
  const [dirty, setDirty] = useState(false);
  const saveBar = useRef<HTMLDivElement>(null);
  useKeepFocusAbove(saveBar);
  // The form as last loaded or saved: leaving asks only when the form differs from it.
  const [savedForm, setSavedForm] = useState(form);
  const focusFirstError = useFocusFirstError();
  // Saving, the lifecycle actions and deleting share one submitter: the service's field errors and the form's own checks are shown alike.
  const { submit, busy, fieldErrors: errors, setFieldErrors: setErrors } = useSubmit({ onFieldErrors: focusFirstError });
  /** After approving or returning: the next plan waiting for this director (null: none is left). */
  const [nextToApprove, setNextToApprove] = useState<WaitingPlan | null | undefined>(undefined);
  const saveButton = useRef<HTMLButtonElement>(null);
  // The save button is disabled while saving, which drops its focus to <body>: once it is
  // enabled again, give the focus back (unless it went on, e.g. to the first field to fix).
  useEffect(() => {
    if (!busy && (document.activeElement === document.body || document.activeElement === null)) saveButton.current?.focus();
  }, [busy]);
  const student = useLoad('students:get', { id: plan.studentId });
  const screening = useLoad('screening:get', { studentId: plan.studentId, semesterId: plan.semesterId });
  const kinds = useLoad('measureKinds:list', {});
  const staff = useLoad('staff:list', {});
  const calendar = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const projects = useLoad('decisions:receivedProjects', {}, { enabled: session.organisation.mode === 'school' });
  const editable = isEditable(plan.status) && session.can('plan.write');
  const semester: Semester | undefined = calendar.data?.flatMap((y) => y.semesters).find((s) => s.id === plan.semesterId);
  const today = current.data?.today ?? '';

  const factors = useMemo(() => screening.data?.factors ?? [], [screening.data]);
  // Offered risks: those present now, and any a measure already names.
  const risks = useMemo(() => {
    const linked = new Set(form.measures.flatMap((m) => m.riskFactorIds));
    return factors.filter((f) => f.answer === 'present' || linked.has(f.id));
  }, [factors, form.measures]);
  const shownErrors = tidyFieldErrors(errors);
  const unsavedDialog = useUnsavedChangesGuard(editable && dirty && JSON.stringify(form) !== JSON.stringify(savedForm));

  function replacePlan(next: PlanView) {
    const nextForm = formOf(next);
    setPlan(next);
    setForm(nextForm);
    setSavedForm(nextForm);
    setDirty(false);
  }

  function edit(patch: Partial<PlanForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  }

  function editMeasure(index: number, patch: Partial<MeasureForm>) {
    setForm((f) => ({ ...f, measures: f.measures.map((m, i) => (i === index ? { ...m, ...patch } : m)) }));
    setDirty(true);
  }

  function addMeasure() {
    const start = semester ? (today >= semester.startsOn && today <= semester.endsOn ? today : semester.startsOn) : '';
    const measure = emptyMeasure(isoToDateText(start), isoToDateText(semester?.endsOn));
    const index = form.measures.length;
    setForm((f) => ({ ...f, measures: [...f.measures, measure] }));
    setDirty(true);
    window.requestAnimationFrame(() => document.querySelector<HTMLSelectElement>(`[data-testid="measure-${index}"] select`)?.focus());
  }

  async function save(): Promise<PlanView | null> {
    const { input, errors: found } = toUpdateInput(plan, form, kinds.data ?? []);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstError();
      return null;
    }
    const updated = await submit('plans:update', input);
    if (!updated) return null;
    replacePlan(updated);
    return updated;
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (await save()) toast.success(t('plans.saved'));
  }

  async function act(action: UserPlanAction, comment: string): Promise<FieldMessage | null> {
    let base = plan;
    if (editable && dirty) {
      const saved = await save();
      if (!saved) return null;
      base = saved;
    }
    let commentProblem: FieldMessage | null = null;
    const moved = await submit(
      'plans:transition',
      { planId: base.id, version: base.version, action, comment },
      {
        // A problem with the comment is shown in the action's dialog, which stays open.
        handle: (error) => {
          const problem = error.details?.fields?.find((f) => f.path === 'comment');
          if (!problem) return false;
          commentProblem = problem.params ? { messageKey: problem.messageKey, params: problem.params } : problem.messageKey;
          return true;
        },
      },
    );
    if (moved) {
      if (action === 'approve' || action === 'return') {
        // Best effort: without the list the screen just offers no next plan (a failure is not the action's).
        const waiting = await callChecked('plans:listWaiting', {});
        const next = waiting.ok
          ? sortWaiting(
              waiting.value.filter((p) => p.reason === 'toApprove' && p.id !== base.id),
              'sentAt',
              'asc',
            )[0]
          : undefined;
        setNextToApprove(next ?? null);
      }
      replacePlan(moved);
      toast.success(t(ACTION_KEYS[action].done));
      return null;
    }
    return commentProblem;
  }

  async function remove() {
    const yes = await confirm({
      title: t('plans.delete.title'),
      body: t('plans.delete.body', { code: plan.code }),
      confirmLabel: t('plans.delete'),
      danger: true,
    });
    if (!yes) return;
    const deleted = await submit('plans:delete', { planId: plan.id, version: plan.version });
    if (!deleted) return;
    toast.success(t('plans.delete.done', { code: plan.code }));
    navigate(paths.student(plan.studentId), { replace: true });
  }

  const readiness: ReadinessItem[] | null = editable ? readinessOf(form, factors, student.data?.birthDate ?? null, today) : null;
  const s = student.data;
  const loadError = student.error ?? screening.error ?? kinds.error ?? staff.error;

  return (
    <Page
      title={t('plans.titleWithCode', { code: plan.code })}
      subtitle={s ? `${s.lastName} ${s.firstName} · ${classLabel(s)} · ${semesterLabel(plan.semesterId)}` : semesterLabel(plan.semesterId)}
      breadcrumbs={<Link to={paths.student(plan.studentId)}>← {t('plans.backToStudent')}</Link>}
      actions={
        <>
          {acceptsDeliveries(plan.status) || plan.status === 'underReview' || plan.status === 'suspended' || plan.status === 'inactive' ? (
            <Link className="button" to={paths.deliveries(plan.id)}>
              {t('plans.link.deliveries')}
            </Link>
          ) : null}
          {acceptsEvaluation(plan.status) || plan.status === 'inactive' ? (
            <Link className="button" to={paths.semesterEnd(plan.id)}>
              {t('plans.link.semesterEnd')}
            </Link>
          ) : null}
          <Link className="button" to={paths.printPlan(plan.id)}>
            {t('plans.link.print')}
          </Link>
        </>
      }
    >
      {loadError ? <ErrorBanner error={loadError} /> : null}
      <div className="workspace">
        <div className="workspace-main">
          {Object.keys(shownErrors).length > 0 ? <ErrorSummary errors={shownErrors} /> : null}
          <RisksFound factors={factors} studentId={plan.studentId} semesterId={plan.semesterId} screened={Boolean(screening.data?.id)} />
          {editable && s ? (
            <form onSubmit={onSave} noValidate aria-label={t('plans.form')}>
              <PlanEditorFields
                form={form}
                errors={shownErrors}
                risks={risks}
                student={s}
                today={today}
                kinds={kinds.data ?? []}
                staff={staff.data ?? []}
                projects={projects.data ?? []}
                onEdit={edit}
                onEditMeasure={editMeasure}
                onAddMeasure={addMeasure}
                onRemoveMeasure={(index) => {
                  setForm((f) => ({ ...f, measures: f.measures.filter((_, i) => i !== index) }));
                  setDirty(true);
                  setErrors({});
                }}
              />
              <div className="form-actions sticky-actions" ref={saveBar}>
                <button type="submit" className="primary" disabled={busy} ref={saveButton}>
                  {t('plans.save')}
                </button>
                {dirty ? (
                  <span className="unsaved" role="status">
                    {t('plans.unsaved')}
                  </span>
                ) : null}
              </div>
            </form>
          ) : (
            <PlanReadView plan={plan} kinds={kinds.data ?? []} staff={staff.data ?? []} factors={factors} projects={projects.data ?? []} />
          )}
        </div>
        <aside className="workspace-side">
          {session.organisation.mode === 'school' ? <PlanDecisionsPanel key={plan.version} planId={plan.id} kinds={kinds.data ?? []} /> : null}
          <PlanActions
            plan={plan}
            readiness={readiness}
            busy={busy}
            onAction={act}
            note={editable && dirty && plan.allowedActions.length > 0 ? t('plans.status.savesFirst') : undefined}
            after={
              nextToApprove === undefined ? null : nextToApprove ? (
                <p className="next-plan">
                  <Link to={paths.plan(nextToApprove.id)} className="button primary" data-focus-after-action="">
                    {t('plans.nextToApprove', { name: nextToApprove.studentName, code: nextToApprove.code })}
                  </Link>
                </p>
              ) : (
                <p className="muted">{t('plans.nextToApprove.none')}</p>
              )
            }
          />
          {plan.deletable ? (
            <p>
              <button type="button" className="danger" onClick={() => void remove()}>
                {t('plans.delete')}
              </button>
            </p>
          ) : null}
          <PlanHistory plan={plan} staff={staff.data ?? []} />
        </aside>
      </div>
      {confirmDialog}
      {unsavedDialog}
    </Page>
  );
}

/**
 * What submitting would refuse, ticked off live: the shared rule
 * (src-shared/domain/plan-readiness.ts, the one the service applies) over the
 * form as it is now. A measure without a kind cannot even be saved, so the
 * form adds that to "measures complete".
 */
function readinessOf(form: PlanForm, factors: readonly ScreeningFactor[], studentBirthDate: string | null, today: string): ReadinessItem[] {
  const consentOn = dateTextToIso(form.consentOn);
  const consent =
    form.consentRelation !== '' && consentOn !== null && consentOn !== 'invalid' ? { by: form.consentBy, relation: form.consentRelation, on: consentOn } : null;
  const problems = submissionProblems({
    goals: form.goals,
    consent,
    studentBirthDate,
    measures: form.measures,
    presentRiskFactorIds: new Set(factors.filter((f) => f.answer === 'present').map((f) => f.id)),
    // Until the school's date is loaded, the computer's.
    today: today || localDay(new Date()),
  });
  return readinessChecklist(problems).map(({ item, ok }) => ({
    key: `plans.readiness.${item}` as const,
    ok: ok && (item !== 'measuresComplete' || form.measures.every((m) => m.kindCode !== '')),
  }));
}

/** The risks found in the semester's screening, with their justifications: what the plan answers. */
function RisksFound({
  factors,
  studentId,
  semesterId,
  screened,
}: {
  factors: readonly ScreeningFactor[];
  studentId: string;
  semesterId: string;
  screened: boolean;
}) {
  const { t, i18n } = useTranslation();
  const present = factors.filter((f) => f.answer === 'present');
  return (
    <section className="card" aria-labelledby="plan-risks-title">
      <h2 id="plan-risks-title">{t('plans.risks')}</h2>
      {present.length === 0 ? <p className="muted">{screened ? t('plans.risks.none') : t('plans.new.noScreening')}</p> : null}
      {present.length > 0 ? (
        <ul className="risk-list">
          {present.map((f) => (
            <li key={f.id}>
              <span className={`chip chip-${f.group}`}>{t(`riskGroup.short.${f.group}`)}</span>{' '}
              <strong>{i18n.language === 'en' ? f.labelEn : f.labelLv}</strong>
              {f.justification ? <span className="muted"> — {f.justification}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="card-links">
        <Link to={paths.screening(studentId, semesterId)}>{t('plans.risks.openScreening')}</Link>
      </p>
    </section>
  );
}

function PlanEditorFields({
  form,
  errors,
  risks,
  student,
  today,
  kinds,
  staff,
  projects,
  onEdit,
  onEditMeasure,
  onAddMeasure,
  onRemoveMeasure,
}: {
  form: PlanForm;
  errors: FieldErrors;
  risks: readonly ScreeningFactor[];
  student: Student;
  today: string;
  kinds: Parameters<typeof MeasureEditor>[0]['kinds'];
  staff: Parameters<typeof MeasureEditor>[0]['staff'];
  projects: Parameters<typeof MeasureEditor>[0]['projects'];
  onEdit(patch: Partial<PlanForm>): void;
  onEditMeasure(index: number, patch: Partial<MeasureForm>): void;
  onAddMeasure(): void;
  onRemoveMeasure(index: number): void;
}) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  return (
    <>
      <section className="card" aria-labelledby="plan-goals-edit">
        <h2 id="plan-goals-edit">{t('plans.goals')}</h2>
        <div data-path="goals">
          <Field label={t('plans.goals.label')} hint={t('plans.goals.hint')} errorKey={errors.goals} required>
            <textarea rows={4} value={form.goals} onChange={(e) => onEdit({ goals: e.target.value })} />
          </Field>
        </div>
      </section>

      <section className="card measures" aria-labelledby="plan-measures-edit">
        <h2 id="plan-measures-edit">{t('plans.measures')}</h2>
        <p className="muted">{t('plans.measures.hint')}</p>
        {form.measures.map((m, i) => (
          <MeasureEditor
            key={m.key}
            index={i}
            measure={m}
            kinds={kinds}
            staff={staff}
            projects={projects}
            risks={risks}
            errors={errors}
            onChange={(patch) => onEditMeasure(i, patch)}
            onRemove={() => onRemoveMeasure(i)}
          />
        ))}
        {errors.measures ? (
          <p className="field-error" role="alert">
            {message(errors.measures)}
          </p>
        ) : null}
        <div data-path="measures">
          <button type="button" onClick={onAddMeasure}>
            + {t('plans.measure.add')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="plan-consent-edit">
        <h2 id="plan-consent-edit">{t('plans.consent')}</h2>
        <p className="muted">{t('plans.consent.hint')}</p>
        {errors.consent ? (
          <p className="field-error" role="alert">
            {message(errors.consent)}
          </p>
        ) : null}
        {student.guardians.length > 0 ? (
          <p className="card-links">
            {student.guardians.map((g) => (
              <button
                key={g.id}
                type="button"
                className="link-button"
                onClick={() =>
                  onEdit({
                    consentBy: g.name,
                    consentRelation: g.relation,
                    ...(form.consentOn.trim() === '' && today ? { consentOn: isoToDateText(today) } : {}),
                  })
                }
              >
                {t('plans.consent.fromGuardian', { name: g.name })}
              </button>
            ))}
          </p>
        ) : null}
        <div className="form-grid">
          <div data-path="consent.by">
            <Field label={t('plans.consent.by')} hint={t('plans.consent.by.hint')} errorKey={errors['consent.by']} required>
              <input value={form.consentBy} onChange={(e) => onEdit({ consentBy: e.target.value })} autoComplete="off" />
            </Field>
          </div>
          <div data-path="consent.relation">
            <Field label={t('plans.consent.relation')} errorKey={errors['consent.relation']} required>
              <select value={form.consentRelation} onChange={(e) => onEdit({ consentRelation: e.target.value as PlanForm['consentRelation'] })}>
                <option value="">{t('plans.choose')}</option>
                {CONSENT_RELATIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(CONSENT_RELATION_KEYS[r])}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div data-path="consent.on">
            <Field label={t('plans.consent.on')} errorKey={errors['consent.on']} required>
              <DateInput value={form.consentOn} onChange={(v) => onEdit({ consentOn: v })} />
            </Field>
          </div>
        </div>
      </section>
    </>
  );
}

const FIELD_LABELS: Record<string, MessageKey> = {
  kindCode: 'plans.measure.kind',
  plannedMinutes: 'plans.measure.minutes',
  plannedCents: 'plans.measure.euros',
  responsibleId: 'plans.measure.responsible',
  startsOn: 'plans.measure.startsOn',
  endsOn: 'plans.measure.endsOn',
  justification: 'plans.measure.justification',
  riskFactorIds: 'plans.measure.risks',
  youthProjectId: 'schoolDecisions.youthProject',
  id: 'plans.measure.kind',
};

/** Every problem in one list at the top, each a button that takes the focus to its field. */
function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const where = (path: string): string => {
    if (path === 'goals') return t('plans.goals');
    if (path === 'consent') return t('plans.consent');
    if (path === 'consent.by') return t('plans.consent.by');
    if (path === 'consent.relation') return t('plans.consent.relation');
    if (path === 'consent.on') return t('plans.consent.on');
    if (path === 'measures') return t('plans.measures');
    const m = /^measures\.(\d+)\.(\w+)$/.exec(path);
    if (m) return `${t('plans.measure.n', { n: Number(m[1]) + 1 })}: ${t(FIELD_LABELS[m[2] as string] ?? 'plans.measures')}`;
    return '';
  };
  const focus = (path: string) => {
    const target = path === 'consent' ? 'consent.by' : path;
    const box = document.querySelector<HTMLElement>(`[data-path="${target}"]`);
    const input = box?.matches('input, select, textarea, button') ? box : box?.querySelector<HTMLElement>('input, select, textarea, button');
    box?.scrollIntoView({ block: 'center' });
    input?.focus({ preventScroll: true });
  };
  return (
    <div className="error-summary" role="alert" aria-labelledby="plan-error-summary">
      <h2 id="plan-error-summary">{t('plans.errors.title')}</h2>
      <ul>
        {Object.entries(errors).map(([path, error]) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => focus(path)}>
              {where(path) ? `${where(path)}: ` : ''}
              {message(error)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

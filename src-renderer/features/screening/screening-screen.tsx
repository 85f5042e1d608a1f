/**
 * The screening form: for one student in one semester, each risk factor of
 * the catalogue is present, absent or unknown (a native radio group per
 * factor: Tab moves between factors, the arrow keys choose). A present
 * factor needs a justification. Each group shows a live count, and the side
 * panel shows the overall level with the configured rule's reasons, worked
 * out as the answers change (the same pure rule the service uses).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { DEFAULT_RISK_LEVEL_RULE } from '../../../src-shared/domain/risk-level';
import {
  levelOfScreening,
  SCREENING_GROUPS,
  summarizeByGroup,
  type Answer,
  type ScreeningFactor,
  type ScreeningGroup,
  type ScreeningView,
} from '../../../src-shared/domain/screening';
import type { Student } from '../../../src-shared/domain/student';
import { paths, type RouteProps } from '../../paths';
import { DateInput, dateTextToIso, isoToDateText } from '../../ui/date-input';
import { Field, useFieldMessage, type FieldErrors } from '../../ui/field';
import { useClassLabel, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { bothLoaded, LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useUnsavedChangesGuard } from '../../ui/unsaved-changes';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useFocusFirstError } from '../../ui/form-utils';
import { useJournalSuggestions } from '../journal/screening-suggestions';
import { ANSWER_LABEL_KEYS, RiskLevelPanel } from './risk-level-panel';
import '../plans/work.css';

export default function ScreeningScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const studentId = params.id ?? '';
  const semesterId = params.semesterId ?? '';
  const student = useLoad('students:get', { id: studentId });
  const screening = useLoad('screening:get', { studentId, semesterId });
  return (
    <LoadGate
      loaded={bothLoaded(student, screening)}
      title={t('screening.title')}
      breadcrumbs={<Link to={paths.student(studentId)}>← {t('screening.backToStudent')}</Link>}
    >
      {([s, view]) => <ScreeningForm student={s} initial={view} />}
    </LoadGate>
  );
}

interface AnswerState {
  answer: Answer;
  justification: string;
}

function answersOf(view: ScreeningView): Record<string, AnswerState> {
  return Object.fromEntries(view.factors.map((f) => [f.id, { answer: f.answer, justification: f.justification }]));
}

function ScreeningForm({ student, initial }: { student: Student; initial: ScreeningView }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const message = useFieldMessage();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const rule = useLoad('riskLevel:getRule', {});
  const current = useLoad('calendar:current', {});
  const plans = useLoad('plans:listForStudent', { studentId: student.id });
  const { submit, busy, fieldErrors, setFieldErrors } = useSubmit();
  const [view, setView] = useState(initial);
  const [answers, setAnswers] = useState<Record<string, AnswerState>>(() => answersOf(initial));
  const [screenedOn, setScreenedOn] = useState(isoToDateText(initial.screenedOn));
  const [note, setNote] = useState(initial.note);
  const [dirty, setDirty] = useState(false);
  // The form as last loaded or saved: leaving asks only when the form differs from it.
  const [savedForm, setSavedForm] = useState(() => ({ answers, screenedOn, note }));
  const focusFirstError = useFocusFirstError();
  const editable = session.can('screening.write');
  const unsavedDialog = useUnsavedChangesGuard(editable && dirty && JSON.stringify({ answers, screenedOn, note }) !== JSON.stringify(savedForm));

  // A new screening is dated today unless the person says otherwise.
  const today = current.data?.today;
  useEffect(() => {
    if (today && initial.screenedOn === null) {
      setScreenedOn((text) => text || isoToDateText(today));
      setSavedForm((form) => ({ ...form, screenedOn: form.screenedOn || isoToDateText(today) }));
    }
  }, [today, initial.screenedOn]);

  const factors = useMemo(
    () => view.factors.map((f) => ({ ...f, ...(answers[f.id] ?? { answer: f.answer, justification: f.justification }) })),
    [view, answers],
  );
  const groups = useMemo(() => summarizeByGroup(factors), [factors]);
  const level = useMemo(() => levelOfScreening(groups, rule.data?.rule ?? DEFAULT_RISK_LEVEL_RULE), [groups, rule.data]);
  // Answers go to the service in this order, so `answers.<i>` errors point back at a factor.
  const sent = factors.filter((f) => !f.retired);
  const errorsByFactor: FieldErrors = {};
  sent.forEach((f, i) => {
    for (const field of ['answer', 'justification', 'riskFactorId']) {
      const error = fieldErrors[`answers.${i}.${field}`];
      if (error) errorsByFactor[`${f.id}.${field === 'justification' ? 'justification' : 'answer'}`] = error;
    }
  });
  const plan = plans.data?.find((p) => p.semesterId === view.semesterId) ?? null;
  // E-journal signals of this semester, as ready justifications for the factor each is evidence for.
  const journalSuggestion = useJournalSuggestions(student.id, view.semesterId, editable);

  function change(id: string, patch: Partial<AnswerState>) {
    setAnswers((all) => ({ ...all, [id]: { ...(all[id] as AnswerState), ...patch } }));
    setDirty(true);
  }

  function markUnknownAbsent(group: ScreeningGroup) {
    setAnswers((all) => {
      const next = { ...all };
      for (const f of factors) if (f.group === group && !f.retired && f.answer === 'unknown') next[f.id] = { answer: 'absent', justification: '' };
      return next;
    });
    setDirty(true);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const day = dateTextToIso(screenedOn);
    if (day === 'invalid') {
      setFieldErrors({ screenedOn: 'ui.date.invalid' });
      return;
    }
    // Client-side: a present factor needs a justification (the service says so too).
    const missing: FieldErrors = {};
    sent.forEach((f, i) => {
      if (f.answer === 'present' && f.justification.trim() === '') missing[`answers.${i}.justification`] = 'errors.screening.justificationRequired';
    });
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      focusFirstError();
      return;
    }
    const saved = await submit('screening:save', {
      studentId: student.id,
      semesterId: view.semesterId,
      ...(day ? { screenedOn: day } : {}),
      note,
      answers: sent.map((f) => ({ riskFactorId: f.id, answer: f.answer, justification: f.answer === 'present' ? f.justification : '' })),
      ...(view.version !== null ? { version: view.version } : {}),
    });
    if (saved) {
      setView(saved);
      setAnswers(answersOf(saved));
      setSavedForm({ answers: answersOf(saved), screenedOn, note });
      setDirty(false);
      toast.success(t('screening.saved'));
    } else {
      focusFirstError();
    }
  }

  const title = t('screening.title');
  return (
    <Page
      title={title}
      subtitle={`${student.lastName} ${student.firstName} · ${classLabel(student)} · ${semesterLabel(view.semesterId)}`}
      breadcrumbs={<Link to={paths.student(student.id)}>← {t('screening.backToStudent')}</Link>}
    >
      <form className="screening" onSubmit={save} noValidate>
        <div className="screening-groups">
          {view.id === null ? <p className="muted">{t('screening.notYet')}</p> : null}
          {SCREENING_GROUPS.map((group) => {
            const summary = groups.find((g) => g.group === group);
            const inGroup = factors.filter((f) => f.group === group);
            const headingId = `screening-group-${group}`;
            return (
              <section key={group} className={`card screening-group screening-group-${group}`} aria-labelledby={headingId}>
                <div className="screening-group-head">
                  <h2 id={headingId}>{t(`riskGroup.${group}`)}</h2>
                  <p className="screening-group-summary" data-testid={`summary-${group}`}>
                    {t('screening.groupSummary', { present: summary?.present ?? 0, unknown: summary?.unknown ?? 0, absent: summary?.absent ?? 0 })}
                  </p>
                </div>
                {inGroup.map((factor) => (
                  <FactorRow
                    key={factor.id}
                    factor={factor}
                    editable={editable}
                    answerError={errorsByFactor[`${factor.id}.answer`]}
                    justificationError={errorsByFactor[`${factor.id}.justification`]}
                    onChange={(patch) => change(factor.id, patch)}
                    suggestion={journalSuggestion(factor.id)}
                  />
                ))}
                {editable && inGroup.some((f) => !f.retired && f.answer === 'unknown') ? (
                  <button type="button" className="link-button" onClick={() => markUnknownAbsent(group)}>
                    {t('screening.markRestAbsent')}
                  </button>
                ) : null}
              </section>
            );
          })}
          <section className="card" aria-labelledby="screening-about">
            <h2 id="screening-about">{t('screening.about')}</h2>
            <div className="form-grid">
              <Field label={t('screening.screenedOn')} hint={t('screening.screenedOn.hint')} errorKey={fieldErrors.screenedOn}>
                <DateInput
                  value={screenedOn}
                  onChange={(v) => {
                    setScreenedOn(v);
                    setDirty(true);
                  }}
                  disabled={!editable}
                />
              </Field>
            </div>
            <Field label={t('screening.note')} hint={t('screening.note.hint')} errorKey={fieldErrors.note}>
              <textarea
                rows={3}
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                  setDirty(true);
                }}
                disabled={!editable}
              />
            </Field>
          </section>
        </div>
        <aside className="screening-aside" aria-labelledby="screening-level-title">
          <div className="card sticky-card">
            <RiskLevelPanel level={level} groups={groups} rule={rule.data?.rule ?? DEFAULT_RISK_LEVEL_RULE} titleId="screening-level-title" />
            {view.screenedOn ? <p className="muted">{t('screening.lastSaved', { date: formatDate(view.screenedOn) })}</p> : null}
            {fieldErrors.answers ? (
              <p className="field-error" role="alert">
                {message(fieldErrors.answers)}
              </p>
            ) : null}
            {editable ? (
              <div className="form-actions">
                <button type="submit" className={dirty || view.id === null ? 'primary' : undefined} disabled={busy}>
                  {t('screening.save')}
                </button>
                {dirty ? (
                  <span className="unsaved" role="status">
                    {t('screening.unsaved')}
                  </span>
                ) : null}
              </div>
            ) : (
              <p className="muted">{t('screening.readOnly')}</p>
            )}
            {!dirty && view.id !== null ? (
              <p className="card-links">
                {plan ? (
                  <Link to={paths.plan(plan.id)}>{t('screening.openPlan')}</Link>
                ) : groups.some((g) => g.present > 0) && session.can('plan.write') && student.status === 'active' ? (
                  <Link className="button primary" to={paths.newPlan(student.id, view.semesterId)}>
                    {t('screening.createPlan')}
                  </Link>
                ) : null}
              </p>
            ) : null}
          </div>
        </aside>
      </form>
      {unsavedDialog}
    </Page>
  );
}

function FactorRow({
  factor,
  editable,
  answerError,
  justificationError,
  onChange,
  suggestion,
}: {
  factor: ScreeningFactor;
  /** An e-journal signal worded as a justification, offered in one click. */
  suggestion?: string | undefined;
  editable: boolean;
  answerError: FieldErrors[string] | undefined;
  justificationError: FieldErrors[string] | undefined;
  onChange(patch: Partial<AnswerState>): void;
}) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const message = useFieldMessage();
  const name = `answer-${factor.id}`;
  const disabled = !editable || factor.retired;
  const errorId = `${name}-error`;
  return (
    <fieldset className={`factor factor-${factor.answer}`} aria-describedby={answerError ? errorId : undefined} data-factor={factor.id}>
      <legend>
        {label(factor)}
        {factor.retired ? <span className="muted"> ({t('screening.retired')})</span> : null}
      </legend>
      <div className="factor-answers">
        {(['present', 'absent', 'unknown'] as const).map((answer) => (
          <label key={answer} className={`answer answer-${answer}`}>
            <input type="radio" name={name} value={answer} checked={factor.answer === answer} disabled={disabled} onChange={() => onChange({ answer })} />
            <span>{t(ANSWER_LABEL_KEYS[answer])}</span>
          </label>
        ))}
      </div>
      {suggestion && !disabled && !factor.justification.includes(suggestion) ? (
        <button
          type="button"
          className="link-button journal-use-signal"
          onClick={() =>
            onChange({ answer: 'present', justification: factor.justification.trim() ? `${factor.justification.trim()}\n${suggestion}` : suggestion })
          }
        >
          {t('journal.useAsJustification')}
        </button>
      ) : null}
      {answerError ? (
        <small id={errorId} className="field-error factor-error" role="alert">
          {message(answerError)}
        </small>
      ) : null}
      {factor.answer === 'present' ? (
        <Field label={t('screening.justification')} errorKey={justificationError} required className="factor-justification">
          <textarea
            rows={2}
            value={factor.justification}
            disabled={disabled}
            placeholder={t('screening.justification.placeholder')}
            onChange={(e) => onChange({ justification: e.target.value })}
          />
        </Field>
      ) : null}
    </fieldset>
  );
}

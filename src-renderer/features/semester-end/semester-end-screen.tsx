/**
 * Semester end for one plan, step by step: (1) was each measure delivered
 * in full, in part or not at all; (2) did each risk lessen, stay or grow;
 * (3) what became of the student; (4) review and close the plan. Each step
 * is saved when the person moves on, so the work can stop and resume; the
 * plan closes only when every evaluation is in (the service checks too).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELIVERED_LEVELS,
  missingEvaluations,
  RISK_CHANGES,
  STUDENT_OUTCOMES,
  type DeliveredLevel,
  type RiskChange,
  type SemesterEndView,
  type StudentOutcome,
} from '../../../src-shared/domain/semester-end';
import { acceptsEvaluation, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import type { PlanView } from '../../../src-shared/domain/plan';
import { formatDate } from '../../../src-shared/domain/format';
import { daysLeft, stepDone } from './step-state';
import { paths, type RouteProps } from '../../paths';
import { useConfirm } from '../../ui/confirm';
import { Field, useFieldMessage } from '../../ui/field';
import { PlanStatusBadge, useClassLabel, useLocalLabel, useSemesterLabel } from '../../ui/labels';
import { bothLoaded, LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useAmount, useKindLabel } from '../../ui/plan-labels';
import '../plans/work.css';
import type { MessageKey } from '../../../src-shared/i18n/index';

const STEPS = ['measures', 'risks', 'outcome', 'close'] as const;
type Step = (typeof STEPS)[number];

const STEP_KEYS: Record<Step, MessageKey> = {
  measures: 'semesterEnd.step.measures',
  risks: 'semesterEnd.step.risks',
  outcome: 'semesterEnd.step.outcome',
  close: 'semesterEnd.step.close',
};
export const DELIVERED_KEYS: Record<DeliveredLevel, MessageKey> = {
  full: 'semesterEnd.delivered.full',
  partial: 'semesterEnd.delivered.partial',
  none: 'semesterEnd.delivered.none',
};
export const CHANGE_KEYS: Record<RiskChange, MessageKey> = {
  lessened: 'semesterEnd.change.lessened',
  unchanged: 'semesterEnd.change.unchanged',
  grew: 'semesterEnd.change.grew',
};

export default function SemesterEndScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const planId = params.id ?? '';
  const plan = useLoad('plans:get', { planId });
  const view = useLoad('semesterEnd:get', { planId });
  return (
    <LoadGate loaded={bothLoaded(plan, view)} title={t('semesterEnd.title')} breadcrumbs={<Link to={paths.plan(planId)}>← {t('semesterEnd.backToPlan')}</Link>}>
      {([p, v]) => <Evaluation plan={p} initial={v} />}
    </LoadGate>
  );
}

interface Draft {
  measures: Record<string, DeliveredLevel | null>;
  risks: Record<string, RiskChange | null>;
  outcome: StudentOutcome | null;
  note: string;
}

function draftOf(view: SemesterEndView): Draft {
  return {
    measures: Object.fromEntries(view.measures.map((m) => [m.measureId, m.evaluation])),
    risks: Object.fromEntries(view.risks.map((r) => [r.riskFactorId, r.change])),
    outcome: view.studentOutcome,
    note: view.note,
  };
}

function firstOpenStep(view: SemesterEndView): Step {
  if (view.measures.some((m) => m.evaluation === null)) return 'measures';
  if (view.risks.some((r) => r.change === null)) return 'risks';
  if (view.studentOutcome === null) return 'outcome';
  return 'close';
}

function Evaluation({ plan, initial }: { plan: PlanView; initial: SemesterEndView }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const message = useFieldMessage();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const [confirmDialog, confirm] = useConfirm();
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [step, setStep] = useState<Step>(() => (initial.status === 'inactive' ? 'close' : firstOpenStep(initial)));
  const { submit, busy } = useSubmit();
  const [missing, setMissing] = useState<string[]>([]);
  const student = useLoad('students:get', { id: plan.studentId });
  const kinds = useLoad('measureKinds:list', {});
  const calendar = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const semesterEndsOn = calendar.data?.flatMap((y) => y.semesters).find((x) => x.id === plan.semesterId)?.endsOn ?? null;
  const today = current.data?.today ?? null;
  const status = view.status as PlanStatus;
  const editable = session.can('outcome.write') && acceptsEvaluation(status);
  const closed = status === 'inactive';
  const s = student.data;

  async function save(): Promise<SemesterEndView | null> {
    if (!editable) return view;
    const saved = await submit(
      'semesterEnd:save',
      {
        planId: view.planId,
        version: view.version,
        measures: view.measures.flatMap((m) => {
          const delivered = draft.measures[m.measureId];
          return delivered ? [{ measureId: m.measureId, delivered }] : [];
        }),
        risks: view.risks.flatMap((r) => {
          const change = draft.risks[r.riskFactorId];
          return change ? [{ riskFactorId: r.riskFactorId, change }] : [];
        }),
        studentOutcome: draft.outcome,
        note: draft.note,
      },
      { noFields: true },
    );
    if (!saved) return null;
    setView(saved);
    return saved;
  }

  async function go(to: Step) {
    const saved = await save();
    if (!saved) return;
    setMissing([]);
    setStep(to);
    window.requestAnimationFrame(() => document.getElementById('step-title')?.focus());
  }

  async function close() {
    const saved = await save();
    if (!saved) return;
    const problems = missingEvaluations(saved);
    if (problems.length > 0) {
      setMissing(problems.map((p) => p.messageKey));
      return;
    }
    // Closing before the semester is over is allowed (a student who left), but never unnoticed.
    const left = today && semesterEndsOn ? daysLeft(today, semesterEndsOn) : 0;
    const early = left > 0 && semesterEndsOn ? ` ${t('semesterEnd.close.early', { count: left, date: formatDate(semesterEndsOn) })}` : '';
    const yes = await confirm({
      title: t('semesterEnd.close.title'),
      body: `${t('semesterEnd.close.body', { code: plan.code })}${early}`,
      confirmLabel: t('semesterEnd.close'),
    });
    if (!yes) return;
    const closedView = await submit(
      'semesterEnd:close',
      { planId: saved.planId, version: saved.version },
      {
        // What the service still misses is listed with the steps, like the screen's own check above.
        handle: (error) => {
          if (error.code !== 'VALIDATION_FAILED') return false;
          setMissing((error.details?.fields ?? []).map((f) => f.messageKey));
          return true;
        },
      },
    );
    if (!closedView) return;
    setView(closedView);
    toast.success(t('semesterEnd.closed', { code: plan.code }));
  }

  async function startNext() {
    const next = await submit('plans:startNext', { previousPlanId: plan.id });
    if (!next) return;
    toast.success(t('semesterEnd.nextStarted', { code: next.code }));
    navigate(paths.plan(next.id));
  }

  const index = STEPS.indexOf(step);
  const stepFacts = {
    measures: view.measures.map((m) => draft.measures[m.measureId]),
    risks: view.risks.map((r) => draft.risks[r.riskFactorId]),
    outcome: draft.outcome,
    closed,
  };
  const counts = {
    measures: view.measures.filter((m) => draft.measures[m.measureId]).length,
    risks: view.risks.filter((r) => draft.risks[r.riskFactorId]).length,
  };

  return (
    <Page
      title={t('semesterEnd.title')}
      subtitle={
        <>
          {s ? `${s.lastName} ${s.firstName} · ${classLabel(s)} · ` : ''}
          {semesterLabel(plan.semesterId)} · {plan.code} <PlanStatusBadge status={status} />
        </>
      }
      breadcrumbs={
        <>
          <Link to={paths.plan(plan.id)}>← {t('semesterEnd.backToPlan')}</Link> · <Link to={paths.semesterEndOverview()}>{t('semesterEnd.overview.link')}</Link>
        </>
      }
    >
      {!editable && !closed ? (
        <p className="notice" role="note">
          {session.can('outcome.write') ? t('errors.semesterEnd.planNotRunning') : t('semesterEnd.readOnly')}
        </p>
      ) : null}
      <nav aria-label={t('semesterEnd.steps')}>
        <ol className="stepper">
          {STEPS.map((name, i) => (
            <li
              key={name}
              aria-current={name === step ? 'step' : undefined}
              className={stepDone(name, stepFacts) ? 'done' : i < index ? 'unfinished' : undefined}
              data-step={name}
            >
              <button type="button" className="link-button" onClick={() => void go(name)} disabled={busy}>
                {i + 1}. {t(STEP_KEYS[name])}
                {name !== 'close' && i < index && !stepDone(name, stepFacts) ? (
                  <span className="step-unfinished"> ({t('semesterEnd.step.unfinished')})</span>
                ) : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="card step" aria-labelledby="step-title">
        <h2 id="step-title" tabIndex={-1}>
          {t('semesterEnd.stepOf', { n: index + 1, total: STEPS.length })}: {t(STEP_KEYS[step])}
        </h2>
        {step === 'measures' ? (
          <MeasuresStep
            view={view}
            draft={draft}
            disabled={!editable}
            onChange={(id, v) => setDraft((d) => ({ ...d, measures: { ...d.measures, [id]: v } }))}
            kinds={kinds.data}
          />
        ) : null}
        {step === 'risks' ? (
          <RisksStep view={view} draft={draft} disabled={!editable} onChange={(id, v) => setDraft((d) => ({ ...d, risks: { ...d.risks, [id]: v } }))} />
        ) : null}
        {step === 'outcome' ? (
          <fieldset className="choice-list" disabled={!editable}>
            <legend>{t('semesterEnd.outcome.question')}</legend>
            {STUDENT_OUTCOMES.map((o) => (
              <label key={o} className="check">
                <input type="radio" name="student-outcome" checked={draft.outcome === o} onChange={() => setDraft((d) => ({ ...d, outcome: o }))} />
                <span>{t(`studentOutcome.${o}`)}</span>
              </label>
            ))}
            <Field label={t('semesterEnd.note')} hint={t('semesterEnd.note.hint')}>
              <textarea rows={3} value={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} />
            </Field>
          </fieldset>
        ) : null}
        {step === 'close' ? <CloseStep view={view} draft={draft} kinds={kinds.data} closed={closed} /> : null}
        {missing.length > 0 ? (
          <div className="error-summary" role="alert">
            <h3>{t('semesterEnd.missing')}</h3>
            <ul>
              {[...new Set(missing)].map((key) => (
                <li key={key}>{message(key)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="form-actions step-actions">
          {index > 0 ? (
            <button type="button" onClick={() => void go(STEPS[index - 1] as Step)} disabled={busy}>
              ← {t('semesterEnd.back')}
            </button>
          ) : null}
          {step !== 'close' ? (
            <button type="button" className="primary" onClick={() => void go(STEPS[index + 1] as Step)} disabled={busy}>
              {editable ? t('semesterEnd.saveNext') : t('semesterEnd.next')} →
            </button>
          ) : null}
          {step === 'close' && editable ? (
            <button type="button" className="primary" onClick={() => void close()} disabled={busy}>
              {t('semesterEnd.close')}
            </button>
          ) : null}
          {step === 'close' && closed && session.can('plan.write') ? (
            <button type="button" onClick={() => void startNext()} disabled={busy}>
              {t('semesterEnd.startNext')}
            </button>
          ) : null}
          {step !== 'close' && editable ? (
            <span className="muted small" role="status">
              {step === 'measures' ? t('semesterEnd.progress', { done: counts.measures, total: view.measures.length }) : null}
              {step === 'risks' ? t('semesterEnd.progress', { done: counts.risks, total: view.risks.length }) : null}
            </span>
          ) : null}
        </div>
      </section>
      {confirmDialog}
    </Page>
  );
}

function MeasuresStep({
  view,
  draft,
  disabled,
  kinds,
  onChange,
}: {
  view: SemesterEndView;
  draft: Draft;
  disabled: boolean;
  kinds: Parameters<typeof useKindLabel>[0];
  onChange(measureId: string, value: DeliveredLevel): void;
}) {
  const { t } = useTranslation();
  const amount = useAmount();
  const kindLabel = useKindLabel(kinds);
  if (view.measures.length === 0) return <p className="muted">{t('semesterEnd.measures.none')}</p>;
  return (
    <>
      <p className="muted">{t('semesterEnd.measures.hint')}</p>
      {view.measures.map((m, i) => (
        <fieldset key={m.measureId} className="evaluation" disabled={disabled}>
          <legend>
            {i + 1}. {kindLabel(m.kindCode)}
          </legend>
          <p className="small muted">
            {m.planned !== null
              ? t('semesterEnd.measures.record', { delivered: amount(m.category, m.delivered), planned: amount(m.category, m.planned) })
              : t('semesterEnd.measures.recordUnplanned', { delivered: amount(m.category, m.delivered) })}
          </p>
          <div className="factor-answers">
            {DELIVERED_LEVELS.map((level) => (
              <label key={level} className="answer">
                <input
                  type="radio"
                  name={`delivered-${m.measureId}`}
                  checked={draft.measures[m.measureId] === level}
                  onChange={() => onChange(m.measureId, level)}
                />
                <span>{t(DELIVERED_KEYS[level])}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

function RisksStep({
  view,
  draft,
  disabled,
  onChange,
}: {
  view: SemesterEndView;
  draft: Draft;
  disabled: boolean;
  onChange(id: string, value: RiskChange): void;
}) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  if (view.risks.length === 0) return <p className="muted">{t('semesterEnd.risks.none')}</p>;
  return (
    <>
      <p className="muted">{t('semesterEnd.risks.hint')}</p>
      {view.risks.map((r) => (
        <fieldset key={r.riskFactorId} className="evaluation" disabled={disabled}>
          <legend>{label(r)}</legend>
          <div className="factor-answers">
            {RISK_CHANGES.map((change) => (
              <label key={change} className="answer">
                <input
                  type="radio"
                  name={`risk-${r.riskFactorId}`}
                  checked={draft.risks[r.riskFactorId] === change}
                  onChange={() => onChange(r.riskFactorId, change)}
                />
                <span>{t(CHANGE_KEYS[change])}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

function CloseStep({ view, draft, kinds, closed }: { view: SemesterEndView; draft: Draft; kinds: Parameters<typeof useKindLabel>[0]; closed: boolean }) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const kindLabel = useKindLabel(kinds);
  const notGiven = <span className="muted">{t('semesterEnd.notGiven')}</span>;
  return (
    <>
      <p className={closed ? 'notice notice-ok' : 'muted'}>{closed ? t('semesterEnd.isClosed') : t('semesterEnd.close.hint')}</p>
      <table className="table">
        <caption className="visually-hidden">{t('semesterEnd.summary')}</caption>
        <tbody>
          {view.measures.map((m, i) => (
            <tr key={m.measureId}>
              <th scope="row">
                {t('semesterEnd.summary.measure', { n: i + 1 })}: {kindLabel(m.kindCode)}
              </th>
              <td>{draft.measures[m.measureId] ? t(DELIVERED_KEYS[draft.measures[m.measureId] as DeliveredLevel]) : notGiven}</td>
            </tr>
          ))}
          {view.risks.map((r) => (
            <tr key={r.riskFactorId}>
              <th scope="row">
                {t('semesterEnd.summary.risk')}: {label(r)}
              </th>
              <td>{draft.risks[r.riskFactorId] ? t(CHANGE_KEYS[draft.risks[r.riskFactorId] as RiskChange]) : notGiven}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('semesterEnd.step.outcome')}</th>
            <td>{draft.outcome ? t(`studentOutcome.${draft.outcome}`) : notGiven}</td>
          </tr>
          {draft.note ? (
            <tr>
              <th scope="row">{t('semesterEnd.note')}</th>
              <td className="prewrap">{draft.note}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

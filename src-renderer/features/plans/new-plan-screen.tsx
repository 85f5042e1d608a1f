/**
 * Starting a plan: a draft for one student in one semester, with its goals.
 * The plan's measures must address risks present in the semester's
 * screening, so the screen says when there is none yet and links to it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningView } from '../../../src-shared/domain/screening';
import type { Student } from '../../../src-shared/domain/student';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { paths, type RouteProps } from '../../paths';
import { Field, useFieldMessage } from '../../ui/field';
import { RiskGroupChips, useClassLabel, useSemesterLabel } from '../../ui/labels';
import { bothLoaded, LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import './work.css';

export default function NewPlanScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const studentId = params.id ?? '';
  const semesterId = params.semesterId ?? '';
  const student = useLoad('students:get', { id: studentId });
  const screening = useLoad('screening:get', { studentId, semesterId });
  return (
    <LoadGate loaded={bothLoaded(student, screening)} title={t('plans.new.title')} breadcrumbs={<BackToStudent studentId={studentId} />}>
      {([s, view]) => <NewPlanForm studentId={studentId} semesterId={semesterId} student={s} screening={view} />}
    </LoadGate>
  );
}

function BackToStudent({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  return <Link to={paths.student(studentId)}>← {t('plans.backToStudent')}</Link>;
}

interface NewPlanFormProps {
  studentId: string;
  semesterId: string;
  student: Student;
  screening: ScreeningView;
}

function NewPlanForm({ studentId, semesterId, student: s, screening }: NewPlanFormProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const message = useFieldMessage();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const [goals, setGoals] = useState('');
  const { submit, busy, fieldErrors: errors } = useSubmit();
  const [exists, setExists] = useState<{ error: AppErrorData; planId: string } | null>(null);

  const back = <BackToStudent studentId={studentId} />;
  const present = screening.factors.filter((f) => f.answer === 'present');
  const presentGroups = screening.groups.filter((g) => g.present > 0).map((g) => g.group);

  async function create(event: FormEvent) {
    event.preventDefault();
    const created = await submit(
      'plans:create',
      { studentId, semesterId, goals },
      {
        // The student already has a plan for this semester: say so with a link to it.
        handle: (error) => {
          const planId = error.details?.params?.planId;
          if (error.code !== 'CONFLICT' || typeof planId !== 'string') return false;
          setExists({ error, planId });
          return true;
        },
      },
    );
    if (!created) return;
    toast.success(t('plans.new.created', { code: created.code }));
    navigate(paths.plan(created.id), { replace: true });
  }

  return (
    <Page title={t('plans.new.title')} subtitle={`${s.lastName} ${s.firstName} · ${classLabel(s)} · ${semesterLabel(semesterId)}`} breadcrumbs={back}>
      <form className="card narrow-wide" onSubmit={create} noValidate>
        {exists ? (
          <div className="error-banner" role="alert">
            {message(exists.error.messageKey)} <Link to={paths.plan(exists.planId)}>{t('plans.new.openExisting')}</Link>
          </div>
        ) : null}
        <h2>{t('plans.new.risks')}</h2>
        {screening.id === null || present.length === 0 ? (
          <div className="notice" role="note">
            <p>{screening.id === null ? t('plans.new.noScreening') : t('plans.new.noPresentRisks')}</p>
            <Link to={paths.screening(studentId, semesterId)}>{t('plans.new.toScreening')}</Link>
          </div>
        ) : (
          <>
            <p>
              {t('plans.new.presentCount', { count: present.length })} <RiskGroupChips groups={presentGroups} />
            </p>
            <p className="muted">{t('plans.new.risksHint')}</p>
          </>
        )}
        <Field label={t('plans.goals')} hint={t('plans.goals.hint')} errorKey={errors.goals}>
          <textarea rows={5} value={goals} onChange={(e) => setGoals(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('plans.new.create')}
          </button>
          <Link className="button" to={paths.student(studentId)}>
            {t('ui.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}

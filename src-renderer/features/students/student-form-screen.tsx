/**
 * Add or edit a student, with guardians. The personal code is checked as it
 * is typed: a wrong format is an error from the service on save; a failed
 * check digit is only a warning (real registers hold such codes).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../../src-shared/domain/iso-date';
import { implausibleAgeForGrade, parsePersonalCode } from '../../../src-shared/domain/personal-code';
import {
  EDUCATION_LEVELS,
  GENDERS,
  GUARDIAN_RELATIONS,
  MAX_GRADE,
  STUDENT_STATUSES,
  type EducationLevel,
  type GuardianInput,
  type Student,
  type StudentInput,
  type StudentStatus,
} from '../../../src-shared/domain/student';
import { paths, type RouteProps } from '../../paths';
import { useConfirm } from '../../ui/confirm';
import { dateTextToIso, DateInput, isoToDateText } from '../../ui/date-input';
import { Field } from '../../ui/field';
import { LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { tData } from '../../../src-shared/i18n/index';

export default function StudentFormScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const id = params.id;
  const loaded = useLoad('students:get', { id: id ?? '' }, { enabled: Boolean(id) });
  if (!id) return <StudentForm student={null} />;
  return (
    <LoadGate loaded={loaded} title={t('student.edit.title')}>
      {(student) => <StudentForm student={student} />}
    </LoadGate>
  );
}

interface FormState {
  firstName: string;
  lastName: string;
  personalCode: string;
  birthDate: string;
  gender: string;
  educationLevel: EducationLevel;
  grade: string;
  classLabel: string;
  programme: string;
  enrolledOn: string;
  leftOn: string;
  status: StudentStatus;
}

type GuardianRow = Required<GuardianInput> & { key: number };

function initialState(student: Student | null): FormState {
  return {
    firstName: student?.firstName ?? '',
    lastName: student?.lastName ?? '',
    personalCode: student?.personalCode ?? '',
    birthDate: isoToDateText(student?.birthDate),
    gender: student?.gender ?? '',
    educationLevel: student?.educationLevel ?? 'general',
    grade: student ? String(student.grade) : '',
    classLabel: student?.classLabel ?? '',
    programme: student?.programme ?? '',
    enrolledOn: isoToDateText(student?.enrolledOn),
    leftOn: isoToDateText(student?.leftOn),
    status: student?.status ?? 'active',
  };
}

/** The live personal-code check: an error key, a warning key, or neither. */
function personalCodeCheck(code: string): { errorKey?: string; warningKey?: string } {
  if (code.trim().length < 11) return {};
  const parsed = parsePersonalCode(code);
  if (!parsed.ok) return { errorKey: parsed.messageKey };
  return parsed.warnings[0] ? { warningKey: parsed.warnings[0].messageKey } : {};
}

/** The birth date a personal code gives, as the form shows it ("" for the new code form or an incomplete code). */
function birthDateTextFromCode(code: string): string {
  const parsed = parsePersonalCode(code);
  return parsed.ok && parsed.birthDate ? isoToDateText(parsed.birthDate) : '';
}

/**
 * What to check before saving: a failed check digit, a birth date other than
 * the code's, an age that does not fit the grade. Message keys with their
 * parameters, in the order the fields stand.
 */
function identityWarnings(form: FormState, today: string): { messageKey: string; params?: Record<string, string | number> }[] {
  const out: { messageKey: string; params?: Record<string, string | number> }[] = [];
  const parsed = parsePersonalCode(form.personalCode);
  if (parsed.ok) for (const w of parsed.warnings) out.push({ messageKey: w.messageKey });
  const typed = dateTextToIso(form.birthDate);
  const birthDate = typed === 'invalid' ? null : (typed ?? (parsed.ok ? parsed.birthDate : null));
  if (parsed.ok && parsed.birthDate && typed && typed !== 'invalid' && typed !== parsed.birthDate)
    out.push({ messageKey: 'warnings.personalCode.birthDateMismatch' });
  const grade = Number(form.grade);
  const odd = form.grade === '' ? null : implausibleAgeForGrade(birthDate, grade, form.educationLevel, today);
  if (odd) out.push({ messageKey: 'warnings.student.ageForGrade', params: { age: odd.age, grade } });
  return out;
}

function StudentForm({ student: loaded }: { student: Student | null }) {
  /** The record as last saved: after a new student is saved, the form edits it. */
  const [student, setStudent] = useState(loaded);
  const { t } = useTranslation();
  const toast = useToast();
  const { submit, busy, fieldErrors, setFieldErrors, clearFieldError } = useSubmit();
  const [form, setForm] = useState<FormState>(() => initialState(student));
  const [guardians, setGuardians] = useState<GuardianRow[]>(() =>
    (student?.guardians ?? []).map((g, key) => ({ name: g.name, relation: g.relation, phone: g.phone, email: g.email, key })),
  );
  const [nextKey, setNextKey] = useState(guardians.length);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    clearFieldError(key);
  };
  /** A new code brings its birth date, unless the date was typed by hand (it differs from the old code's). */
  const setCode = (code: string) => {
    setForm((f) => {
      const fromOldCode = f.birthDate === '' || f.birthDate === birthDateTextFromCode(f.personalCode);
      return { ...f, personalCode: code, birthDate: fromOldCode ? birthDateTextFromCode(code) : f.birthDate };
    });
    clearFieldError('personalCode');
    clearFieldError('birthDate');
  };
  const [confirmDialog, confirm] = useConfirm();
  // The school's today (the same day main uses), else this PC's.
  const current = useLoad('calendar:current', {});
  const today = current.data?.today ?? localIsoDate(new Date());
  const codeCheck = personalCodeCheck(form.personalCode);
  const ageWarning = identityWarnings(form, today).some((w) => w.messageKey === 'warnings.student.ageForGrade');
  /** The guardian row just added: its name field takes the focus once drawn. */
  const focusGuardian = useRef<number | null>(null);
  const maxGrade = MAX_GRADE[form.educationLevel];

  async function save(event: FormEvent) {
    event.preventDefault();
    const dates = { birthDate: dateTextToIso(form.birthDate), enrolledOn: dateTextToIso(form.enrolledOn), leftOn: dateTextToIso(form.leftOn) };
    const badDates = Object.entries(dates).filter(([, v]) => v === 'invalid');
    if (badDates.length > 0) {
      setFieldErrors(Object.fromEntries(badDates.map(([k]) => [k, 'ui.date.invalid'])));
      return;
    }
    const warnings = identityWarnings(form, today);
    if (warnings.length > 0) {
      const list = warnings.map((w) => tData(t, w.messageKey, w.params ?? {})).join(' ');
      const go = await confirm({
        title: t('student.confirmWarnings.title'),
        body: t('student.confirmWarnings.body', { list }),
        confirmLabel: t('student.confirmWarnings.save'),
        cancelLabel: t('student.confirmWarnings.fix'),
      });
      if (!go) return;
    }
    const input: StudentInput = {
      firstName: form.firstName,
      lastName: form.lastName,
      personalCode: form.personalCode,
      birthDate: dates.birthDate as string | null,
      gender: form.gender as StudentInput['gender'],
      educationLevel: form.educationLevel,
      grade: form.grade === '' ? Number.NaN : Number(form.grade),
      classLabel: form.classLabel,
      programme: form.programme,
      enrolledOn: dates.enrolledOn as string | null,
      leftOn: dates.leftOn as string | null,
      status: form.status,
    };
    const saved = student ? await submit('students:update', { id: student.id, version: student.version, ...input }) : await submit('students:create', input);
    if (!saved) return;
    setStudent(saved.student);
    const guardianInput = guardians.map(({ key: _key, ...g }) => g);
    const guardiansSaved = await submit('students:setGuardians', { studentId: saved.student.id, version: saved.student.version, guardians: guardianInput });
    if (!guardiansSaved) {
      // The student is saved; the person stays here to fix the guardians.
      return;
    }
    toast.success(t('student.saved'));
    // Already confirmed before saving; what only the service knew is still said.
    const asked = new Set(warnings.map((w) => w.messageKey));
    for (const warning of saved.warnings) if (!asked.has(warning.messageKey)) toast.warning(tData(t, warning.messageKey, warning.params ?? {}));
    navigate(paths.student(saved.student.id));
  }

  const title = student ? t('student.edit.title') : t('student.new.title');
  return (
    <Page
      title={title}
      subtitle={student ? `${student.lastName} ${student.firstName}` : undefined}
      breadcrumbs={<Link to={student ? paths.student(student.id) : paths.students()}>← {student ? t('student.backToCard') : t('student.backToList')}</Link>}
    >
      <form className="card" onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('student.section.person')}</legend>
          <div className="form-grid">
            <Field label={t('student.firstName')} errorKey={fieldErrors.firstName} required>
              <input value={form.firstName} onChange={(e) => set('firstName', e.target.value)} autoComplete="off" />
            </Field>
            <Field label={t('student.lastName')} errorKey={fieldErrors.lastName} required>
              <input value={form.lastName} onChange={(e) => set('lastName', e.target.value)} autoComplete="off" />
            </Field>
            <Field
              label={t('student.personalCode')}
              hint={t('student.personalCode.hint')}
              errorKey={fieldErrors.personalCode ?? codeCheck.errorKey}
              warningKey={codeCheck.warningKey}
              required
            >
              <input value={form.personalCode} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="off" spellCheck={false} />
            </Field>
            <Field
              label={t('student.birthDate')}
              hint={t('student.birthDate.hint')}
              errorKey={fieldErrors.birthDate}
              warningKey={ageWarning ? 'warnings.student.ageForGradeLive' : undefined}
            >
              <DateInput value={form.birthDate} onChange={(v) => set('birthDate', v)} />
            </Field>
            <Field label={t('student.gender')} errorKey={fieldErrors.gender} required>
              <select value={form.gender} onChange={(e) => set('gender', e.target.value)}>
                <option value="">{t('student.choose')}</option>
                {GENDERS.map((g) => (
                  <option key={g} value={g}>
                    {t(`gender.${g}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('student.section.school')}</legend>
          <div className="form-grid">
            <Field label={t('student.educationLevel')} errorKey={fieldErrors.educationLevel} required>
              <select value={form.educationLevel} onChange={(e) => set('educationLevel', e.target.value as EducationLevel)}>
                {EDUCATION_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`educationLevel.${level}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={form.educationLevel === 'vocational' ? t('student.course') : t('student.grade')} errorKey={fieldErrors.grade} required>
              <select value={form.grade} onChange={(e) => set('grade', e.target.value)}>
                <option value="">{t('student.choose')}</option>
                {Array.from({ length: maxGrade }, (_, i) => i + 1).map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('student.classLabel')} hint={t('student.classLabel.hint')} errorKey={fieldErrors.classLabel}>
              <input value={form.classLabel} onChange={(e) => set('classLabel', e.target.value)} autoComplete="off" />
            </Field>
            {form.educationLevel === 'vocational' ? (
              <Field label={t('student.programme')} errorKey={fieldErrors.programme}>
                <input value={form.programme} onChange={(e) => set('programme', e.target.value)} autoComplete="off" />
              </Field>
            ) : null}
            <Field label={t('student.enrolledOn')} errorKey={fieldErrors.enrolledOn}>
              <DateInput value={form.enrolledOn} onChange={(v) => set('enrolledOn', v)} />
            </Field>
            <Field label={t('student.status')} errorKey={fieldErrors.status}>
              <select value={form.status} onChange={(e) => set('status', e.target.value as StudentStatus)}>
                {STUDENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`studentStatus.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            {form.status !== 'active' || form.leftOn ? (
              <Field label={t('student.leftOn')} errorKey={fieldErrors.leftOn} required={form.status !== 'active'}>
                <DateInput value={form.leftOn} onChange={(v) => set('leftOn', v)} />
              </Field>
            ) : null}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('student.section.guardians')}</legend>
          {guardians.length === 0 ? <p className="muted">{t('student.guardians.none')}</p> : null}
          {guardians.map((g, index) => (
            <div key={g.key} className="guardian-row" role="group" aria-label={t('student.guardian.n', { n: index + 1 })}>
              <Field label={t('student.guardian.name')} errorKey={fieldErrors[`guardians.${index}.name`]} required>
                <input
                  ref={(el) => {
                    if (el && focusGuardian.current === g.key) {
                      focusGuardian.current = null;
                      el.focus();
                    }
                  }}
                  value={g.name}
                  onChange={(e) => setGuardians((list) => list.map((x) => (x.key === g.key ? { ...x, name: e.target.value } : x)))}
                />
              </Field>
              <Field label={t('student.guardian.relation')} errorKey={fieldErrors[`guardians.${index}.relation`]}>
                <select
                  value={g.relation}
                  onChange={(e) =>
                    setGuardians((list) => list.map((x) => (x.key === g.key ? { ...x, relation: e.target.value as GuardianRow['relation'] } : x)))
                  }
                >
                  {GUARDIAN_RELATIONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`guardianRelation.${r}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('student.guardian.phone')} errorKey={fieldErrors[`guardians.${index}.phone`]}>
                <input
                  type="tel"
                  value={g.phone}
                  onChange={(e) => setGuardians((list) => list.map((x) => (x.key === g.key ? { ...x, phone: e.target.value } : x)))}
                />
              </Field>
              <Field label={t('student.guardian.email')} errorKey={fieldErrors[`guardians.${index}.email`]}>
                <input
                  type="email"
                  value={g.email}
                  onChange={(e) => setGuardians((list) => list.map((x) => (x.key === g.key ? { ...x, email: e.target.value } : x)))}
                />
              </Field>
              <button type="button" className="guardian-remove" onClick={() => setGuardians((list) => list.filter((x) => x.key !== g.key))}>
                {t('student.guardian.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              setGuardians((list) => [...list, { name: '', relation: 'mother', phone: '', email: '', key: nextKey }]);
              focusGuardian.current = nextKey;
              setNextKey((k) => k + 1);
            }}
          >
            {t('student.guardian.add')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('student.save')}
          </button>
          <Link className="button" to={student ? paths.student(student.id) : paths.students()}>
            {t('student.cancel')}
          </Link>
        </div>
      </form>
      {confirmDialog}
    </Page>
  );
}

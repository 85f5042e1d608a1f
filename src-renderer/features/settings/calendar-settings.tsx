/**
 * Settings: the school calendar. Each school year has two semesters; dates
 * change every year, so the coordinator checks them each August. A new year
 * starts from the default rule (src-shared/domain/calendar.ts).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSchoolYearBetween, startYearOf, type SchoolYear } from '../../../src-shared/domain/calendar';
import { formatDate, formatDateRange } from '../../../src-shared/domain/format';
import { DataTable } from '../../ui/data-table';
import { dateTextToIso, DateInput, isoToDateText } from '../../ui/date-input';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, useFieldMessage } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

interface YearForm {
  id: string;
  startsOn: string;
  endsOn: string;
  s1Start: string;
  s1End: string;
  s2Start: string;
  s2End: string;
}

function toForm(year: SchoolYear): YearForm {
  return {
    id: year.id,
    startsOn: isoToDateText(year.startsOn),
    endsOn: isoToDateText(year.endsOn),
    s1Start: isoToDateText(year.semesters[0].startsOn),
    s1End: isoToDateText(year.semesters[0].endsOn),
    s2Start: isoToDateText(year.semesters[1].startsOn),
    s2End: isoToDateText(year.semesters[1].endsOn),
  };
}

export function CalendarSettings() {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const years = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const [editing, setEditing] = useState<{ form: YearForm; isNew: boolean } | null>(null);
  const list = [...(years.data ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));

  function addNext() {
    const latest = list[0];
    const start = latest ? (startYearOf(latest.id) ?? new Date().getFullYear()) + 1 : new Date().getFullYear();
    setEditing({ form: toForm(defaultSchoolYearBetween(start, years.data ?? [])), isNew: true });
  }

  return (
    <section className="card" aria-labelledby="settings-calendar">
      <h2 id="settings-calendar">{t('settings.calendar.title')}</h2>
      <p className="muted">{t('settings.calendar.intro')}</p>
      {years.error ? <ErrorBanner error={years.error} /> : null}
      {current.data ? (
        <p>{t('settings.calendar.current', { semester: semesterLabel(current.data.semester.id), today: formatDate(current.data.today) })}</p>
      ) : null}
      <DataTable
        fit
        wrap
        rows={list}
        rowKey={(year) => year.id}
        caption={t('settings.calendar.caption')}
        columns={[
          { key: 'year', label: t('settings.calendar.year'), rowHeader: true, cell: (year) => year.id },
          { key: 'yearDates', label: t('settings.calendar.yearDates'), cell: (year) => formatDateRange(year.startsOn, year.endsOn) },
          {
            key: 'semester1',
            label: t('settings.calendar.semester1'),
            cell: (year) => formatDateRange(year.semesters[0].startsOn, year.semesters[0].endsOn),
          },
          {
            key: 'semester2',
            label: t('settings.calendar.semester2'),
            cell: (year) => formatDateRange(year.semesters[1].startsOn, year.semesters[1].endsOn),
          },
          {
            key: 'actions',
            label: t('settings.actions'),
            hideLabel: true,
            cell: (year) => (
              <button
                type="button"
                onClick={() => setEditing({ form: toForm(year), isNew: false })}
                aria-label={t('settings.calendar.editYear', { year: year.id })}
              >
                {t('settings.edit')}
              </button>
            ),
          },
        ]}
      />
      {editing ? (
        <YearEditor
          key={editing.form.id}
          initial={editing.form}
          isNew={editing.isNew}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              years.reload();
              current.reload();
            }
          }}
        />
      ) : (
        <div className="form-actions">
          <button type="button" onClick={addNext}>
            {t('settings.calendar.addYear')}
          </button>
        </div>
      )}
    </section>
  );
}

function YearEditor({ initial, isNew, onDone }: { initial: YearForm; isNew: boolean; onDone(saved: boolean): void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const message = useFieldMessage();
  const { submit, busy, fieldErrors, setFieldErrors } = useSubmit();
  const [form, setForm] = useState(initial);
  const set = (key: keyof YearForm, value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const paths: [keyof YearForm, string][] = [
      ['startsOn', 'startsOn'],
      ['endsOn', 'endsOn'],
      ['s1Start', 'semesters.0.startsOn'],
      ['s1End', 'semesters.0.endsOn'],
      ['s2Start', 'semesters.1.startsOn'],
      ['s2End', 'semesters.1.endsOn'],
    ];
    const iso: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const [key, path] of paths) {
      const value = dateTextToIso(form[key]);
      if (value === null || value === 'invalid') errors[path] = value === null ? 'errors.field.required' : 'ui.date.invalid';
      else iso[key] = value;
    }
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      return;
    }
    const saved = await submit('calendar:saveYear', {
      id: form.id,
      startsOn: iso.startsOn as string,
      endsOn: iso.endsOn as string,
      semesters: [
        { startsOn: iso.s1Start as string, endsOn: iso.s1End as string },
        { startsOn: iso.s2Start as string, endsOn: iso.s2End as string },
      ],
    });
    if (saved) {
      toast.success(t('settings.saved'));
      onDone(true);
    }
  }

  return (
    <form className="subform" onSubmit={save} noValidate aria-labelledby="year-editor-title">
      <h3 id="year-editor-title">{isNew ? t('settings.calendar.newYear', { year: form.id }) : t('settings.calendar.editYear', { year: form.id })}</h3>
      {fieldErrors.id ? <p className="field-error">{message(fieldErrors.id)}</p> : null}
      <div className="form-grid">
        <Field label={t('settings.calendar.yearStart')} errorKey={fieldErrors.startsOn}>
          <DateInput value={form.startsOn} onChange={(v) => set('startsOn', v)} />
        </Field>
        <Field label={t('settings.calendar.yearEnd')} errorKey={fieldErrors.endsOn}>
          <DateInput value={form.endsOn} onChange={(v) => set('endsOn', v)} />
        </Field>
      </div>
      <div className="form-grid">
        <Field label={t('settings.calendar.s1Start')} errorKey={fieldErrors['semesters.0.startsOn']}>
          <DateInput value={form.s1Start} onChange={(v) => set('s1Start', v)} />
        </Field>
        <Field label={t('settings.calendar.s1End')} errorKey={fieldErrors['semesters.0.endsOn']}>
          <DateInput value={form.s1End} onChange={(v) => set('s1End', v)} />
        </Field>
        <Field label={t('settings.calendar.s2Start')} errorKey={fieldErrors['semesters.1.startsOn']}>
          <DateInput value={form.s2Start} onChange={(v) => set('s2Start', v)} />
        </Field>
        <Field label={t('settings.calendar.s2End')} errorKey={fieldErrors['semesters.1.endsOn']}>
          <DateInput value={form.s2End} onChange={(v) => set('s2End', v)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('settings.calendar.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('settings.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Choosing a semester, newest first, with the current one marked and chosen
 * by default. `useSemesterChoice` keeps the choice (an optional initial value
 * from the URL) and knows the current semester once the calendar has loaded.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './field';
import { useSemesterLabel } from './labels';
import { useLoad } from './use-api';

export interface SemesterChoice {
  /** The chosen semester, or the current one; null until the calendar has loaded. */
  semesterId: string | null;
  currentId: string | null;
  options: string[];
  choose(semesterId: string): void;
}

export function useSemesterChoice(initial?: string | null): SemesterChoice {
  const years = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const [chosen, setChosen] = useState<string | null>(initial ?? null);
  const currentId = current.data?.semester.id ?? null;
  const options = (years.data ?? [])
    .flatMap((year) => year.semesters.map((s) => s.id))
    .sort()
    .reverse();
  return { semesterId: chosen ?? currentId, currentId, options, choose: setChosen };
}

export function SemesterPicker({ choice, onChange }: { choice: SemesterChoice; onChange?(semesterId: string): void }) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const options = choice.semesterId && !choice.options.includes(choice.semesterId) ? [choice.semesterId, ...choice.options] : choice.options;
  return (
    <Field label={t('exchangeUi.semester')} className="semester-picker">
      <select
        value={choice.semesterId ?? ''}
        onChange={(event) => {
          choice.choose(event.target.value);
          onChange?.(event.target.value);
        }}
      >
        {choice.semesterId === null ? <option value="">{t('app.loading')}</option> : null}
        {options.map((id) => (
          <option key={id} value={id}>
            {id === choice.currentId ? t('exchangeUi.semesterCurrent', { semester: semesterLabel(id) }) : semesterLabel(id)}
          </option>
        ))}
      </select>
    </Field>
  );
}

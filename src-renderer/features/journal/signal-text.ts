/** How signals read on the screens: one sentence per signal, and a screening justification. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalSignal } from '../../../src-shared/domain/e-journal';
import { useSemesterLabel } from '../../ui/labels';

const number = (value: number, language: string) => value.toLocaleString(language === 'lv' ? 'lv-LV' : 'en-GB', { maximumFractionDigits: 1 });

export function useSignalText(): (signal: JournalSignal) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (s: JournalSignal) => t(`journal.signal.${s.kind}`, { value: number(s.value, i18n.language), threshold: number(s.threshold, i18n.language) }),
    [t, i18n.language],
  );
}

/** "E-journal (2025./26. 1. semestris): 26 neattaisnotas stundas (slieksnis 20); …" */
export function useJustificationText(): (semesterId: string, signals: readonly JournalSignal[]) => string {
  const { t } = useTranslation();
  const text = useSignalText();
  const semesterLabel = useSemesterLabel();
  return useCallback(
    (semesterId: string, signals: readonly JournalSignal[]) =>
      t('journal.justification', { semester: semesterLabel(semesterId), signals: signals.map(text).join('; ') }),
    [t, text, semesterLabel],
  );
}

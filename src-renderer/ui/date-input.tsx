/**
 * Dates as people in Latvia write them: dd.mm.yyyy, in a text field (the
 * native date picker shows the operating system's format, which differs
 * from PC to PC), with a calendar button beside it. Typed dates may also be
 * "1.9.25" or "2025-09-01" (see parseDate). Forms keep the text and convert
 * with `dateTextToIso`.
 */
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDate } from '../../src-shared/domain/format';

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange(text: string): void;
};

export function DateInput({ value, onChange, ...rest }: DateInputProps) {
  const { t } = useTranslation();
  const iso = parseDate(value);
  return (
    <span className="date-input-wrap">
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        placeholder={t('ui.date.placeholder')}
        className={rest.className ? `date-input ${rest.className}` : 'date-input'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => {
          // Tidy "1.9.25" or "2025-09-01" into "01.09.2025" once the person leaves
          // the field; text that is already tidy is left alone (no change, nothing unsaved).
          const parsed = parseDate(e.target.value);
          if (parsed && formatDate(parsed) !== e.target.value) onChange(formatDate(parsed));
          rest.onBlur?.(e);
        }}
      />
      {/* The calendar: picks a day into the text field (shown as dd.mm.yyyy whatever the PC's format). */}
      <input
        type="date"
        className="date-picker"
        aria-label={t('ui.date.picker')}
        title={t('ui.date.picker')}
        value={iso ?? ''}
        disabled={rest.disabled}
        onChange={(e) => {
          if (e.target.value) onChange(formatDate(e.target.value));
        }}
      />
    </span>
  );
}

/** "" -> null; "01.09.2025" -> "2025-09-01"; anything else -> 'invalid'. */
export function dateTextToIso(text: string): string | null | 'invalid' {
  if (text.trim() === '') return null;
  return parseDate(text) ?? 'invalid';
}

export const isoToDateText = (iso: string | null | undefined): string => formatDate(iso);

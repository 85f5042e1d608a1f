/**
 * Dates as people in Latvia write them: dd.mm.yyyy, in a text field (the
 * native date picker shows the operating system's format, which differs
 * from PC to PC). Forms keep the text and convert with `dateTextToIso`.
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
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder={t('ui.date.placeholder')}
      className={rest.className ? `date-input ${rest.className}` : 'date-input'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        // Tidy "1.9.2025" into "01.09.2025" once the person leaves the field.
        const iso = parseDate(e.target.value);
        if (iso) onChange(formatDate(iso));
        rest.onBlur?.(e);
      }}
    />
  );
}

/** "" -> null; "01.09.2025" -> "2025-09-01"; anything else -> 'invalid'. */
export function dateTextToIso(text: string): string | null | 'invalid' {
  if (text.trim() === '') return null;
  return parseDate(text) ?? 'invalid';
}

export const isoToDateText = (iso: string | null | undefined): string => formatDate(iso);

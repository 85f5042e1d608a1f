/** A labelled form field with its hint and error, wired for screen readers. */
import { useId, type ReactElement } from 'react';
import { cloneElement } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldProps {
  label: string;
  hint?: string;
  errorKey?: string | undefined;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, hint, errorKey, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errorKey ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errorKey ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': errorKey ? true : undefined })}
      {hint ? (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      ) : null}
      {errorKey ? (
        <small id={errorId} className="field-error" role="alert">
          {t(errorKey)}
        </small>
      ) : null}
    </div>
  );
}

/** Field errors from a VALIDATION_FAILED result, by field path. */
export function fieldErrorMap(fields: { path: string; messageKey: string }[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const field of fields ?? []) if (!(field.path in map)) map[field.path] = field.messageKey;
  return map;
}

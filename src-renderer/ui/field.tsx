/**
 * A labelled form field with its hint, warning and error, wired for screen
 * readers. An error stops the save; a warning (e.g. a personal code whose
 * check digit fails) is shown but does not.
 */
import { cloneElement, useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../src-shared/ipc/result';
import { tData } from '../../src-shared/i18n/index';

/** A message key, or a key with its parameters (as services send them). */
export type FieldMessage = string | { messageKey: string; params?: Record<string, string | number> | undefined };
export type FieldErrors = Record<string, FieldMessage>;

/** The text of a field message in the current language. */
export function useFieldMessage(): (message: FieldMessage) => string {
  const { t } = useTranslation();
  return (message) => (typeof message === 'string' ? tData(t, message) : tData(t, message.messageKey, message.params));
}

interface FieldProps {
  label: string;
  hint?: string;
  errorKey?: FieldMessage | undefined;
  warningKey?: string | undefined;
  /** Marks the label as required (the service still decides). */
  required?: boolean;
  className?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, hint, errorKey, warningKey, required, className, children }: FieldProps) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const describedBy = [hint ? hintId : null, errorKey ? errorId : null, warningKey ? warningId : null].filter(Boolean).join(' ') || undefined;
  const classes = ['field', errorKey ? 'field-invalid' : warningKey ? 'field-warned' : null, className].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': errorKey ? true : undefined,
        'aria-required': required ? true : undefined,
      })}
      {hint ? (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      ) : null}
      {errorKey ? (
        <small id={errorId} className="field-error" role="alert">
          {message(errorKey)}
        </small>
      ) : null}
      {warningKey && !errorKey ? (
        <small id={warningId} className="field-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          {tData(t, warningKey)}
        </small>
      ) : null}
    </div>
  );
}

/** Field errors from a VALIDATION_FAILED result, by field path (the first per field). */
export function fieldErrorMap(fields: FieldError[] | undefined): FieldErrors {
  const map: FieldErrors = {};
  for (const field of fields ?? [])
    if (!(field.path in map)) map[field.path] = field.params ? { messageKey: field.messageKey, params: field.params } : field.messageKey;
  return map;
}

/**
 * Small helpers the plan, screening, delivery and semester-end forms share.
 */
import { useCallback, useEffect, useState } from 'react';

/**
 * After a refused save, put the focus on the first field that says what to
 * fix. Call the returned function with the errors set; the focus moves once
 * React has shown them (a field may appear only with its error).
 */
export function useFocusFirstError(): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) focusFirstError();
  }, [request]);
  return useCallback(() => setRequest((n) => n + 1), []);
}

function focusFirstError(): void {
  const invalid = document.querySelector<HTMLElement>('main [aria-invalid="true"], main .field-error');
  if (!invalid) return;
  const target = invalid.matches('input, select, textarea')
    ? invalid
    : (invalid.closest('fieldset, .field')?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? null);
  (target ?? invalid).scrollIntoView({ block: 'center' });
  target?.focus({ preventScroll: true });
}

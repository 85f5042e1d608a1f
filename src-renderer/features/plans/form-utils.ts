/**
 * Small helpers the plan, screening, delivery and semester-end forms share.
 */

/** After a refused save, put the focus on the first field that says what to fix. */
export function focusFirstError(): void {
  window.requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>('main [aria-invalid="true"], main .field-error');
    if (!invalid) return;
    const target = invalid.matches('input, select, textarea')
      ? invalid
      : (invalid.closest('fieldset, .field')?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? null);
    (target ?? invalid).scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  });
}

/** Minutes as people read them: "45 min", "2 h 30 min". */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

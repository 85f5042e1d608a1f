/**
 * Small helpers the plan, screening, delivery and semester-end forms share.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

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

/**
 * Keeps the focused field clear of a bar stuck to the bottom of the window
 * (the editor's save bar): when Tab moves the focus onto something the bar
 * covers, the page scrolls just enough to show it
 * with a little room above the bar.
 */
export function useKeepFocusAbove(bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onFocus = (event: FocusEvent) => {
      const target = event.target;
      const barEl = bar.current;
      if (!(target instanceof HTMLElement) || !barEl || barEl.contains(target)) return;
      // Only focus the keyboard moved (Tab): scrolling under a pointer between its press and release
      // would move the element away and the click would land elsewhere (a checkbox that never ticks).
      if (!target.matches(':focus-visible')) return;
      const barTop = barEl.getBoundingClientRect().top;
      const rect = target.getBoundingClientRect();
      const room = 12;
      if (rect.bottom > barTop - room) window.scrollBy({ top: rect.bottom - barTop + room, behavior: 'instant' });
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [bar]);
}

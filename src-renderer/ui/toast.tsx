/**
 * Short messages that do not belong to one form: "Saved", or a service error
 * that has no field to sit next to. Errors stay until closed (people read at
 * their own pace); confirmations fade after a few seconds. A toast belongs to
 * the screen it was shown on: moving to another screen (or signing out)
 * takes it away. One pushed just before a navigation ("Plan deleted", then
 * the student's card) belongs to the screen that comes next.
 *
 * A message never lies over a control: it stands at the bottom right of the
 * window, and where buttons or fields are there (a table's "remove" buttons,
 * a save bar) it moves up the right edge, else to the left edge, to the
 * first place free of them (see `placeToasts`); it moves again as the page
 * scrolls or changes under it.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useLocation } from './router';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../src-shared/ipc/result';
import { tData } from '../../src-shared/i18n/index';

type ToastKind = 'success' | 'warning' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  /** The screen (path) it belongs to, and when it was pushed. */
  path: string;
  at: number;
}

/** How long after its push a toast still belongs to the screen a navigation leads to. */
const CARRY_OVER_MS = 1500;

interface ToastApi {
  /** A confirmation in the user's language (an already translated text). */
  success(text: string): void;
  /** Saved, but something deserves a look (an already translated text); stays until closed. */
  warning(text: string): void;
  /** A service error, shown with its message key in the user's language. */
  error(error: AppErrorData): void;
  /** Takes every message away (signing out, another user). */
  clear(): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const SUCCESS_MS = 4000;

/** What a message must not cover: whatever can be clicked or typed into, and a screen's save bar as a whole. */
const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), .sticky-actions';
/** Distance from the window's edges and from the controls, in px. */
const MARGIN = 16;
const GAP = 6;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where a `width`×`height` stack of messages can stand in a `viewWidth`×`viewHeight`
 * window without touching any of `obstacles` (window coordinates): at the
 * bottom right if free, else as low as it can on the right edge, else on the
 * left edge; null when no such place exists (then it stays at the bottom right).
 */
export function placeToasts(
  width: number,
  height: number,
  viewWidth: number,
  viewHeight: number,
  obstacles: readonly Box[],
): { left: number; top: number } | null {
  const lowest = viewHeight - MARGIN - height;
  // The free places are just above an obstacle, or at the window's bottom: try those, lowest first.
  const tops = [lowest, ...obstacles.map((o) => o.top - GAP - height)].filter((top) => top >= MARGIN && top <= lowest).sort((a, b) => b - a);
  for (const left of [viewWidth - MARGIN - width, MARGIN]) {
    if (left < 0) continue;
    const free = (top: number) =>
      !obstacles.some((o) => o.left - GAP < left + width && left < o.right + GAP && o.top - GAP < top + height && top < o.bottom + GAP);
    const top = tops.find(free);
    if (top !== undefined) return { left, top };
  }
  return null;
}

function controlsInView(stack: HTMLElement): Box[] {
  const boxes: Box[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(CONTROLS)) {
    if (stack.contains(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= window.innerHeight) continue;
    // A save bar is a band across the window: messages stay above it, even beside it.
    const band = el.classList.contains('sticky-actions');
    boxes.push({ left: band ? 0 : r.left, top: r.top, right: band ? window.innerWidth : r.right, bottom: r.bottom });
  }
  return boxes;
}

/** Keeps the message stack off the controls while it shows anything (see the file comment). */
function useToastPlacement(stack: RefObject<HTMLDivElement | null>, shown: number) {
  useLayoutEffect(() => {
    const el = stack.current;
    if (!el) return;
    const reset = () => {
      el.style.left = '';
      el.style.top = '';
      el.style.right = '';
      el.style.bottom = '';
    };
    if (shown === 0) {
      reset();
      return;
    }
    const place = () => {
      reset(); // measured where the style sheet puts it, at its natural size
      const { width, height } = el.getBoundingClientRect();
      const spot = placeToasts(width, height, document.documentElement.clientWidth, window.innerHeight, controlsInView(el));
      if (!spot) return;
      el.style.right = 'auto';
      el.style.bottom = 'auto';
      el.style.left = `${Math.round(spot.left)}px`;
      el.style.top = `${Math.round(spot.top)}px`;
    };
    place();
    let frame = 0;
    const later = () => {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        place();
      });
    };
    window.addEventListener('scroll', later, true);
    window.addEventListener('resize', later);
    // The screen changes under the message (a list loads, a row is added).
    const observer = new MutationObserver((records) => {
      // Its own moves and messages are not the screen changing.
      if (records.some((r) => !el.contains(r.target))) later();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
    return () => {
      window.removeEventListener('scroll', later, true);
      window.removeEventListener('resize', later);
      observer.disconnect();
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, [stack, shown]);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const location = useLocation();
  const path = useRef(location.path);
  path.current = location.path;
  const stack = useRef<HTMLDivElement>(null);
  useToastPlacement(stack, toasts.length);

  // Another screen: what the last one said goes with it.
  useEffect(() => {
    const now = Date.now();
    setToasts((list) => {
      const kept = list.filter((toast) => toast.path === location.path || now - toast.at < CARRY_OVER_MS).map((toast) => ({ ...toast, path: location.path }));
      return kept.length === list.length && kept.every((toast, i) => toast.path === list[i]!.path) ? list : kept;
    });
  }, [location.path]);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, text: string) => {
      const id = nextId.current++;
      setToasts((list) => [...list.filter((toast) => toast.text !== text), { id, kind, text, path: path.current, at: Date.now() }]);
      if (kind === 'success') window.setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (text) => push('success', text),
      warning: (text) => push('warning', text),
      error: (error) => push('error', tData(t, error.messageKey, error.details?.params)),
      clear: () => setToasts([]),
    }),
    [push, t],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" ref={stack}>
        <div role="status" aria-live="polite">
          {toasts
            .filter((toast) => toast.kind === 'success')
            .map((toast) => (
              <div key={toast.id} className="toast toast-success">
                <span>{toast.text}</span>
              </div>
            ))}
        </div>
        <div role="alert" aria-live="assertive">
          {toasts
            .filter((toast) => toast.kind !== 'success')
            .map((toast) => (
              <div key={toast.id} className={`toast toast-${toast.kind}`}>
                <span>{toast.text}</span>
                <button type="button" className="link-button" onClick={() => dismiss(toast.id)}>
                  {t('ui.close')}
                </button>
              </div>
            ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}

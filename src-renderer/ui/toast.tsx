/**
 * Short messages that do not belong to one form: "Saved", or a service error
 * that has no field to sit next to. Errors stay until closed (people read at
 * their own pace); confirmations fade after a few seconds. A toast belongs to
 * the screen it was shown on: moving to another screen (or signing out)
 * takes it away. One pushed just before a navigation ("Plan deleted", then
 * the student's card) belongs to the screen that comes next.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const location = useLocation();
  const path = useRef(location.path);
  path.current = location.path;

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
      <div className="toasts">
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

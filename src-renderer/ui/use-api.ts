/**
 * Hooks for screens that talk to the services:
 * - `useLoad(channel, input)`: loads, keeps the last data while reloading,
 *   and reloads when the input changes (compared by value).
 * - `useSubmit()`: runs a write, turns VALIDATION_FAILED into field errors and
 *   any other failure into a toast in the user's language (or, with
 *   `{ show: 'inline' }`, into `error` for a banner on the screen: sign-in).
 *   A screen that answers one failure its own way (a plan that already
 *   exists, a wrong comment) passes `handle` with the call; everything else
 *   still takes the shared path.
 * A NOT_SIGNED_IN answer anywhere tells the session, which locks the screen.
 *
 * These are the only way screens call main: eslint refuses `api/client` in
 * features (eslint.config.js).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract/index';
import type { AppErrorData, Result } from '../../src-shared/ipc/result';
import { call } from '../api/client';
import { fieldErrorMap, type FieldErrors } from './field';
import { onSessionRestored, reportSessionLost } from './session-events';
import { useToast } from './toast';

/** The one error path: what a failed call means for the screen. */
export type Problem = { kind: 'fields'; fields: FieldErrors } | { kind: 'session' } | { kind: 'message'; error: AppErrorData };

export function problemOf(error: AppErrorData): Problem {
  const fields = error.details?.fields;
  if (error.code === 'VALIDATION_FAILED' && fields && fields.length > 0) return { kind: 'fields', fields: fieldErrorMap(fields) };
  if (error.code === 'NOT_SIGNED_IN') return { kind: 'session' };
  return { kind: 'message', error };
}

export interface Loaded<T> {
  data: T | undefined;
  error: AppErrorData | null;
  loading: boolean;
  reload(): void;
}

/** Calls the channel and reports a lost session; the result is unchanged. */
export async function callChecked<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const result = await call(channel, input);
  if (!result.ok && result.error.code === 'NOT_SIGNED_IN') reportSessionLost();
  return result;
}

export function useLoad<C extends Channel>(channel: C, input: ChannelInput<C>, options: { enabled?: boolean } = {}): Loaded<ChannelOutput<C>> {
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(input ?? {});
  const [data, setData] = useState<ChannelOutput<C> | undefined>(undefined);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    void callChecked(channel, JSON.parse(key) as ChannelInput<C>).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [channel, key, version, enabled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  // A load refused while the screen was locked tries again once unlocked.
  const refused = error?.code === 'NOT_SIGNED_IN';
  useEffect(() => (refused ? onSessionRestored(reload) : undefined), [refused, reload]);

  return { data, error, loading, reload };
}

export interface SubmitOptions {
  /** Where a problem that is not about a field goes: a toast (default), or `error` for a banner on the screen. */
  show?: 'toast' | 'inline';
  /** After a VALIDATION_FAILED has set the field errors (e.g. put the focus on the first). */
  onFieldErrors?(errors: FieldErrors): void;
}

export interface SubmitCallOptions {
  /** The screen's own answer to a particular failure: return true when handled (the shared path is skipped). */
  handle?(error: AppErrorData): boolean;
  /** The screen has no fields for what the service checks: a VALIDATION_FAILED is shown as a message like any other failure. */
  noFields?: boolean;
}

export interface Submitter {
  /** Runs the call; returns the value, or undefined after showing the problem. */
  submit<C extends Channel>(channel: C, input: ChannelInput<C>, options?: SubmitCallOptions): Promise<ChannelOutput<C> | undefined>;
  busy: boolean;
  /** Field path -> message, from the last VALIDATION_FAILED. */
  fieldErrors: FieldErrors;
  setFieldErrors(errors: FieldErrors): void;
  /** Forgets one field's error (call when the person edits that field). */
  clearFieldError(path: string): void;
  /** With `show: 'inline'`: the last problem that was not about a field (null after a success or field errors). */
  error: AppErrorData | null;
  /** Forgets that problem (a new attempt starts). */
  clearError(): void;
}

export function useSubmit(options: SubmitOptions = {}): Submitter {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const inline = options.show === 'inline';
  // Kept in a ref so that `submit` stays the same function while the screen passes a new callback each render.
  const onFieldErrors = useRef(options.onFieldErrors);
  onFieldErrors.current = options.onFieldErrors;

  const submit = useCallback(
    async <C extends Channel>(channel: C, input: ChannelInput<C>, callOptions: SubmitCallOptions = {}) => {
      setBusy(true);
      try {
        const result = await callChecked(channel, input);
        if (result.ok) {
          setFieldErrors({});
          setError(null);
          return result.value;
        }
        if (callOptions.handle?.(result.error)) return undefined;
        const problem: Problem =
          callOptions.noFields && result.error.code === 'VALIDATION_FAILED' ? { kind: 'message', error: result.error } : problemOf(result.error);
        if (problem.kind === 'fields') {
          setError(null);
          setFieldErrors(problem.fields);
          onFieldErrors.current?.(problem.fields);
        } else if (problem.kind === 'message') {
          if (inline) {
            setFieldErrors({});
            setError(problem.error);
          } else {
            toast.error(problem.error);
          }
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [toast, inline],
  );
  const clearFieldError = useCallback(
    (path: string) =>
      setFieldErrors((errors) => {
        if (!(path in errors)) return errors;
        const { [path]: _gone, ...rest } = errors;
        return rest;
      }),
    [],
  );
  const clearError = useCallback(() => setError(null), []);
  return { submit, busy, fieldErrors, setFieldErrors, clearFieldError, error, clearError };
}

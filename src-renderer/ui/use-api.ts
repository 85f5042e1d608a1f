/**
 * Hooks for screens that talk to the services:
 * - `useLoad(channel, input)`: loads, keeps the last data while reloading,
 *   and reloads when the input changes (compared by value).
 * - `useSubmit()`: runs a write, turns VALIDATION_FAILED into field errors and
 *   any other failure into a toast in the user's language.
 * A NOT_SIGNED_IN answer anywhere tells the session, which locks the screen.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract/index';
import type { AppErrorData, Result } from '../../src-shared/ipc/result';
import { call } from '../api/client';
import { fieldErrorMap, type FieldErrors } from './field';
import { onSessionRestored, reportSessionLost } from './session-events';
import { useToast } from './toast';

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

export interface Submitter {
  /** Runs the call; returns the value, or undefined after showing the problem. */
  submit<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C> | undefined>;
  busy: boolean;
  /** Field path -> message, from the last VALIDATION_FAILED. */
  fieldErrors: FieldErrors;
  setFieldErrors(errors: FieldErrors): void;
  /** Forgets one field's error (call when the person edits that field). */
  clearFieldError(path: string): void;
}

export function useSubmit(): Submitter {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const submit = useCallback(
    async <C extends Channel>(channel: C, input: ChannelInput<C>) => {
      setBusy(true);
      try {
        const result = await callChecked(channel, input);
        if (result.ok) {
          setFieldErrors({});
          return result.value;
        }
        const fields = result.error.details?.fields;
        if (result.error.code === 'VALIDATION_FAILED' && fields && fields.length > 0) {
          setFieldErrors(fieldErrorMap(fields));
        } else if (result.error.code !== 'NOT_SIGNED_IN') {
          toast.error(result.error);
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [toast],
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
  return { submit, busy, fieldErrors, setFieldErrors, clearFieldError };
}

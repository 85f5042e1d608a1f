/**
 * The one error path of the API hooks, under Node: what each failure means
 * for a screen, and that a refused call tells the session (which locks the
 * screen) through callChecked, the function every hook calls through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../src-shared/ipc/result';
import { onSessionLost } from './session-events';
import { callChecked, problemOf } from './use-api';

const field = { path: 'goals', messageKey: 'errors.required' };

describe('problemOf', () => {
  it('turns VALIDATION_FAILED with fields into field errors', () => {
    const problem = problemOf({ code: 'VALIDATION_FAILED', messageKey: 'errors.code.VALIDATION_FAILED', details: { fields: [field] } });
    expect(problem).toEqual({ kind: 'fields', fields: { goals: 'errors.required' } });
  });

  it('shows VALIDATION_FAILED without fields as a message, so it is not lost', () => {
    const error: AppErrorData = { code: 'VALIDATION_FAILED', messageKey: 'errors.code.VALIDATION_FAILED', details: { fields: [] } };
    expect(problemOf(error)).toEqual({ kind: 'message', error });
  });

  it('leaves NOT_SIGNED_IN to the session lock and every other code to a message', () => {
    expect(problemOf({ code: 'NOT_SIGNED_IN', messageKey: 'errors.code.NOT_SIGNED_IN' })).toEqual({ kind: 'session' });
    const conflict: AppErrorData = { code: 'CONFLICT', messageKey: 'errors.code.CONFLICT' };
    expect(problemOf(conflict)).toEqual({ kind: 'message', error: conflict });
  });
});

describe('callChecked', () => {
  const g = globalThis as { window?: unknown };
  afterEach(() => {
    delete g.window;
  });

  function bridgeAnswering(answer: unknown) {
    g.window = { pumpurs: { invoke: () => Promise.resolve(answer), on: () => () => undefined } };
  }

  it('reports a lost session when the service says NOT_SIGNED_IN, and returns the answer unchanged', async () => {
    const answer = { ok: false, error: { code: 'NOT_SIGNED_IN', messageKey: 'errors.code.NOT_SIGNED_IN' } };
    bridgeAnswering(answer);
    let lost = 0;
    const off = onSessionLost(() => (lost += 1));
    try {
      expect(await callChecked('auth:current', {})).toEqual(answer);
    } finally {
      off();
    }
    expect(lost).toBe(1);
  });

  it('does not report a lost session for other answers', async () => {
    bridgeAnswering({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.code.CONFLICT' } });
    let lost = 0;
    const off = onSessionLost(() => (lost += 1));
    try {
      const result = await callChecked('auth:current', {});
      expect(result.ok).toBe(false);
    } finally {
      off();
    }
    expect(lost).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { CallContext } from '../router';
import { withProgress } from './task-progress';

function recordingContext() {
  const events: unknown[] = [];
  const ctx: CallContext = { clientId: 'w', emit: (event, payload) => events.push({ event, ...payload }) };
  return { ctx, events };
}

describe('withProgress', () => {
  it('passes the work its progress and ends with a done event', async () => {
    const { ctx, events } = recordingContext();
    expect(await withProgress(ctx, 't', async (progress) => (progress(1, 3, 'x'), 'result'))).toBe('result');
    expect(events).toEqual([
      { event: 'task:progress', taskId: 't', done: 1, total: 3, labelKey: 'x' },
      { event: 'task:progress', taskId: 't', done: 3, total: 3, labelKey: 'x' },
    ]);
  });

  it('adds no second done event when the work ended its own progress', async () => {
    const { ctx, events } = recordingContext();
    await withProgress(ctx, 't', async (progress) => progress(3, 3, 'x'));
    expect(events).toEqual([{ event: 'task:progress', taskId: 't', done: 3, total: 3, labelKey: 'x' }]);
  });

  it('still ends the task when the work fails partway, and rethrows', async () => {
    const { ctx, events } = recordingContext();
    const failing = withProgress(ctx, 't', async (progress) => {
      progress(2, 5, 'y');
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(events.at(-1)).toEqual({ event: 'task:progress', taskId: 't', done: 5, total: 5, labelKey: 'y' });
  });

  it('sends nothing for work that never reported progress', async () => {
    const { ctx, events } = recordingContext();
    await withProgress(ctx, 't', async () => 1);
    expect(events).toEqual([]);
  });
});

/**
 * Long work reports 'task:progress' events to the window that asked for it.
 * Whatever happens, the task ends with a final "done" event, so a bar never
 * stays on screen after an export or import that failed partway.
 */
import type { Progress } from '../../services/exchange/export-service';
import type { CallContext } from '../router';

export async function withProgress<T>(ctx: CallContext, taskId: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  let last: { done: number; total: number; labelKey: string } | null = null;
  const progress: Progress = (done, total, labelKey) => {
    last = { done, total, labelKey };
    ctx.emit('task:progress', { taskId, done, total, labelKey });
  };
  try {
    return await work(progress);
  } finally {
    const final = last as { done: number; total: number; labelKey: string } | null;
    // Unless the work's own last event already said "done".
    if (final && !(final.total > 0 && final.done >= final.total)) {
      const total = Math.max(final.total, 1);
      ctx.emit('task:progress', { taskId, done: total, total, labelKey: final.labelKey });
    }
  }
}

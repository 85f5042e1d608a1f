/**
 * Progress of long work (imports, exports, demo data): main sends
 * 'task:progress' events; this shows one bar per running task and removes
 * it as soon as it finishes (the screen then shows the result). Mounted
 * once, at the top of the app frame's main area, in the page flow: it
 * never covers content. Each bar is a native <progress> (role progressbar,
 * its value the current step) named by its label.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../src-shared/ipc/contract/index';
import { on } from '../api/client';
import { tData } from '../../src-shared/i18n/index';

type Task = EventPayload<'task:progress'>;

export function TaskProgress() {
  const [tasks, setTasks] = useState<Record<string, Task>>({});

  useEffect(
    () =>
      on('task:progress', (task) => {
        setTasks((all) => {
          if (task.total > 0 && task.done >= task.total) {
            // Finished: gone at once, not lingering over the result.
            const { [task.taskId]: _finished, ...rest } = all;
            return rest;
          }
          return { ...all, [task.taskId]: task };
        });
      }),
    [],
  );

  const list = Object.values(tasks);
  if (list.length === 0) return null;
  return (
    <div className="task-progress">
      {list.map((task) => (
        <ProgressBar key={task.taskId} labelKey={task.labelKey} done={task.done} total={task.total} />
      ))}
    </div>
  );
}

/** One labelled bar; `total` 0 means "we do not know yet" (an indeterminate bar). */
export function ProgressBar({ labelKey, done, total }: { labelKey: string; done: number; total: number }) {
  const { t } = useTranslation();
  // The label key comes with the task:progress event.
  const label = tData(t, labelKey);
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress">
      <span className="progress-label">{label}</span>
      <progress aria-label={label} max={total > 0 ? total : undefined} value={total > 0 ? Math.min(done, total) : undefined} />
      <span className="progress-count">{percent === null ? '' : t('ui.progress.count', { done, total, percent })}</span>
    </div>
  );
}

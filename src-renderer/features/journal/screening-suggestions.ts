/**
 * The screening form's e-journal help: for each risk factor a signal is
 * evidence for, the signal worded as a justification the person can take in
 * one click (and then edit). Nothing is answered automatically.
 */
import { useCallback, useMemo } from 'react';
import type { JournalSignal } from '../../../src-shared/domain/e-journal';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { useJustificationText } from './signal-text';

export function useJournalSuggestions(studentId: string, semesterId: string, editable: boolean): (riskFactorId: string) => string | undefined {
  const session = useSession();
  const enabled = editable && session.organisation.mode === 'school';
  const trend = useLoad('journal:trend', { studentId }, { enabled });
  const justification = useJustificationText();
  const byFactor = useMemo(() => {
    const periods = trend.data?.periods ?? [];
    // This semester's import; before there is one, the latest earlier semester's.
    const period = periods.find((p) => p.semesterId === semesterId) ?? [...periods].reverse().find((p) => p.semesterId < semesterId);
    const map = new Map<string, JournalSignal[]>();
    for (const s of period?.signals ?? []) map.set(s.riskFactorId, [...(map.get(s.riskFactorId) ?? []), s]);
    return { period, map };
  }, [trend.data, semesterId]);
  return useCallback(
    (riskFactorId: string) => {
      const signals = byFactor.map.get(riskFactorId);
      return enabled && signals && byFactor.period ? justification(byFactor.period.semesterId, signals) : undefined;
    },
    [byFactor, enabled, justification],
  );
}

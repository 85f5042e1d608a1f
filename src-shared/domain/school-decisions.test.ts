import { describe, expect, it } from 'vitest';
import { deadlineView, measureDecisionNote } from './school-decisions';

describe('deadlineView', () => {
  it('none without deadlines, or when every deadline passed after a package was sent', () => {
    expect(deadlineView([], '2025-10-15', [])).toEqual({ deadline: null, state: 'none', days: null });
    expect(deadlineView(['2025-10-01'], '2025-10-15', ['2025-09-30'])).toEqual({ deadline: null, state: 'none', days: null });
  });

  it('the next deadline, today or later: soon within 7 days, ok beyond', () => {
    expect(deadlineView(['2025-10-15', '2026-01-20'], '2025-10-15', [])).toEqual({ deadline: '2025-10-15', state: 'soon', days: 0 });
    expect(deadlineView(['2025-10-22'], '2025-10-15', [])).toEqual({ deadline: '2025-10-22', state: 'soon', days: 7 });
    expect(deadlineView(['2025-10-23'], '2025-10-15', [])).toEqual({ deadline: '2025-10-23', state: 'ok', days: 8 });
    // Unsorted input is sorted first.
    expect(deadlineView(['2026-01-20', '2025-10-20'], '2025-10-15', []).deadline).toBe('2025-10-20');
  });

  it('overdue when the last deadline passed with nothing sent since the one before it', () => {
    expect(deadlineView(['2025-10-10', '2025-12-01'], '2025-10-15', [])).toEqual({ deadline: '2025-10-10', state: 'overdue', days: -5 });
    // Sent before an earlier deadline only: still overdue for the last one.
    expect(deadlineView(['2025-09-20', '2025-10-10'], '2025-10-15', ['2025-09-19']).state).toBe('overdue');
    // Sent late, after the deadline: the next deadline is what counts again.
    expect(deadlineView(['2025-10-10', '2025-12-01'], '2025-10-15', ['2025-10-12'])).toEqual({ deadline: '2025-12-01', state: 'ok', days: 47 });
    // Sent in time.
    expect(deadlineView(['2025-10-10', '2025-12-01'], '2025-10-15', ['2025-10-09']).state).toBe('ok');
  });
});

describe('measureDecisionNote', () => {
  it('refused wins; a smaller approved amount is named; as planned or not money says nothing', () => {
    expect(measureDecisionNote({ plannedCents: 5000, approvedCents: 3000, refused: true })).toEqual({ kind: 'refused' });
    expect(measureDecisionNote({ plannedCents: 5000, approvedCents: 3000, refused: false })).toEqual({ kind: 'approvedLess', approvedCents: 3000 });
    expect(measureDecisionNote({ plannedCents: 5000, approvedCents: 5000, refused: false })).toBeNull();
    expect(measureDecisionNote({ plannedCents: 5000, approvedCents: null, refused: false })).toBeNull();
    expect(measureDecisionNote({ plannedCents: null, approvedCents: null, refused: false })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { WaitingPlan } from '../../../src-shared/domain/plan';
import { sortWaiting } from '../../ui/waiting-sort';

const plan = (id: string, studentName: string, classLabel: string, sentAt: string | null, updatedAt = '2025-09-01T00:00:00.000Z'): WaitingPlan => ({
  grade: Number(classLabel.split('.')[0]),
  educationLevel: 'general',
  id,
  code: `P-${id}`,
  studentId: `s-${id}`,
  studentName,
  classLabel: classLabel.split('.')[1]!,
  semesterId: '2025/26-1',
  status: 'inApproval',
  authorId: 'u',
  updatedAt,
  reason: 'toApprove',
  sentBy: 'Anna',
  sentAt,
});

describe('the waiting queue (issue 16, item 12)', () => {
  const rows = [
    plan('a', 'Elza Ozola', '10.a', '2025-10-02T08:00:00.000Z'),
    plan('b', 'Elīna Kalna', '7.b', '2025-09-20T08:00:00.000Z'),
    plan('c', 'Ābele Jānis', '9.a', null, '2025-09-25T08:00:00.000Z'),
  ];
  it('puts the longest waiting first, a plan without a known submission by its last change', () => {
    expect(sortWaiting(rows, 'sentAt', 'asc').map((p) => p.id)).toEqual(['b', 'c', 'a']);
    expect(sortWaiting(rows, 'sentAt', 'desc').map((p) => p.id)).toEqual(['a', 'c', 'b']);
  });
  it('sorts names in Latvian order and classes by number', () => {
    expect(sortWaiting(rows, 'student', 'asc').map((p) => p.studentName)).toEqual(['Ābele Jānis', 'Elīna Kalna', 'Elza Ozola']);
    expect(sortWaiting(rows, 'class', 'asc').map((p) => `${p.grade}.${p.classLabel}`)).toEqual(['7.b', '9.a', '10.a']);
  });
});

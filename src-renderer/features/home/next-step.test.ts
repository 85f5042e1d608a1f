import { describe, expect, it } from 'vitest';
import { can, type Role } from '../../../src-shared/domain/roles';
import { nextStep } from './next-step';

const as =
  (...roles: Role[]) =>
  (permission: Parameters<typeof can>[1]) =>
    can(roles, permission);

describe('the next step a starting school is shown (issue 16, item 14)', () => {
  it('goes calendar, students, first plan, then nothing', () => {
    const coordinator = as('coordinator');
    expect(nextStep({ semesterId: null, activeStudents: 0, plans: 0, can: coordinator })).toBe('calendar');
    expect(nextStep({ semesterId: '2025/26-1', activeStudents: 0, plans: 0, can: coordinator })).toBe('students');
    expect(nextStep({ semesterId: '2025/26-1', activeStudents: 12, plans: 0, can: coordinator })).toBe('firstPlan');
    expect(nextStep({ semesterId: '2025/26-1', activeStudents: 12, plans: 1, can: coordinator })).toBeNull();
    // With plans the students are not counted (0 here): still nothing to push.
    expect(nextStep({ semesterId: '2025/26-1', activeStudents: 0, plans: 1, can: coordinator })).toBeNull();
  });
  it('suggests only what the person may do', () => {
    expect(nextStep({ semesterId: '2025/26-1', activeStudents: 0, plans: 0, can: as('readOnly') })).toBeNull();
    expect(nextStep({ semesterId: null, activeStudents: 0, plans: 0, can: as('director') })).toBeNull();
  });
});

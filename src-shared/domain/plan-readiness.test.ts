import { describe, expect, it } from 'vitest';
import { readinessChecklist, submissionProblems, type ReadinessInput } from './plan-readiness';

const ready: ReadinessInput = {
  goals: 'Regulāri apmeklēt skolu',
  consent: { by: 'Anna Bērziņa', relation: 'mother', on: '2025-09-15' },
  studentBirthDate: '2012-03-04',
  measures: [{ justification: 'Kavē', riskFactorIds: ['school.absences'] }],
  presentRiskFactorIds: new Set(['school.absences']),
  today: '2025-10-01',
};
const checklist = (input: ReadinessInput) => Object.fromEntries(readinessChecklist(submissionProblems(input)).map(({ item, ok }) => [item, ok]));

describe('readiness checklist', () => {
  it('ticks every item for a plan the rule accepts', () => {
    expect(submissionProblems(ready)).toEqual([]);
    expect(checklist(ready)).toEqual({ goals: true, consent: true, measures: true, measuresComplete: true });
  });

  it('shows the consent rules the service applies: an adult consents personally, a minor through a parent', () => {
    expect(checklist({ ...ready, studentBirthDate: '2005-01-01' }).consent).toBe(false);
    expect(checklist({ ...ready, consent: { ...ready.consent!, relation: 'student' } }).consent).toBe(false);
    expect(checklist({ ...ready, consent: { ...ready.consent!, on: '2025-10-02' } }).consent).toBe(false);
    expect(checklist({ ...ready, consent: null })).toEqual({ goals: true, consent: false, measures: true, measuresComplete: true });
  });

  it('marks measures missing or incomplete separately', () => {
    expect(checklist({ ...ready, measures: [] })).toMatchObject({ measures: false, measuresComplete: false });
    expect(checklist({ ...ready, presentRiskFactorIds: new Set() })).toMatchObject({ measures: true, measuresComplete: false });
    expect(checklist({ ...ready, goals: ' ' })).toMatchObject({ goals: false, consent: true });
  });
});

/**
 * Plans that need the municipality, made through the real services in a
 * demo school (exchange-fixture's makeSchool): a plan author writes a draft
 * with a consultation and a compensation, submits it, a director approves.
 */
import type { PlanView } from '../../../../src-shared/domain/plan';
import type { Actor, Role } from '../../../../src-shared/domain/roles';
import type { Installation } from '../../exchange/testing/exchange-fixture';

/** An opened school app: an Installation, or an app opened on a CLI data folder. */
export type SchoolApp = Pick<Installation, 'app' | 'raw'>;

export const SEMESTER = '2025/26-2';

function staffWith(school: SchoolApp, role: Role, not?: string): Actor {
  const row = school.raw
    .prepare(`SELECT u.id, u.display_name AS name FROM staff_user u JOIN staff_role r ON r.user_id = u.id WHERE r.role = ? AND u.id != ? ORDER BY u.id LIMIT 1`)
    .get(role, not ?? '') as { id: string; name: string } | undefined;
  if (!row) throw new Error(`demo school has no ${role}`);
  const roles = (school.raw.prepare('SELECT role FROM staff_role WHERE user_id = ?').all(row.id) as { role: Role }[]).map((r) => r.role);
  return { userId: row.id, name: row.name, roles };
}

export const authorOf = (school: SchoolApp) => staffWith(school, 'planAuthor');
export const directorOf = (school: SchoolApp) => staffWith(school, 'director', authorOf(school).userId);

/** Active students without a plan in the semester. */
export function freeStudents(school: SchoolApp, n: number, semesterId = SEMESTER): string[] {
  const rows = school.raw
    .prepare(
      `SELECT s.id FROM student s WHERE s.status = 'active' AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.student_id = s.id AND p.semester_id = ?) ORDER BY s.id LIMIT ?`,
    )
    .all(semesterId, n) as { id: string }[];
  if (rows.length < n) throw new Error('not enough students without a plan');
  return rows.map((r) => r.id);
}

/** A plan with a psychologist (120 min) and public transport (`cents`), submitted and approved by the director. */
export async function approvedPlanWithCompensation(school: SchoolApp, studentId: string, cents = 5000, semesterId = SEMESTER): Promise<PlanView> {
  const author = authorOf(school);
  const plans = school.app.services.supportPlans.plans;
  const screened = school.raw.prepare('SELECT version FROM screening WHERE student_id = ? AND semester_id = ?').get(studentId, semesterId) as
    { version: number } | undefined;
  await school.app.services.supportPlans.screenings.save(author, {
    studentId,
    semesterId,
    ...(screened ? { version: screened.version } : {}),
    answers: [
      { riskFactorId: 'school.absences', answer: 'present', justification: 'Kavējumi' },
      { riskFactorId: 'economic.transport', answer: 'present', justification: 'Biļetes' },
    ],
  });
  const draft = await plans.create(author, { studentId, semesterId, goals: 'Mazināt kavējumus' });
  const filled = await plans.update(author, {
    planId: draft.id,
    version: draft.version,
    goals: 'Mazināt kavējumus',
    consent: { by: 'Māte', relation: 'mother', on: '2026-02-02' },
    measures: [
      {
        kindCode: 'consultation.psychologist',
        plannedMinutes: 120,
        startsOn: '2026-02-02',
        endsOn: '2026-05-29',
        justification: 'Motivācija',
        riskFactorIds: ['school.absences'],
      },
      {
        kindCode: 'compensation.publicTransport',
        plannedCents: cents,
        startsOn: '2026-02-02',
        endsOn: '2026-05-29',
        justification: 'Biļetes',
        riskFactorIds: ['economic.transport'],
      },
    ],
  });
  const submitted = await plans.transition(author, { planId: filled.id, version: filled.version, action: 'submit' });
  return plans.transition(directorOf(school), { planId: submitted.id, version: submitted.version, action: 'approve' });
}

export const coordinatorOf = (school: SchoolApp) => staffWith(school, 'coordinator');

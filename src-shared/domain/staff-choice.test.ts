import { describe, expect, it } from 'vitest';
import type { StaffMember } from './staff';
import { compareNames, specialistChoices, specialistKindFor } from './staff-choice';

const person = (
  id: string,
  displayName: string,
  roles: StaffMember['roles'],
  specialistKind: StaffMember['specialistKind'] = null,
  active = true,
): StaffMember => ({
  id,
  username: id,
  displayName,
  roles,
  specialistKind,
  active,
  lockedUntil: null,
  createdAt: '2025-09-01T00:00:00Z',
  updatedAt: '2025-09-01T00:00:00Z',
});

const staff = [
  person('dir', 'Dace Direktore', ['director']),
  person('ro', 'Rita Lasītāja', ['readOnly']),
  person('elza', 'Elza Ozola', ['specialist'], 'teacher'),
  person('elina', 'Elīna Kalna', ['specialist'], 'teacher'),
  person('psy', 'Pēteris Zariņš', ['planAuthor', 'specialist'], 'psychologist'),
  person('anna1', 'Anna Lāce', ['specialist'], 'teacher'),
  person('anna2', 'Anna Lāce', ['specialist'], 'teacher'),
  person('gone', 'Gatis Aizgājis', ['specialist'], 'psychologist', false),
  person('coord', 'Ilze Koordinatore', ['coordinator', 'planAuthor']),
];

describe('the specialist pick-list for a delivery', () => {
  it("defaults to the measure's responsible person and lists those of its kind first", () => {
    const c = specialistChoices(staff, { kindCode: 'consultation.psychologist', responsibleId: 'psy' }, 'coord');
    expect(c.defaultId).toBe('psy');
    expect(c.suited.map((p) => p.id)).toEqual(['psy']);
    expect(c.others.map((p) => p.id)).toEqual(['anna1', 'anna2', 'elina', 'elza']);
  });

  it('leaves out directors, read-only users and people no longer active', () => {
    const c = specialistChoices(staff, { kindCode: 'consultation.teacher', responsibleId: null }, null);
    const ids = [...c.suited, ...c.others].map((p) => p.id);
    for (const id of ['dir', 'ro', 'gone', 'coord']) expect(ids).not.toContain(id);
    expect(c.defaultId).toBeNull();
  });

  it('keeps a responsible person who is no specialist, and tells namesakes apart by user name only', () => {
    const c = specialistChoices(staff, { kindCode: 'consultation.teacher', responsibleId: 'coord' }, 'elza');
    expect(c.defaultId).toBe('coord');
    expect(c.suited.map((p) => [p.id, p.username])).toEqual([
      ['anna1', 'anna1'],
      ['anna2', 'anna2'],
      ['elina', null],
      ['elza', null],
      ['coord', null],
    ]);
  });

  it('falls back to the signed-in user when the measure names nobody', () => {
    expect(specialistChoices(staff, { kindCode: 'consultation.teacher', responsibleId: null }, 'elza').defaultId).toBe('elza');
  });

  it('sorts names in Latvian order, and reads the kind from the measure kind code', () => {
    expect(['Elza', 'Elīna', 'Čaks', 'Cēsis'].sort(compareNames)).toEqual(['Cēsis', 'Čaks', 'Elīna', 'Elza']);
    expect(specialistKindFor('consultation.psychologist')).toBe('psychologist');
    expect(specialistKindFor('consultation.speechClub')).toBeNull();
    expect(specialistKindFor('compensation.transport')).toBeNull();
  });
});

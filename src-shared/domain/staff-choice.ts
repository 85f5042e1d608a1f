/**
 * Who may be picked as the specialist who gave a consultation, and in what
 * order: the measure's responsible person and those of the kind the measure
 * names ("consultation.psychologist" → psychologists) first, then the other
 * specialists; directors and read-only users who give no support are left
 * out. Names sort in Latvian order (Elīna before Elza), and two people with
 * the same name and kind are told apart by their user names.
 */
import { SPECIALIST_KINDS, type SpecialistKind, type StaffMember } from './staff';

export interface StaffChoice {
  id: string;
  displayName: string;
  specialistKind: SpecialistKind | null;
  /** The user name, only where it is needed to tell namesakes apart. */
  username: string | null;
}

export interface StaffChoices {
  suited: StaffChoice[];
  others: StaffChoice[];
  /** The one to preselect: the responsible person, else the signed-in user if listed, else none. */
  defaultId: string | null;
}

const collator = new Intl.Collator('lv', { sensitivity: 'base' });

/** Latvian order for people's names (the register's order): Elīna before Elza, Č after C. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The specialist kind a measure kind asks for, from its code ("consultation.psychologist"), if any. */
export function specialistKindFor(kindCode: string): SpecialistKind | null {
  const [category, kind] = kindCode.split('.');
  return category === 'consultation' && (SPECIALIST_KINDS as readonly string[]).includes(kind ?? '') ? (kind as SpecialistKind) : null;
}

export function specialistChoices(
  staff: readonly StaffMember[],
  measure: { kindCode: string; responsibleId: string | null },
  signedInId: string | null,
): StaffChoices {
  const wanted = specialistKindFor(measure.kindCode);
  const gives = (p: StaffMember) => p.roles.includes('specialist') || p.specialistKind !== null;
  const listed = staff.filter((p) => p.active && (gives(p) || p.id === measure.responsibleId));
  const sameName = new Map<string, number>();
  for (const p of listed) {
    const key = `${p.displayName.trim().toLocaleLowerCase('lv')}|${p.specialistKind ?? ''}`;
    sameName.set(key, (sameName.get(key) ?? 0) + 1);
  }
  const choice = (p: StaffMember): StaffChoice => ({
    id: p.id,
    displayName: p.displayName,
    specialistKind: p.specialistKind,
    username: (sameName.get(`${p.displayName.trim().toLocaleLowerCase('lv')}|${p.specialistKind ?? ''}`) ?? 0) > 1 ? p.username : null,
  });
  const byName = (a: StaffChoice, b: StaffChoice) => compareNames(a.displayName, b.displayName) || compareNames(a.username ?? '', b.username ?? '');
  const isSuited = (p: StaffMember) => p.id === measure.responsibleId || (wanted !== null && p.specialistKind === wanted);
  const suited = listed.filter(isSuited).map(choice).sort(byName);
  const others = listed
    .filter((p) => !isSuited(p))
    .map(choice)
    .sort(byName);
  const all = [...suited, ...others];
  const defaultId = all.some((c) => c.id === measure.responsibleId)
    ? measure.responsibleId
    : signedInId && all.some((c) => c.id === signedInId)
      ? signedInId
      : null;
  return { suited, others, defaultId };
}

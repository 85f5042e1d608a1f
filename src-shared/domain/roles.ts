/**
 * Staff roles and what each may do. The services enforce this table (the UI
 * only uses it to hide what would be refused anyway).
 */
export const ROLES = ['coordinator', 'planAuthor', 'specialist', 'director', 'readOnly'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles each kind of installation offers: a municipality or the state
 * writes no plans and gives no support, so it has a coordinator (settings,
 * users, keys, imports) and people who only read what was imported.
 */
export const ROLES_BY_MODE: Record<'school' | 'municipality' | 'state', readonly Role[]> = {
  school: ROLES,
  municipality: ['coordinator', 'readOnly'],
  state: ['coordinator', 'readOnly'],
};

export const PERMISSIONS = [
  'school.read',
  'school.admin', // profile, calendar, catalogues, rates and caps, users
  'student.write',
  'screening.write',
  'plan.write', // draft, edit, submit, revise, close, start next
  'plan.approve', // school-level approval
  'plan.suspend',
  'delivery.write',
  'outcome.write',
  'exchange.export',
  'exchange.import',
  'exchange.enrol', // own keys and key card, enrolling senders, trusting the recipient
  'imported.read', // municipality and state: browse what was imported
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  coordinator: [
    'school.read',
    'school.admin',
    'student.write',
    'screening.write',
    'plan.write',
    'plan.suspend',
    'delivery.write',
    'outcome.write',
    'exchange.export',
    'exchange.import',
    'exchange.enrol',
    'imported.read',
  ],
  planAuthor: ['school.read', 'student.write', 'screening.write', 'plan.write', 'delivery.write', 'outcome.write'],
  specialist: ['school.read', 'delivery.write'],
  director: ['school.read', 'plan.approve', 'plan.suspend', 'imported.read'],
  readOnly: ['school.read', 'imported.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => MATRIX[role]));
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => MATRIX[role].includes(permission));
}

/** Who is acting: a signed-in staff member, or the CLI run by an admin. */
export interface Actor {
  userId: string;
  name: string;
  roles: Role[];
}

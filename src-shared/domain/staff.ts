/**
 * Staff accounts: local users of one school's installation, with roles
 * (src-shared/domain/roles.ts). Accounts are deactivated, never deleted: the
 * audit log and the plans keep pointing at them.
 */
import { z } from 'zod';
import { ROLES } from './roles';

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any pass phrase, short enough that hashing cannot be used to stall the app. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Kinds of specialist who give consultations (domain.md, "Support measures"). */
export const SPECIALIST_KINDS = [
  'teacher',
  'psychologist',
  'socialPedagogue',
  'teachersAssistant',
  'specialEducationTeacher',
  'signLanguageInterpreter',
  'assistant',
  'occupationalTherapist',
] as const;
export type SpecialistKind = (typeof SPECIALIST_KINDS)[number];

export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, 'errors.field.passwordTooShort').max(PASSWORD_MAX_LENGTH, 'errors.field.tooLong');

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'errors.field.username')
  .max(64, 'errors.field.username')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'errors.field.username');

/**
 * The one spelling of a user name that is stored and looked up: trimmed, NFC,
 * lower case in Latvian. The column's COLLATE NOCASE folds only A-Z, so
 * without this "ĀDAMS" and "ādams" (or a decomposed "ā") would be two accounts.
 */
export function normaliseUsername(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('lv').normalize('NFC');
}

export const displayNameSchema = z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong');

const rolesSchema = z.array(z.enum(ROLES, 'errors.field.notAllowed')).min(1, 'errors.field.rolesRequired').max(ROLES.length);

export const staffCreateInputSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  roles: rolesSchema,
  specialistKind: z.enum(SPECIALIST_KINDS, 'errors.field.notAllowed').nullable().default(null),
});
export type StaffCreateInput = z.input<typeof staffCreateInputSchema>;

/** Only the fields given change. */
export const staffUpdateInputSchema = z.object({
  id: z.string().min(1).max(100),
  displayName: displayNameSchema.optional(),
  roles: rolesSchema.optional(),
  specialistKind: z.enum(SPECIALIST_KINDS, 'errors.field.notAllowed').nullable().optional(),
  active: z.boolean().optional(),
});
export type StaffUpdateInput = z.input<typeof staffUpdateInputSchema>;

export const staffMemberSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  specialistKind: z.enum(SPECIALIST_KINDS).nullable(),
  active: z.boolean(),
  /** Set while sign-in is refused after repeated failures. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** The first coordinator, made at set-up. */
export const firstCoordinatorSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type FirstCoordinatorInput = z.input<typeof firstCoordinatorSchema>;

export const actorSchema = z.object({ userId: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) });

/**
 * Staff accounts and their roles, administered by coordinators: create,
 * change roles or name, deactivate (never delete), reset a password. At least
 * one active coordinator always remains, so the school can never lock itself
 * out of its own administration.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Actor, Role } from '../../../src-shared/domain/roles';
import {
  normaliseUsername,
  passwordSchema,
  staffCreateInputSchema,
  staffUpdateInputSchema,
  type SpecialistKind,
  type StaffCreateInput,
  type StaffMember,
  type StaffUpdateInput,
} from '../../../src-shared/domain/staff';
import { compareNames } from '../../../src-shared/domain/staff-choice';
import { AppError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB, Db } from '../../db/schema';
import type { StaffUserTable } from '../../db/school-tables';
import type { Clock } from '../../ports/clock';
import { requirePermission } from './access';
import { recordAudit } from '../audit';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash';

export interface NewStaffUser {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  specialistKind: SpecialistKind | null;
}

/** Inserts an account and its roles (the caller validates, hashes, and audits), its user name normalised. Returns its id. */
export async function insertStaffUser(db: Db, user: NewStaffUser, at: Date): Promise<string> {
  const username = normaliseUsername(user.username);
  const taken = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', { details: { fields: [{ path: 'username', messageKey: 'errors.field.usernameTaken' }] } });
  const id = randomUUID();
  const now = at.toISOString();
  await db
    .insertInto('staff_user')
    .values({
      id,
      username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      specialist_kind: user.specialistKind,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('staff_role')
    .values([...new Set(user.roles)].map((role) => ({ user_id: id, role })))
    .execute();
  return id;
}

/** The actor for an active account, with its current roles; null if unknown or deactivated. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom('staff_user').select(['id', 'display_name', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.active !== 1) return null;
  const roles = await db.selectFrom('staff_role').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return { userId: user.id, name: user.display_name, roles: roles.map((r) => r.role) };
}

async function activeCoordinatorCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff_user')
    .innerJoin('staff_role', 'staff_role.user_id', 'staff_user.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_user.active', '=', 1)
    .where('staff_role.role', '=', 'coordinator')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function toMember(row: Selectable<StaffUserTable>, roles: Role[], now: string): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    specialistKind: row.specialist_kind as SpecialistKind | null,
    active: row.active === 1,
    lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class StaffService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly hashParams: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  /** Every account, active first, by name. Anyone signed in may see who is on staff (to pick a specialist). */
  async list(actor: Actor): Promise<StaffMember[]> {
    requirePermission(actor, 'school.read');
    return this.members();
  }

  async get(actor: Actor, id: string): Promise<StaffMember> {
    requirePermission(actor, 'school.read');
    const member = (await this.members(id))[0];
    if (!member) throw new AppError('NOT_FOUND');
    return member;
  }

  async create(actor: Actor, input: StaffCreateInput): Promise<StaffMember> {
    requirePermission(actor, 'school.admin');
    const parsed = staffCreateInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const user = parsed.data;
    const passwordHash = await hashPassword(user.password, this.hashParams);
    const at = this.clock.now();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await insertStaffUser(trx, { ...user, passwordHash }, at);
      await recordAudit(trx, actor, at, { action: 'create', entity: 'staff_user', entityId: newId, detail: { roles: user.roles } });
      return newId;
    });
    return this.get(actor, id);
  }

  /** Changes name, roles, specialist kind or active flag; the last active coordinator cannot lose that. */
  async update(actor: Actor, input: StaffUpdateInput): Promise<StaffMember> {
    requirePermission(actor, 'school.admin');
    const parsed = staffUpdateInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const change = parsed.data;
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('staff_user').select('id').where('id', '=', change.id).executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND');
      const set: Partial<Pick<StaffUserTable, 'display_name' | 'specialist_kind' | 'updated_at'>> & { active?: 0 | 1 } = { updated_at: at.toISOString() };
      if (change.displayName !== undefined) set.display_name = change.displayName;
      if (change.specialistKind !== undefined) set.specialist_kind = change.specialistKind;
      if (change.active !== undefined) set.active = change.active ? 1 : 0;
      await trx.updateTable('staff_user').set(set).where('id', '=', change.id).execute();
      if (change.roles) {
        await trx.deleteFrom('staff_role').where('user_id', '=', change.id).execute();
        await trx
          .insertInto('staff_role')
          .values([...new Set(change.roles)].map((role) => ({ user_id: change.id, role })))
          .execute();
      }
      if ((await activeCoordinatorCount(trx)) < 1) {
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.staff.lastCoordinator' });
      }
      const fields = (['displayName', 'roles', 'specialistKind', 'active'] as const).filter((f) => change[f] !== undefined);
      const detail: Record<string, unknown> = { fields };
      if (change.roles) detail.roles = change.roles;
      if (change.active !== undefined) detail.active = change.active;
      await recordAudit(trx, actor, at, { action: 'update', entity: 'staff_user', entityId: change.id, detail });
    });
    return this.get(actor, change.id);
  }

  /** Sets a new password chosen by the coordinator and lifts any lockout. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    requirePermission(actor, 'school.admin');
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error).map((e) => ({ ...e, path: 'password' })));
    const passwordHash = await hashPassword(parsed.data, this.hashParams);
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('staff_user')
        .set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: at.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
      await recordAudit(trx, actor, at, { action: 'update', entity: 'staff_user', entityId: id, detail: { fields: ['password'] } });
    });
  }

  private async members(id?: string): Promise<StaffMember[]> {
    let query = this.db.selectFrom('staff_user').selectAll();
    if (id !== undefined) query = query.where('id', '=', id);
    // Active first, then by name in Latvian order (Elīna before Elza), as the register sorts.
    const users = (await query.execute()).sort(
      (a, b) => Number(b.active) - Number(a.active) || compareNames(a.display_name, b.display_name) || a.username.localeCompare(b.username),
    );
    let rolesQuery = this.db.selectFrom('staff_role').selectAll();
    if (id !== undefined) rolesQuery = rolesQuery.where('user_id', '=', id);
    const roles = await rolesQuery.orderBy('role').execute();
    const now = this.clock.now().toISOString();
    return users.map((u) =>
      toMember(
        u,
        roles.filter((r) => r.user_id === u.id).map((r) => r.role),
        now,
      ),
    );
  }
}

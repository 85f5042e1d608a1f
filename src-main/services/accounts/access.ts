/** Role checks for services: every write starts with `requirePermission`. */
import { can, type Actor, type Permission } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';

export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError('NOT_SIGNED_IN');
  if (!can(actor.roles, permission)) {
    throw new AppError('FORBIDDEN', { details: { params: { permission } } });
  }
  return actor;
}

/**
 * Refuses (FORBIDDEN) what does not belong in this installation's mode: the
 * school's own data in a municipality's or the state's app, the imported
 * views in a school's. NOT_SET_UP before there is an organisation.
 */
export async function requireMode<M extends DB['organisation']['mode']>(db: Db, allowed: readonly M[]): Promise<M> {
  const org = await db.selectFrom('organisation').select('mode').where('id', '=', 1).executeTakeFirst();
  if (!org) throw new AppError('NOT_SET_UP');
  if (!(allowed as readonly string[]).includes(org.mode)) throw new AppError('FORBIDDEN', { details: { params: { mode: org.mode } } });
  return org.mode as M;
}

/** The actor for admin commands run from the CLI on the machine itself. */
export function cliActor(osUser: string): Actor {
  return { userId: `cli:${osUser}`, name: `CLI (${osUser})`, roles: ['coordinator', 'director'] };
}

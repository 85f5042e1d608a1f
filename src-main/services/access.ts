/** Role checks for services: every write starts with `requirePermission`. */
import { can, type Actor, type Permission } from '../../src-shared/domain/roles';
import { AppError } from '../../src-shared/ipc/result';

export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError('NOT_SIGNED_IN');
  if (!can(actor.roles, permission)) {
    throw new AppError('FORBIDDEN', { details: { params: { permission } } });
  }
  return actor;
}

/** The actor for admin commands run from the CLI on the machine itself. */
export function cliActor(osUser: string): Actor {
  return { userId: `cli:${osUser}`, name: `CLI (${osUser})`, roles: ['coordinator', 'director'] };
}

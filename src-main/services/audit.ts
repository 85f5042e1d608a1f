/**
 * The audit log: every create, change, delete, and every opening of a
 * student's record, with who and when. Append-only (triggers in migration
 * 0002 refuse UPDATE and DELETE). Write it in the same transaction as the
 * change it records. Details hold ids and codes, never free text about a
 * child.
 */
import type { Actor } from '../../src-shared/domain/roles';
import type { AuditLogTable } from '../db/school-tables';
import type { Db } from '../db/schema';

export type AuditAction = AuditLogTable['action'];

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_id: actor.userId,
      actor_name: actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/**
 * The audit log's hash chain. Each row carries `prev_hash` (the hash of the
 * row before it, '' for the first) and `hash` = SHA-256 over its id, its
 * prev_hash and every column. A trigger (migration 0008) fills both on every
 * insert through the SQL function registered here, so every way of writing
 * the log is chained; the append-only triggers refuse any later change.
 * Whoever drops the triggers and edits, deletes or inserts a row breaks
 * the chain, and verifyAuditChain finds where. Deleting rows from the end
 * is found through sqlite_sequence (AUTOINCREMENT keeps the highest id ever
 * used). What the chain cannot prove: that someone who also recomputes
 * every hash after an edit did not do so; the encrypted database and the
 * key kept in the OS key store are what stand in their way.
 */
import { createHash } from 'node:crypto';
import type { AuditChainProblemKind } from '../../src-shared/domain/data-safety';
import type { RawDatabase } from './encryption';

export const AUDIT_HASH_FUNCTION = 'pumpurs_audit_hash';

interface ChainedRow {
  id: number;
  prev_hash: string | null;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: string;
  hash: string | null;
}

/** The hash of one row given the hash before it. */
export function auditRowHash(id: number, prev: string, row: Omit<ChainedRow, 'id' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([id, prev, row.at, row.actor_id, row.actor_name, row.action, row.entity, row.entity_id, row.detail]), 'utf8')
    .digest('hex');
}

/** Registers pumpurs_audit_hash(id, prev, at, actor_id, actor_name, action, entity, entity_id, detail) on a connection. */
export function registerAuditFunctions(raw: RawDatabase): void {
  raw.function(AUDIT_HASH_FUNCTION, { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [id, prev, at, actorId, actorName, action, entity, entityId, detail] = args;
    return auditRowHash(Number(id), String(prev ?? ''), {
      at: String(at),
      actor_id: String(actorId),
      actor_name: String(actorName),
      action: String(action),
      entity: String(entity),
      entity_id: String(entityId),
      detail: String(detail),
    });
  });
}

export interface AuditChainProblem {
  /** The row where the chain breaks (for a cut end: the last id that should exist). */
  id: number;
  kind: AuditChainProblemKind;
}

export interface AuditChainReport {
  ok: boolean;
  rows: number;
  /** At most the first 100 problems, in id order. */
  problems: AuditChainProblem[];
}

/** Walks the whole log in id order and recomputes every hash. */
export function verifyAuditChain(raw: RawDatabase): AuditChainReport {
  const problems: AuditChainProblem[] = [];
  let prev = '';
  let rows = 0;
  let lastId = 0;
  const statement = raw.prepare('SELECT id, prev_hash, at, actor_id, actor_name, action, entity, entity_id, detail, hash FROM audit_log ORDER BY id');
  for (const row of statement.iterate() as IterableIterator<ChainedRow>) {
    rows += 1;
    lastId = row.id;
    if (problems.length >= 100) continue;
    if (row.hash === null || row.prev_hash === null) problems.push({ id: row.id, kind: 'unsealed' });
    else if (row.prev_hash !== prev) problems.push({ id: row.id, kind: 'unlinked' });
    else if (auditRowHash(row.id, row.prev_hash, row) !== row.hash) problems.push({ id: row.id, kind: 'changed' });
    prev = row.hash ?? '';
  }
  const sequence = raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  if (sequence && sequence.seq > lastId && problems.length < 100) problems.push({ id: sequence.seq, kind: 'endCut' });
  return { ok: problems.length === 0, rows, problems };
}

/**
 * The municipality's (or state's) store of what its senders sent:
 * imported_record, one row per (sender, period, type, id), holding the
 * record exactly as validated (canonical JSON).
 *
 * A package is a full snapshot of one sender's period, compared with what
 * the store holds for that sender and period:
 *
 * - created: not held yet (or held but withdrawn, and now back);
 * - unchanged: held with exactly the same JSON (the row keeps the package
 *   that last changed it);
 * - updated: held with other content, and the incoming edition is not older;
 * - withdrawn: held, but missing from the package; the row stays, marked
 *   with the package that withdrew it;
 * - conflicts: the incoming edition of a versioned record is older (lower
 *   version, or same version and an earlier updatedAt) than the one held.
 *   A package with any conflict is refused whole (RECORD_CONFLICT): an older
 *   record never overwrites a newer one.
 *
 * Writes use prepared statements on the raw connection, always inside the
 * caller's kysely transaction (which holds the one connection), so they are
 * part of that transaction and nothing else interleaves.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { OUTCOME_KINDS, RECORD_TYPES, VERSIONED_TYPES, type ImportSummary, type RecordType, type TypeCounts } from '../../../src-shared/domain/exchange';
import type { IncomingRecord } from './import-records';

interface HeldRecord {
  packageId: string;
  version: number;
  updatedAt: string | null;
  json: string;
  withdrawn: boolean;
}

export interface PlannedChanges {
  summary: ImportSummary;
  upserts: IncomingRecord[];
  withdrawals: Array<{ type: RecordType; id: string }>;
}

const MAX_LISTED_CONFLICTS = 50;
const key = (type: string, id: string) => `${type}\u0000${id}`;
const stampOf = (r: { version: number; updatedAt: string | null }) => [r.version, r.updatedAt === null ? 0 : Date.parse(r.updatedAt)] as const;

function emptyCounts(): TypeCounts {
  return Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as TypeCounts;
}

export class ImportedStore {
  private readonly selectHeld: Database.Statement<
    [string, string],
    { record_type: string; record_id: string; version: number; updated_at: string | null; record: string; package_id: string; withdrawn: number }
  >;
  private readonly upsert: Database.Statement<[string, string, string, string, number, string | null, string, string, string]>;
  private readonly withdraw: Database.Statement<[string, string, string, string, string, string]>;

  /** `types` and `versioned`: the record types of the package kind stored (the school report's by default). */
  constructor(
    raw: Database.Database,
    private readonly types: readonly string[] = RECORD_TYPES,
    private readonly versionedTypes: readonly string[] = VERSIONED_TYPES,
  ) {
    this.selectHeld = raw.prepare(
      'SELECT record_type, record_id, version, updated_at, record, package_id, withdrawn_at IS NOT NULL AS withdrawn FROM imported_record WHERE sender_id = ? AND period = ?',
    );
    this.upsert = raw.prepare(
      `INSERT INTO imported_record (sender_id, period, record_type, record_id, version, updated_at, record, package_id, imported_at, withdrawn_package_id, withdrawn_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)
       ON CONFLICT (sender_id, period, record_type, record_id) DO UPDATE SET
         version = excluded.version, updated_at = excluded.updated_at, record = excluded.record,
         package_id = excluded.package_id, imported_at = excluded.imported_at, withdrawn_package_id = NULL, withdrawn_at = NULL`,
    );
    this.withdraw = raw.prepare(
      'UPDATE imported_record SET withdrawn_package_id = ?, withdrawn_at = ? WHERE sender_id = ? AND period = ? AND record_type = ? AND record_id = ?',
    );
  }

  /**
   * Compares a package's records with what is held for (sender, period). Reads only.
   * `supersedable`: packages of a sender's earlier stream (before a coordinator
   * accepted a new one); what they hold is replaced even by an older edition.
   */
  plan(senderId: string, period: string, incoming: readonly IncomingRecord[], supersedable?: ReadonlySet<string>): PlannedChanges {
    const held = new Map<string, HeldRecord>();
    for (const row of this.selectHeld.iterate(senderId, period)) {
      held.set(key(row.record_type, row.record_id), {
        packageId: row.package_id,
        version: row.version,
        updatedAt: row.updated_at,
        json: row.record,
        withdrawn: row.withdrawn === 1,
      });
    }
    const byType = Object.fromEntries(this.types.map((t) => [t, emptyCounts()])) as Record<RecordType, TypeCounts>;
    const conflicts: ImportSummary['conflicts'] = [];
    const upserts: IncomingRecord[] = [];
    const seen = new Set<string>();
    const versioned = new Set<string>(this.versionedTypes);
    for (const record of incoming) {
      const k = key(record.type, record.id);
      seen.add(k);
      const counts = byType[record.type];
      const existing = held.get(k);
      if (existing === undefined) {
        counts.created++;
        upserts.push(record);
        continue;
      }
      if (versioned.has(record.type) && isOlder(record, existing) && !supersedable?.has(existing.packageId)) {
        counts.conflicts++;
        if (conflicts.length < MAX_LISTED_CONFLICTS) conflicts.push({ type: record.type, id: record.id });
        continue;
      }
      if (existing.withdrawn) {
        counts.created++;
        upserts.push(record);
      } else if (existing.json === record.json) {
        counts.unchanged++;
      } else {
        counts.updated++;
        upserts.push(record);
      }
    }
    const withdrawals: PlannedChanges['withdrawals'] = [];
    for (const [k, existing] of held) {
      if (seen.has(k) || existing.withdrawn) continue;
      const [type, id] = k.split('\u0000') as [RecordType, string];
      byType[type].withdrawn++;
      withdrawals.push({ type, id });
    }
    const total = emptyCounts();
    for (const counts of Object.values(byType)) for (const kind of OUTCOME_KINDS) total[kind] += counts[kind];
    return { summary: { byType, total, conflicts }, upserts, withdrawals };
  }

  /** Writes planned changes. Call only inside the transaction that also writes the ledger row. */
  apply(senderId: string, period: string, packageId: string, at: string, changes: PlannedChanges): void {
    for (const r of changes.upserts) this.upsert.run(senderId, period, r.type, r.id, r.version, r.updatedAt, r.json, packageId, at);
    for (const w of changes.withdrawals) this.withdraw.run(packageId, at, senderId, period, w.type, w.id);
  }
}

function isOlder(incoming: { version: number; updatedAt: string | null }, held: HeldRecord): boolean {
  const [iv, it] = stampOf(incoming);
  const [hv, ht] = stampOf(held);
  return iv < hv || (iv === hv && it < ht);
}

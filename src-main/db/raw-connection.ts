/**
 * The raw better-sqlite3 connection under a Kysely instance, for the few
 * hot reads that keep their statements prepared once per connection
 * (kysely compiles and prepares every query anew: see docs/performance.md,
 * "Fourth pass: export"). openDatabase registers each connection it opens;
 * a transaction object is not registered (its reads go through kysely).
 */
import type { Kysely } from 'kysely';
import type { RawDatabase } from './encryption';
import type { DB } from './schema';

const connections = new WeakMap<Kysely<DB>, RawDatabase>();

export function registerRawConnection(db: Kysely<DB>, raw: RawDatabase): void {
  connections.set(db, raw);
}

/** The connection openDatabase opened under `db`; throws for any other Kysely (a programming error, not a user's). */
export function rawConnectionOf(db: Kysely<DB>): RawDatabase {
  const raw = connections.get(db);
  if (raw === undefined) throw new Error('rawConnectionOf: this Kysely instance was not opened by openDatabase');
  return raw;
}

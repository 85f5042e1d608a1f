/**
 * The connection as kysely's SQLite dialect sees it, with its statements
 * prepared once per SQL text instead of at every execution. Kysely's driver
 * calls `prepare` for each query it runs; better-sqlite3 compiles the SQL
 * again each time (the import's per-package queries: the signer, the
 * ledger, the stream, the audit row, BEGIN and COMMIT: ~3% of a folder
 * import's CPU, docs/performance.md, "Sixth pass: import").
 *
 * A better-sqlite3 statement can be run again once it is done; `busy` says
 * it is still being iterated (a streamed query), and then a fresh one is
 * prepared. Bounded: the least recently used text is dropped past `size`
 * (queries with IN lists of varying length are each their own text).
 * SQLite re-prepares a cached statement itself after a schema change.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { RawDatabase } from './encryption';

export const STATEMENT_CACHE_SIZE = 256;

export function cachingStatements(raw: RawDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, ReturnType<RawDatabase['prepare']>>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Most recently used last.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = raw.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

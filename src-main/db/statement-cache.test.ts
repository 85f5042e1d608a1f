/**
 * Kysely's statements prepared once per SQL text (statement-cache.ts): the
 * same statement runs again, a statement still being iterated is not
 * reused, the cache stays bounded, and a schema change after a statement
 * was cached is seen by the next run of it. A real encrypted database.
 */
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from './connection';
import { cachingStatements } from './statement-cache';
import { useTempDatabase } from './testing/use-temp-database';

let opened: OpenedDatabase;

useTempDatabase('file', (database) => {
  opened = database;
  opened.raw.exec("CREATE TABLE cache_test (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO cache_test (name) VALUES ('a'), ('b'), ('c');");
});

/** The cache over the test connection, counting what it really prepares. */
function counted(size?: number) {
  const raw = opened.raw;
  let prepared = 0;
  const counting = new Proxy(raw, {
    get(target, key) {
      if (key === 'prepare') {
        return (text: string) => {
          prepared++;
          return target.prepare(text);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { cache: cachingStatements(counting, size), prepared: () => prepared };
}

describe('statements prepared once per SQL text', () => {
  it('runs the same statement again for the same text, with its new parameters', () => {
    const { cache, prepared } = counted();
    const text = 'SELECT name FROM cache_test WHERE id = ?';
    const first = cache.prepare(text);
    expect(first.all([1])).toEqual([{ name: 'a' }]);
    const second = cache.prepare(text);
    expect(second).toBe(first);
    expect(second.all([2])).toEqual([{ name: 'b' }]);
    expect(prepared()).toBe(1);
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const { cache, prepared } = counted();
    const text = 'SELECT name FROM cache_test ORDER BY id';
    const streaming = cache.prepare(text).iterate([]);
    expect(streaming.next().value).toEqual({ name: 'a' });
    const meanwhile = cache.prepare(text);
    expect(meanwhile.all([])).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect([...streaming]).toEqual([{ name: 'b' }, { name: 'c' }]);
    expect(prepared()).toBe(2);
    // Done iterating: the cached one is used again.
    cache.prepare(text).all([]);
    expect(prepared()).toBe(2);
  });

  it('keeps at most `size` texts, dropping the least recently used', () => {
    const { cache, prepared } = counted(2);
    const q = (n: number) => `SELECT ${n} AS n`;
    cache.prepare(q(1));
    cache.prepare(q(2));
    cache.prepare(q(1)); // 1 is now the most recently used
    cache.prepare(q(3)); // drops 2
    expect(prepared()).toBe(3);
    cache.prepare(q(1));
    cache.prepare(q(3));
    expect(prepared()).toBe(3);
    cache.prepare(q(2));
    expect(prepared()).toBe(4);
  });

  it('through kysely: the same rows as without, a failed statement runs again, and a schema change is seen', async () => {
    const db = new Kysely<{ cache_test: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: cachingStatements(opened.raw) }) });
    const all = () => db.selectFrom('cache_test').selectAll().orderBy('id').execute();
    expect(await all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
    const insert = (id: number) => db.insertInto('cache_test').values({ id, name: 'd' }).execute();
    await insert(4);
    await expect(insert(4)).rejects.toThrow(/UNIQUE/);
    await insert(5);
    await sql`ALTER TABLE cache_test ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'`.execute(db);
    expect((await all())[0]).toEqual({ id: 1, name: 'a', extra: 'x' });
  });
});

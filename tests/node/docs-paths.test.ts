/**
 * Docs that stay true: every `src-main/…`, `src-shared/…` or `src-renderer/…`
 * path named in docs/*.md must exist (a moved or renamed file fails here).
 * Placeholders (`NNNN-…`, globs) are not paths.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));

export function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/src-(?:main|shared|renderer)\/[A-Za-z0-9_./-]*/g)]
    .map((m) => m[0].replace(/[.,]+$/, ''))
    .filter((path) => !/NNNN|\*/.test(path));
}

describe('docs', () => {
  it('find paths the way the check reads them', () => {
    expect(namedPaths('see `src-main/ipc/router.ts`, and src-shared/i18n/. Not src-main/db/migrations/NNNN-x.ts')).toEqual([
      'src-main/ipc/router.ts',
      'src-shared/i18n/',
    ]);
  });

  it('name only src- paths that exist', () => {
    const missing = docs.flatMap((doc) =>
      namedPaths(readFileSync(join(root, 'docs', doc), 'utf8'))
        .filter((path) => !existsSync(join(root, path)))
        .map((path) => `${doc}: ${path}`),
    );
    expect(docs.length).toBeGreaterThan(2);
    expect(missing).toEqual([]);
  });
});

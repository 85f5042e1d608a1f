import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areas, en, lv } from './catalogue/index';
import { DYNAMIC_KEY_FAMILIES } from './dynamic-keys';
import { createI18n, tData } from './index';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return full.includes(join('i18n', 'catalogue')) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const sources = ['src-shared', 'src-main', 'src-renderer']
  .flatMap(sourceFiles)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('i18n catalogues', () => {
  it('have the same keys in Latvian and English (plural suffixes aside)', () => {
    const lvKeys = new Set(Object.keys(lv).map(base));
    const enKeys = new Set(Object.keys(en).map(base));
    expect([...lvKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !lvKeys.has(k))).toEqual([]);
  });

  it('give Latvian plurals the zero, one and other forms, English one and other', () => {
    const plurals = new Set(
      Object.keys(lv)
        .filter((k) => PLURAL.test(k))
        .map(base),
    );
    for (const key of plurals) {
      for (const form of ['zero', 'one', 'other']) expect(lv, `lv ${key}_${form}`).toHaveProperty([`${key}_${form}`]);
      for (const form of ['one', 'other']) expect(en, `en ${key}_${form}`).toHaveProperty([`${key}_${form}`]);
    }
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...Object.entries(lv), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('use every key somewhere in the code', () => {
    const unused = Object.keys(lv)
      .map(base)
      .filter((key) => {
        if (sources.includes(`'${key}'`) || sources.includes(`"${key}"`) || sources.includes(`\`${key}\``)) return false;
        return !Object.entries(DYNAMIC_KEY_FAMILIES).some(([prefix, values]) => key.startsWith(prefix) && values.includes(key.slice(prefix.length)));
      });
    expect([...new Set(unused)]).toEqual([]);
  });

  it('have every error message key that main and shared code name, and one per error code', async () => {
    const { ERROR_CODES } = await import('../ipc/result');
    const mainAndShared = ['src-shared', 'src-main']
      .flatMap(sourceFiles)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const named = [...mainAndShared.matchAll(/['"`](errors\.[A-Za-z0-9_.]+[A-Za-z0-9_])['"`]/g)].map((m) => m[1] as string);
    const keys = [...new Set([...named, ...ERROR_CODES.map((code) => `errors.code.${code}`)])];
    const has = (cat: Record<string, string>, key: string) => key in cat || `${key}_other` in cat;
    expect(keys.filter((key) => !has(lv, key))).toEqual([]);
    expect(keys.filter((key) => !has(en, key))).toEqual([]);
  });

  it('declare every key the code builds at run time as a dynamic key family', () => {
    // A template literal whose fixed start is the start of catalogue keys (`riskGroup.${group}`) builds a key.
    const starts = [...sources.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z]+)*\.)\$\{/g)].map((m) => m[1] as string);
    const builtKeys = [...new Set(starts)].filter((start) => Object.keys(lv).some((key) => key.startsWith(start)));
    expect(builtKeys.length).toBeGreaterThan(10);
    expect(builtKeys.filter((start) => !(start in DYNAMIC_KEY_FAMILIES))).toEqual([]);
  });

  it('have a string for every value of every dynamic key family, in both languages', () => {
    for (const [prefix, values] of Object.entries(DYNAMIC_KEY_FAMILIES)) {
      for (const value of values) {
        const key = `${prefix}${value}`;
        const has = (cat: Record<string, string>) => key in cat || `${key}_other` in cat;
        expect(has(lv), `lv ${key}`).toBe(true);
        expect(has(en), `en ${key}`).toBe(true);
      }
    }
  });

  it('are split into areas that do not define a key twice', () => {
    const seen = new Map<string, string>();
    for (const [area, catalogue] of Object.entries(areas)) {
      for (const key of Object.keys(catalogue.lv)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });

  it('choose Latvian plural forms by i18next rules (0 -> zero, 1 and 21 -> one)', async () => {
    const i18n = await createI18n('lv');
    i18n.addResourceBundle('lv', 'translation', { 'x.n_zero': 'nulle', 'x.n_one': 'viens', 'x.n_other': 'daudz' }, true);
    const n = (count: number) => tData(i18n.t, 'x.n', { count });
    expect(n(0)).toBe('nulle');
    expect(n(1)).toBe('viens');
    expect(n(21)).toBe('viens');
    expect(n(5)).toBe('daudz');
  });
});

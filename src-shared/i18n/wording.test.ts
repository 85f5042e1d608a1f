/**
 * One word for one thing (issue 16, item 24): the file with an
 * organisation's public key is a "key card" ("atslēgas karte") everywhere,
 * never a "key statement" ("atslēgas paziņojums").
 */
import { describe, expect, it } from 'vitest';
import { en, lv } from './catalogue/index';

describe("the catalogue's wording", () => {
  it('calls the key file a key card in both languages', () => {
    const lvStatement = Object.entries(lv).filter(([, text]) => /atslēgas paziņojum/i.test(text));
    const enStatement = Object.entries(en).filter(([, text]) => /key statement|statement from the current key/i.test(text));
    expect(lvStatement.map(([key]) => key)).toEqual([]);
    expect(enStatement.map(([key]) => key)).toEqual([]);
    expect(Object.values(lv).some((text) => /atslēgas kart/i.test(text))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createI18n } from './index';

describe('Latvian plurals in counts (issue 16, item 24)', () => {
  it('says "71 darbinieks" (Latvian: numbers ending in 1, not 11, take the singular) and "11 darbinieki"', async () => {
    const i18n = await createI18n('lv');
    expect(i18n.t('cli.demoData.staff', { count: 71 })).toBe('71 darbinieks');
    expect(i18n.t('cli.demoData.staff', { count: 1 })).toBe('1 darbinieks');
    expect(i18n.t('cli.demoData.staff', { count: 11 })).toBe('11 darbinieki');
    expect(i18n.t('cli.demoData.staff', { count: 72 })).toBe('72 darbinieki');
  });
});

describe('one name for one thing (issue 16, item 24)', () => {
  it('calls the key card "atslēgas karte" everywhere, never "atslēgas paziņojums"', async () => {
    const { lv } = await import('./catalogue/index');
    const named = Object.entries(lv).filter(([, text]) => /atslēgas paziņojum/i.test(text));
    expect(named).toEqual([]);
    expect(Object.values(lv).filter((text) => /atslēgas kart/i.test(text)).length).toBeGreaterThan(5);
  });
});

/**
 * i18next set-up shared by the renderer and main (CLI messages). Latvian is
 * the default; English is the fallback for nothing: a missing key is a test
 * failure, not a silent fallback.
 */
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { en, lv, type MessageKey } from './catalogue/index';

export type { MessageKey } from './catalogue/index';

/**
 * A key that arrives as data, not as code: an error's `messageKey` sent by
 * main, a field error, a progress label. The compiler cannot know it; the
 * catalogue tests check every key main and shared code name.
 */
export function keyFromData(key: string): MessageKey {
  return key as MessageKey;
}

/** `t` for a key and params that arrive as data (an error's messageKey and details.params). */
export function tData(t: TFunction, key: string, params?: Record<string, string | number>): string {
  return (t as unknown as (key: string, options?: object) => string)(key, params ?? {});
}

export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'lv';

export const catalogues: Record<Language, Readonly<Record<string, string>>> = { lv, en };

export function isLanguage(value: unknown): value is Language {
  return value === 'lv' || value === 'en';
}

export type I18nPlugin = Parameters<I18n['use']>[0];

export async function createI18n(language: Language = DEFAULT_LANGUAGE, plugins: I18nPlugin[] = []): Promise<I18n> {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources: { lv: { translation: lv }, en: { translation: en } },
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

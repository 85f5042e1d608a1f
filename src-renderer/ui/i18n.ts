/** The renderer's i18next instance and language choice (kept in localStorage: not personal data). */
import { initReactI18next } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, isLanguage, type Language } from '../../src-shared/i18n/index';

const STORAGE_KEY = 'pumpurs.language';

export function savedLanguage(): Language {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
}

export function saveLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export async function startI18n() {
  const language = savedLanguage();
  const instance = await createI18n(language, [initReactI18next]);
  document.documentElement.lang = language;
  return instance;
}

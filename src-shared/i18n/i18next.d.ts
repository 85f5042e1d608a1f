/**
 * Typed keys: `t` accepts only keys of the catalogue (src-shared/i18n/catalogue),
 * so `t('plans.noSuchKey')` is a type error in main and in the renderer. A key
 * built at run time is typed too (`riskGroup.${group}`), and must be declared
 * in dynamic-keys.ts for the catalogue test.
 */
import 'i18next';
import type { CatalogueKey } from './catalogue/index';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Record<CatalogueKey, string> };
    keySeparator: false;
    nsSeparator: false;
    returnNull: false;
    // Keys are checked; interpolation values are not (params are built from data in many places).
    parseInterpolation: false;
  }
}

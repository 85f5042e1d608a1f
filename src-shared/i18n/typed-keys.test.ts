/**
 * Keys are typed: `tsc -p tsconfig.json` (which checks the tests) fails if a
 * `@ts-expect-error` below stops being an error, i.e. if an unknown key
 * would typecheck again in main (i18next's t) or the renderer (react-i18next's t).
 */
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, keyFromData, type MessageKey } from './index';

/** Never called (a hook outside a component): only typechecked, the way a screen uses `t`. */
export function useRendererKeysAreTyped(group: 'school' | 'family'): string[] {
  const { t } = useTranslation();
  return [
    t(`riskGroup.${group}`),
    t('plans.title'),
    // @ts-expect-error an unknown key is a type error in the renderer
    t('plans.noSuchKey'),
  ];
}

describe('typed i18n keys', () => {
  it('accept catalogue keys (plurals without their suffix) and refuse unknown ones in main', async () => {
    const i18n = await createI18n('en');
    const known: MessageKey = 'plans.title';
    expect(i18n.t(known)).not.toBe(known);
    // @ts-expect-error an unknown key is a type error in main
    expect(i18n.t('plans.noSuchKey')).toBe('plans.noSuchKey');
    // A key that arrives as data goes through keyFromData; the catalogue tests check those main sends.
    expect(i18n.t(keyFromData('errors.code.FORBIDDEN'))).toBe('Your role may not do this. Ask the school coordinator.');
  });
});

/**
 * The accessibility gate itself (a11y.ts): it must fail on a serious problem,
 * also when axe-core is already in the page from an earlier check (the app's
 * screens change without a new document, so the script is put in only once).
 */
import { test, expect } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';

test('the accessibility gate passes a clean page and fails on a serious problem, also on a later check of the same page', async ({ page }) => {
  await page.setContent(
    '<!doctype html><html lang="lv"><head><title>Pārbaude</title></head><body><main><h1>Virsraksts</h1><p>Teksts.</p></main></body></html>',
  );
  await expectNoSeriousA11yIssues(page, 'a clean page');

  // A button without a name (axe: button-name, critical), added to the same document.
  await page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')));
  await expect(expectNoSeriousA11yIssues(page, 'a nameless button')).rejects.toThrow(/critical button-name/);
});

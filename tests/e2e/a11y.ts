/**
 * The accessibility gate for every main screen: axe-core over the page as it
 * is, failing on any serious or critical violation (WCAG 2.1 A and AA rules
 * plus axe's best practices). The message lists each violation with the
 * elements it found, so a failure says what to fix.
 *
 * axe-core is put into the page once per document and `axe.run` is called on
 * it for every check: the app is one page whose screens change by hash, so
 * the script stays. (@axe-core/playwright's AxeBuilder evaluated the 0.5 MB
 * script two or three times per check and finished each run in a new blank
 * page: about half of each check's time, ~1 s, over some 80 checks.)
 * With `resultTypes: ['violations']` axe builds unique selectors only for the
 * violations' nodes, which are all the gate reads: the same violations, each
 * node named as before (checked on seven app screens and on planted problems;
 * docs/performance.md, fifth pass).
 */
import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export async function expectNoSeriousA11yIssues(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // Only violations are read, so only they get their nodes' unique selectors
  // (resultTypes); passes, incomplete and inapplicable keep one node each.
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
  expect(serious, `accessibility problems on "${label}":\n${report}`).toEqual([]);
}

/**
 * The accessibility gate for every main screen: axe-core over the page as it
 * is, failing on any serious or critical violation (WCAG 2.1 A and AA rules
 * plus axe's best practices). The message lists each violation with the
 * elements it found, so a failure says what to fix.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoSeriousA11yIssues(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
  expect(serious, `accessibility problems on "${label}":\n${report}`).toEqual([]);
}

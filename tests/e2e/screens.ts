/**
 * Screenshots of the main screens, kept as test artifacts in
 * test-results/screens/<name>.png so a person can look at them after a run.
 */
import type { Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '..', '..', 'test-results', 'screens');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}

import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests: the built renderer in Debian's Chromium, talking
 * to the real router, services and a real SQLite file through the test bridge
 * (each test starts its own bridge on a free port with a fresh data folder).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  fullyParallel: false,
  // Three test files at once on the 2-core CI machine: a test waits on
  // Chromium, the bridge and timers for about a third of its time, so a third
  // worker took the suite from 414 s to 363 s (docs/performance.md, fourth
  // pass). Tests share nothing: each starts its own bridge on a free port
  // with a fresh data folder. PUMPURS_E2E_WORKERS overrides.
  workers: Number(process.env.PUMPURS_E2E_WORKERS) || 3,
  // Web-first assertions wait up to 10 s (Playwright's default is 5 s): three
  // workers keep both cores busy, and a screen that answers in 6 s there is
  // slow, not wrong. A failing assertion still fails, only later.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

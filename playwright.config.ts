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
  // Two test files at once: a test mostly waits on Chromium and the bridge
  // (under half a core each on the 2-core CI machine). Tests share nothing:
  // each starts its own bridge on a free port with a fresh data folder.
  workers: Number(process.env.PUMPURS_E2E_WORKERS) || 2,
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

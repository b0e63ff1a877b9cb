// End-to-end tests: a real browser against the demo stack, which each spec starts and stops itself.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumArgs, chromiumPath } from './test/browser.js';

// Every ciam-journey event any demo page of the run sends is kept here (demo/journey.ts), for the privacy scan
// (journey-privacy.spec.ts). Set before the workers start, so each spec's stack writes to it; emptied by globalSetup.
process.env.CIAM_JOURNEY_LOG ??= resolve('test-results/journey.jsonl');

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  globalSetup: './test/e2e/global-setup.ts',
  // Its own folder: Playwright empties outputDir at start, and test-results/screens/ holds the visual suite's PNGs.
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: process.env.PW_JSON_FILE ?? 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});

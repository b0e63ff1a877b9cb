// The browser half of the attack battery (test/security/*.spec.ts): like the e2e config, its own folder so
// `npm test -- e2e` and `-- security` never run a spec twice. Each spec starts its own demo stack (ports 5100–5199).
import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

export default defineConfig({
  ...base,
  testDir: 'test/security',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/security',
  reporter: [['list'], ['json', { outputFile: process.env.PW_JSON_FILE ?? 'test-results/security.json' }]],
});

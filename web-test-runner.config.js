// Component tests: every element and story in real Chromium.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cssLiteralsForTests } from './scripts/css-literals.js';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, chromiumPath } from './test/browser.js';
import { countingReporter } from './test/wtr-counting-reporter.js';
import { defaultReporter } from '@web/test-runner';

export default {
  files: ['src/elements/**/*.test.ts', 'src/client/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), cssLiteralsForTests()],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } })],
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), countingReporter(process.env.WTR_COUNTS_FILE)],
};

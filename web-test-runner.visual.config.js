// Visual tests: every story as PNGs (test-results/screens/), the looks checks
// (control-edge contrast, overflow on phones, novalidate forms, target size) and, for the
// key states, screenshots compared with committed baselines (test/visual/baselines/).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cssLiteralsForTests } from './scripts/css-literals.js';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { chromiumArgs, chromiumPath } from './test/browser.js';
import { countingReporter } from './test/wtr-counting-reporter.js';

const baselines = resolve('test/visual/baselines');
const failed = resolve('test-results/visual-diff');
const screens = resolve('test-results/screens');

// `UPDATE_VISUALS=1 npm test -- visual` rewrites every baseline (after a deliberate change to the looks).
const update = process.env.UPDATE_VISUALS === '1';
/** On CI a baseline must be committed: a missing one fails there instead of being written. */
const ci = Boolean(process.env.CI);

const regression = {
  baseDir: baselines,
  getBaselineName: ({ name }) => name,
  getDiffName: ({ name }) => join(failed, `${name}-diff`),
  getFailedName: ({ name }) => join(failed, name),
  // Per pixel: within 0.1 of pixelmatch's YIQ distance, and antialiased pixels, count as unchanged
  // (font hinting, a slightly different grey). Per image (the card, not the page): more than 0.2 %
  // of its pixels changed, or a different size, fails. Measured on the password step: square corners
  // 0.11 % and a label no longer bold 0.17 % pass; one link 4 px sideways 0.22 %, another primary
  // colour 7 % and anything taller or wider fail; a countdown ticking (30 s → 28 s) 0.02 %.
  diffOptions: { threshold: 0.1 },
  failureThreshold: 0.2,
  failureThresholdType: 'percent',
};
/**
 * Pixels are only comparable when drawn by the same Chromium with the same fonts: the baselines record
 * both (environment.json). Elsewhere (another Chromium build or font set) the comparisons are skipped
 * with the reason, not failed; the matrix and its checks still run. Rewriting the baselines records anew.
 */
function renderingEnvironment() {
  const run = (file, args) => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const fonts = run('fc-list', [':', 'family', 'style']).split('\n').sort().join('\n');
  return { chromium: run(chromiumPath(), ['--version']), fonts: createHash('sha256').update(fonts).digest('hex').slice(0, 16) };
}
const environmentFile = join(baselines, 'environment.json');
const environment = renderingEnvironment();
const recorded = existsSync(environmentFile) ? JSON.parse(readFileSync(environmentFile, 'utf8')) : null;
const sameEnvironment = recorded?.chromium === environment.chromium && recorded?.fonts === environment.fonts;
/** The browser side (regression.test.ts) turns an answer starting with this into a skipped test. */
const SKIP = 'visual-skip:';
function recordEnvironment() {
  mkdirSync(baselines, { recursive: true });
  writeFileSync(environmentFile, JSON.stringify(environment, null, 2) + '\n');
}

const compare = visualRegressionPlugin({ ...regression, update: false });
const write = visualRegressionPlugin({ ...regression, update: true });

/** The plugin fails on a missing baseline; here a missing one is written and reported (except on CI), so new key states need no extra step. */
function baselinesPlugin() {
  return {
    name: 'ciam-visual-baselines',
    async executeCommand(args) {
      if (args.command !== 'visual-diff') return undefined;
      const file = join(baselines, `${args.payload.name}.png`);
      if (update) {
        recordEnvironment();
        return write.executeCommand(args);
      }
      if (!existsSync(file) && !ci) {
        if (!recorded) recordEnvironment();
        const result = await write.executeCommand(args);
        console.log(`visual: no baseline for "${args.payload.name}"; wrote ${file} (commit it)`);
        return { ...result, created: file };
      }
      if (existsSync(file) && recorded && !sameEnvironment) {
        return {
          passed: false,
          errorMessage: `${SKIP} the baselines were drawn by ${recorded.chromium} (fonts ${recorded.fonts}); this is ${environment.chromium} (fonts ${environment.fonts})`,
        };
      }
      return compare.executeCommand(args);
    },
  };
}

/** `save-screenshot`: the page as the user sees it (full height) to test-results/screens/<path>.png, for people to look at. */
function screenshotPlugin() {
  return {
    name: 'ciam-save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      const path = join(screens, `${payload.path}.png`);
      if (!path.startsWith(screens)) throw new Error(`screenshot path outside ${screens}: ${payload.path}`);
      mkdirSync(dirname(path), { recursive: true });
      await session.browser.getPage(session.id).screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
      return true;
    },
  };
}

/** `story-files`: the stories modules on disk, so the matrix notices one it does not render. */
function storyFilesPlugin() {
  return {
    name: 'ciam-story-files',
    executeCommand({ command }) {
      if (command !== 'story-files') return undefined;
      return readdirSync('stories').filter((name) => name.endsWith('.stories.ts'));
    },
  };
}

export default {
  files: ['test/visual/**/*.test.ts'],
  nodeResolve: true,
  // Two pages at a time on two cores; each test file sets its own viewport and colour scheme.
  concurrency: 2,
  testsFinishTimeout: 240000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    cssLiteralsForTests(),
    baselinesPlugin(),
    screenshotPlugin(),
    storyFilesPlugin(),
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } })],
  testFramework: { config: { timeout: 20000 } },
  reporters: [defaultReporter(), countingReporter(process.env.WTR_COUNTS_FILE)],
};

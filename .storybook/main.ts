/**
 * Storybook (`npm run storybook`, `npm run build-storybook`): the stories in stories/, which the
 * component and visual tests render too. Web components with Vite; the core's controls, viewport
 * and toolbars, no docs addon.
 */
import { resolve } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

const sources = resolve(import.meta.dirname, '../src') + '/';

/**
 * package.json's `sideEffects` describes the built package (dist/, cdn/), so to a bundler every source
 * file looks free of them: the static build would drop the stories' `import '../src/elements/x/ciam-x.js'`,
 * and with it the `define()` of every element. Here the sources keep their side effects, as in dev and in the tests.
 */
const sourcesKeepSideEffects: Plugin = {
  name: 'ciam:sources-keep-side-effects',
  transform: (_code, id) => (id.startsWith(sources) ? { moduleSideEffects: true } : null),
};

const config: StorybookConfig = {
  stories: ['../stories/*.stories.ts'],
  framework: '@storybook/web-components-vite',
  // Nothing leaves the machine: no telemetry, no "what's new" feed (the version check is off in package.json's script).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  features: {
    // The theme toolbar (preview.ts) sets the page's colours; a second background picker would disagree with it.
    backgrounds: false,
    sidebarOnboardingChecklist: false,
    menuOnboardingChecklist: false,
  },
  /**
   * vite.config.ts is the library's: Storybook keeps its `oxc` (Lit's legacy decorators), drops its
   * `build` (lib entries, dist/ or cdn/) and replaces the demo's `server` itself. The demo's React and
   * Vue pre-bundling goes too. The renderer's one Lit import the stories do not share is pre-bundled
   * with the rest of Lit, or dev mode would load a second lit-html beside the pre-bundled one.
   */
  viteFinal: (config) => ({
    ...config,
    plugins: [...(config.plugins ?? []), sourcesKeepSideEffects],
    optimizeDeps: { include: ['lit/directive-helpers.js'] },
  }),
};
export default config;

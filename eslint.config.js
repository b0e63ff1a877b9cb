// ESLint 9 flat config: typescript-eslint everywhere, Lit and Lit a11y rules on
// the elements and stories, eslint-config-prettier last so layout is Prettier's
// alone (.prettierrc.json). `npm run lint`; the `lint` suite of `npm test`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'cdn/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'storybook-static/',
      '.cache/',
      'custom-elements.json',
      // Consumer apps the artefact suite installs the tarball into; outside tsconfig too.
      'test/artefact/fixtures/',
    ],
  },
  js.configs.recommended,
  {
    // Type-aware rules on the TypeScript (tsconfig.json covers every .ts file we lint);
    // the JS config files have no type information and keep the untyped rules below.
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test's describe()/it()/test() return promises the runner itself awaits; floating them is how node:test is written.
            { from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' },
            // @open-wc/semantic-dom-diff retypes chai's `equal` (Chai.Equal) as returning a Promise for its DOM diff, but
            // `expect(x).to.equal(y)` and `.dom.to.equal(html)` both assert synchronously and throw (chai-dom-diff.js).
            // `accessible()` (chai-a11y-axe) is really async and stays checked.
            { from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' },
          ],
        },
      ],
    },
  },
  {
    // These implement promise-returning contracts synchronously: oidc-provider's adapter and
    // configuration hooks (demo OP, foreign OP) and the scripted PasskeyApi and SessionClient doubles.
    // `async` is how they keep the contract, a throw included (it rejects, as in the real thing), so
    // require-await has nothing to find in them; it stays on everywhere else.
    files: [
      'demo/op/adapter.ts',
      'demo/op/provider.ts',
      'test/foreign-op/foreign-op.ts',
      'test/foreign-op/strict.ts',
      'test/fixtures/passkey-api.ts',
      'test/fixtures/scripted-client.ts',
    ],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
  },
  {
    rules: {
      // As tsc sees it (noUnusedLocals): `const { dev: _dev, ...entry } = pkg` drops a key on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `interface GlobalEventHandlersEventMap extends CiamEventMap {}` merges our events into the DOM's (events.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['src/elements/**/*.ts', 'stories/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['scripts/bench/app/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);

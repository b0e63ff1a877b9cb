/**
 * `vite build`: dist/, the library for bundlers and Node (ESM, one entry per
 * element, shared chunks; runtime dependencies stay bare imports).
 * `vite build --mode cdn`: cdn/, the same entries self-contained and minified,
 * for pages without a bundler or import map.
 * `vite` / `npm start`: serves the demo app from demo/app with the sources.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cssLiterals } from './scripts/css-literals.js';

const root = import.meta.dirname;

/** `--mode cdn` builds the self-contained cdn/; any other build is dist/. */
export const CDN_MODE = 'cdn';

const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<'dependencies' | 'peerDependencies', object>;
/**
 * dist/ leaves what the package depends on (and React, a peer) to the app, as bare imports: bundlers
 * then share one Lit with the app's, and Node resolves Lit's `node` export, importable without a DOM.
 */
const runtimePackages = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isRuntimePackage = (id: string) => runtimePackages.some((name) => id === name || id.startsWith(`${name}/`));

export const entries = {
  index: resolve(root, 'src/index.ts'),
  'ciam-login': resolve(root, 'src/elements/login/ciam-login.ts'),
  'ciam-user': resolve(root, 'src/elements/user/ciam-user.ts'),
  'ciam-signup': resolve(root, 'src/elements/signup/ciam-signup.ts'),
  'ciam-recovery': resolve(root, 'src/elements/recovery/ciam-recovery.ts'),
  'ciam-passkey': resolve(root, 'src/elements/passkey/ciam-passkey.ts'),
  'ciam-social': resolve(root, 'src/elements/social/ciam-social.ts'),
  'ciam-connections': resolve(root, 'src/elements/connections/ciam-connections.ts'),
  'ciam-profile': resolve(root, 'src/elements/profile/ciam-profile.ts'),
  'ciam-consent': resolve(root, 'src/elements/consent/ciam-consent.ts'),
  'ciam-session': resolve(root, 'src/elements/session/ciam-session.ts'),
  'ciam-sessions': resolve(root, 'src/elements/sessions/ciam-sessions.ts'),
  'ciam-org-switcher': resolve(root, 'src/elements/org-switcher/ciam-org-switcher.ts'),
  bff: resolve(root, 'src/client/bff-client.ts'),
  react: resolve(root, 'src/react.ts'),
};

/** Lit's decorators in TypeScript's legacy form; class fields assigned, so Lit's accessors stay in charge. */
export const oxc = {
  decorator: { legacy: true },
  assumptions: { setPublicClassFields: true },
  typescript: { removeClassFieldsWithoutInitializer: true },
};

/**
 * lit and our core, client, catalog, element base and request state (PKCE, pending redirects): loaded by every element.
 * Not the elements' own folders: their lazy views (`sessions-view.ts`, `passkey-card.ts`, ...) need no entry below.
 */
const sharedCore =
  /node_modules\/(lit(?!\/directives)|lit-html(?!\/directives)|lit-element|@lit\/reactive-element)\/|\/src\/(core|client|i18n|elements\/shared)\/|\/src\/connectors\/request-state\.ts/;
/**
 * ...except what loads later: the machine's session part with the token readers, ID token checks, redirect
 * helpers and step-up; the form templates and password policy; the passkey, connections and organizations APIs; catalogs but English.
 */
const lazyCore =
  /\/src\/(core\/(machine\/(flow|session|step-up|later)|error-codes|link-return|email-link|challenge-answers|profile|scim|scope-consent|session-timeout|pow|journey|sign-in-params|organization(-exchange)?|tokens|id-token|bearer|redirects|policy|schemas\/(passkeys|organizations|tokens|connections|profile|consents|sessions))|client\/(tabs|organizations|session-events|journey|email-link|bff-(client|journey|return)|sessions-api|passkeys-api|connections-api|consents-api|json-api|scim-api|authorized-fetch|step-up)|elements\/shared\/(fragment|forms|checks|account-card|isolated|lazy-api|api-call)|i18n\/(?!en\.ts|index\.ts))/;

/** Passkey sign-in (our own ceremony, with the error mapping registration shares). */
const passkeySignIn = /\/src\/connectors\/webauthn(-errors)?\.ts/;

export default defineConfig(({ command, mode }) => {
  const cdn = mode === CDN_MODE;
  return {
    oxc,
    plugins: [cssLiterals()],
    ...(command === 'serve'
      ? {
          root: resolve(root, 'demo/app'),
          server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [root] } },
          // React is CommonJS: pre-bundled at start (Vue too), so those pages never reload themselves mid-visit.
          optimizeDeps: { include: ['react', 'react-dom/client', '@lit/react', 'vue'] },
        }
      : {}),
    build: {
      outDir: resolve(root, cdn ? 'cdn' : 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      minify: cdn,
      lib: { entry: entries, formats: ['es'] },
      rolldownOptions: {
        // cdn/ carries everything but React (its wrappers need the app's React anyway).
        external: cdn ? ['react', /^react\//] : isRuntimePackage,
        // Its package.json does not say so, but its modules are pure: lets the passkey sign-in chunk leave registration out.
        treeshake: { moduleSideEffects: [{ test: /node_modules\/@simplewebauthn\/browser\//, sideEffects: false }] },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // Library ES builds keep whitespace by default (for pure annotations): dist/ keeps it for the app's
          // bundler to minify; cdn/ ships to browsers as it is.
          minify: cdn,
          // What every element needs before the user acts, in one file: split into several, each compresses worse.
          // In dist/ the group holds only our own modules (the packages are external); the app's bundler regroups.
          codeSplitting: {
            groups: [
              { name: 'core', test: (id: string) => sharedCore.test(id) && !lazyCore.test(id) },
              // Passkey sign-in in one file (autofill loads it before the user acts); registration adds its own.
              { name: 'webauthn', test: passkeySignIn },
            ],
          },
        },
      },
    },
  };
});

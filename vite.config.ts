/**
 * `vite build`: the library (ESM, one entry per element, shared chunks).
 * `vite` / `npm start`: serves the demo app from demo/app with the sources.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export const entries = {
  index: resolve(root, 'src/index.ts'),
  'ciam-login': resolve(root, 'src/elements/login/ciam-login.ts'),
  'ciam-user': resolve(root, 'src/elements/user/ciam-user.ts'),
  'ciam-signup': resolve(root, 'src/elements/signup/ciam-signup.ts'),
  'ciam-recovery': resolve(root, 'src/elements/recovery/ciam-recovery.ts'),
  'ciam-passkey': resolve(root, 'src/elements/passkey/ciam-passkey.ts'),
  react: resolve(root, 'src/react.ts'),
};

/** Lit's decorators in TypeScript's legacy form; class fields assigned, so Lit's accessors stay in charge. */
export const oxc = {
  decorator: { legacy: true },
  assumptions: { setPublicClassFields: true },
  typescript: { removeClassFieldsWithoutInitializer: true },
};

/** lit, zod and our core, client, catalog and element base: loaded by every element. */
const sharedCore = /node_modules\/(lit(?!\/directives)|lit-html(?!\/directives)|lit-element|@lit\/reactive-element|zod)\/|\/src\/(core|client|i18n|elements\/shared)\//;
/**
 * ...except what loads later: the machine's session part with the token readers, redirect helpers and
 * step-up; the token store; the form templates and password policy; the passkey API; catalogs but English.
 */
const lazyCore = /\/src\/(core\/(machine-session|tokens|bearer|redirects|policy|schemas\/(passkeys|tokens))|client\/(passkeys-api|authorized-fetch|step-up|storage)|elements\/shared\/forms|i18n\/(?!en\.ts|index\.ts))/;

/** Passkey sign-in over @simplewebauthn/browser, without its registration half. */
const passkeySignIn = /node_modules\/@simplewebauthn\/browser\/esm\/(?!methods\/startRegistration|helpers\/identifyRegistrationError)|\/src\/connectors\/webauthn(-errors)?\.ts/;

export default defineConfig(({ command }) => ({
  oxc: oxc as never,
  ...(command === 'serve'
    ? {
        root: resolve(root, 'demo/app'),
        server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [root] } },
        // React is CommonJS: pre-bundled at start (Vue too), so those pages never reload themselves mid-visit.
        optimizeDeps: { include: ['react', 'react-dom/client', '@lit/react', 'vue'] },
      }
    : {}),
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external: ['react', /^react\//],
      // Its package.json does not say so, but its modules are pure: lets the passkey sign-in chunk leave registration out.
      treeshake: { moduleSideEffects: [{ test: /node_modules\/@simplewebauthn\/browser\//, sideEffects: false }] },
      // Library ES builds keep whitespace by default (for pure annotations); ours ship to browsers as they are.
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        // What every element needs before the user acts, in one file: split into several, each compresses worse.
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
}));

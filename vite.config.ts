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

export default defineConfig(({ command }) => ({
  oxc: oxc as never,
  ...(command === 'serve'
    ? { root: resolve(root, 'demo/app'), server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [root] } } }
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
      // Library ES builds keep whitespace by default (for pure annotations); ours ship to browsers as they are.
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
}));

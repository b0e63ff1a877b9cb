/**
 * The foreign-provider spec's stack: the demo app's dev server (vite.config.ts,
 * the demo's strict CSP) serving pages only this spec uses, each signing in at a
 * foreign OP (test/foreign-op) instead of the demo OP, which is not started.
 */
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { strictCsp } from '../../demo/stack.js';
import { FOREIGN_CLIENT_ID, FOREIGN_USER, discover, startForeignOp, type ForeignDiscovery, type ForeignOp } from '../foreign-op/foreign-op.js';

export { FOREIGN_USER };

const root = resolve(import.meta.dirname, '../..');

export interface ForeignStack {
  appUrl: string;
  /** The OP behind /foreign.html, /foreign-popup.html and /foreign-orgs.html. */
  op: ForeignDiscovery;
  /** The OP behind /foreign-renew.html (which asks for DPoP-bound tokens): access tokens live 65 s (renewal starts 60 s before expiry). */
  renewOp: ForeignDiscovery;
}

/** App on `base`, the foreign OPs on `base + 1` and `base + 2`; started and stopped around the spec file. */
export function useForeignStack(base: number): () => ForeignStack {
  let app: ViteDevServer | undefined;
  const ops: ForeignOp[] = [];
  let stack: ForeignStack | undefined;
  test.beforeAll(async () => {
    const appUrl = `http://localhost:${base}`;
    const pages = ['/foreign.html', '/foreign-popup.html', '/foreign-renew.html', '/foreign-orgs.html'];
    ops.push(await startForeignOp({ port: base + 1, appOrigin: appUrl, appPages: pages }));
    ops.push(await startForeignOp({ port: base + 2, appOrigin: appUrl, appPages: pages, accessTokenTtlSeconds: 65 }));
    const [main, renew] = ops.map((op) => op.issuer) as [string, string];
    app = await createServer({
      configFile: resolve(root, 'vite.config.ts'),
      logLevel: 'warn',
      server: { port: base, host: '127.0.0.1', strictPort: true, hmr: false },
      plugins: [
        strictCsp(new URL(main).origin, new URL(renew).origin),
        testPages({
          '/foreign.html': appPage(main, 'redirect'),
          '/foreign-popup.html': appPage(main, 'popup'),
          '/foreign-renew.html': appPage(renew, 'redirect', 'dpop'),
          // Keycloak's names for organizations: scope organization:<alias>, claim `organization`.
          '/foreign-orgs.html': appPage(main, 'redirect', 'preset="keycloak"'),
        }),
      ],
    });
    await app.listen();
    stack = { appUrl, op: await discover(main), renewOp: await discover(renew) };
  });
  test.afterAll(async () => {
    await Promise.all([app?.close(), ...ops.map((op) => op.close())]);
  });
  return () => {
    if (!stack) throw new Error('foreign stack not started');
    return stack;
  };
}

/** The app page: <ciam-user> and <ciam-login> at the foreign OP, and an event log (foreign-app.ts). */
function appPage(issuer: string, mode: 'redirect' | 'popup', more = ''): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Shop app · foreign provider e2e</title>
    <script type="module" src="/@fs${resolve(root, 'test/e2e/foreign-app.ts')}"></script>
  </head>
  <body>
    <header><ciam-user></ciam-user></header>
    <main>
      <ciam-login authority="${issuer}" client-id="${FOREIGN_CLIENT_ID}" mode="${mode}" social="google" idp-hint-param="kc_idp_hint"${more ? ` ${more}` : ''}></ciam-login>
      <ol id="event-log"></ol>
    </main>
  </body>
</html>`;
}

/** Serves HTML that exists only in the tests, transformed like the demo's own pages (the CSP plugin runs first). */
function testPages(pages: Record<string, string>): Plugin {
  const byPath = new Map(Object.entries(pages));
  return {
    name: 'foreign-test-pages',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const source = byPath.get((req.url ?? '').split('?')[0]);
        if (!source) return next();
        server.transformIndexHtml(req.url!, source).then((html) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(html);
        }, next);
      });
    },
  };
}

/** On the foreign OP's own login page: Email, Password, "Sign in" (consent is implied there). */
export async function signInAtForeignOp(page: Page) {
  const form = page.getByRole('heading', { name: 'Sign in to your account' });
  // The OP sends a request it refuses (no nonce, say) straight back to the app: say so, not "heading not found".
  const refused = page.locator('ciam-login').getByRole('alert');
  await expect(form.or(refused))
    .toBeVisible()
    .catch((error: unknown) => {
      throw page.isClosed() ? new Error("the popup closed before the OP's login form showed: the OP sent the request back (see the app page's alert)") : error;
    });
  if (!(await form.isVisible())) throw new Error(`back at ${page.url()} instead of the OP's login page: ${await refused.innerText()}`);
  await page.getByLabel('Email').fill(FOREIGN_USER.email);
  await page.getByLabel('Password').fill(FOREIGN_USER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

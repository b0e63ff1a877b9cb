/**
 * Storage battery: after every way of signing in (redirect, popup, embedded;
 * the memory store, and store="session" where sessionStorage is the point),
 * none of the tokens the OP handed out is in localStorage, sessionStorage
 * (memory store), the app's cookies or the DOM (light DOM, shadow roots,
 * input values); after sign-out nothing in web storage names the user.
 * What stays is the public discovery document and <ciam-profile>'s
 * sign-in count under a SHA-256 of the subject (docs/security.md says why
 * that is acceptable).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { eventLog, SEEDED_USER, signInEmbedded, signInOnOp, useStack } from '../e2e/stack.js';
import { recordVectors } from './battery.js';
import { recordTokens } from './browser.js';

const stack = useStack(5120);

let tried = 0;
let rejected = 0;
test.afterAll(() => recordVectors('storage', tried, rejected));

/** Everything a script or a person on this device could read: web storage, the app's cookies, the whole DOM. */
async function readable(page: Page, context: BrowserContext, appUrl: string) {
  const inPage = await page.evaluate(() => {
    const dom: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      dom.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) dom.push(el.value);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return { local: Object.entries(localStorage), session: Object.entries(sessionStorage), cookie: document.cookie, dom: dom.join('\n') };
  });
  const cookies = (await context.cookies(appUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  return { ...inPage, cookies };
}

/** None of `tokens` (nor a JWT's signature alone) is in `where`; counts one vector per token and place. */
function expectNoTokenIn(where: Record<string, string>, tokens: string[]) {
  expect(tokens.length, 'the flow received tokens').toBeGreaterThan(0);
  for (const token of tokens) {
    const pieces = [token, token.split('.').at(-1)!].filter((p) => p.length >= 16);
    for (const [place, text] of Object.entries(where)) {
      tried++;
      for (const piece of pieces) expect(text.includes(piece), `a token in ${place}`).toBe(false);
      rejected++;
    }
  }
}

/** Nothing in web storage names the user: no sub, email or name; the only per-user key is the profile's hashed count. */
async function expectStorageNamesNobody(page: Page) {
  const sub = stack().op.db.users.findByEmail(SEEDED_USER.email)!.id;
  const { local, session } = await page.evaluate(() => ({ local: Object.entries(localStorage), session: Object.entries(sessionStorage) }));
  for (const identifier of [sub, SEEDED_USER.email, SEEDED_USER.name]) {
    tried++;
    expect(JSON.stringify([local, session]), 'web storage after sign-out').not.toContain(identifier);
    rejected++;
  }
  for (const [key] of [...local, ...session]) expect(key).toMatch(/^ciam\.(discovery:|profile:[0-9a-f]{64}$|profile\.visit:[0-9a-f]{64}$)/);
}

const flows: { name: string; path: string; memory: boolean; signIn: (page: Page, appUrl: string) => Promise<void> }[] = [
  {
    name: 'redirect',
    path: '/',
    memory: true,
    signIn: async (page) => {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    },
  },
  {
    name: 'popup',
    path: '/popup.html',
    memory: true,
    signIn: async (page) => {
      const popupOpened = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const popup = await popupOpened;
      const closed = popup.waitForEvent('close'); // the OP may finish (consent given before) as the password is sent
      await signInOnOp(popup, SEEDED_USER.email, SEEDED_USER.password);
      await closed;
    },
  },
  { name: 'embedded', path: '/embedded.html', memory: true, signIn: (page, appUrl) => signInEmbedded(page, appUrl) },
  {
    name: 'redirect with store="session"',
    path: '/session.html',
    memory: false,
    signIn: async (page) => {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    },
  },
];

for (const flow of flows) {
  test(`${flow.name}: no token in ${flow.memory ? 'web storage' : 'localStorage'}, cookies or the DOM; after sign-out nothing names the user`, async ({
    page,
    context,
  }) => {
    const { appUrl, opUrl } = stack();
    const tokens = recordTokens(page, opUrl);
    await page.goto(`${appUrl}${flow.path}`);
    await flow.signIn(page, appUrl);
    await expect(eventLog(page)).toContainText('access token ready');
    const seen = await readable(page, context, appUrl);
    expectNoTokenIn(
      {
        localStorage: JSON.stringify(seen.local),
        ...(flow.memory ? { sessionStorage: JSON.stringify(seen.session) } : {}),
        cookies: `${seen.cookie} ${seen.cookies}`,
        DOM: seen.dom,
      },
      tokens,
    );

    await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
    // Redirect and popup sign-ins end the OP's session too (its "sign out?" page); embedded mode leaves none.
    const opAsks = page.getByRole('heading', { name: 'Sign out of Demo ID?' });
    await expect(opAsks.or(eventLog(page).getByText('ciam-signed-out')).first()).toBeVisible();
    if (await opAsks.isVisible()) {
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(`${appUrl}/**`);
      await expect(page.locator('ciam-login').getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    }
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expectStorageNamesNobody(page);
    expectNoTokenIn({ DOM: (await readable(page, context, appUrl)).dom }, tokens);
  });
}

/**
 * XSS battery: hostile text reaches the elements by every path it has in
 * real life, and none of it runs or becomes markup (browser.ts: sentinel,
 * DOM walk through shadow roots, the demo's strict CSP reporting anything it
 * blocked). Paths: a hostile OP's claims (name, email, picture) in the ID
 * token and userinfo; its error answers (error, error_description,
 * error_uri) on the redirect callback and from the challenge endpoint;
 * hostile URL parameters on the page; the page's own attributes (`social`
 * display names) and message overrides.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEEDED_USER, signInEmbedded, useStack } from '../e2e/stack.js';
import { recordVectors } from './battery.js';
import { blockOffMachine, expectNoXss, tamperTokenAnswers, watchViolations } from './browser.js';
import { xssVectors } from './xss-vectors.js';

const stack = useStack(5100);
// 35 vectors a test, some with a sign-in or a round trip to the OP each.
test.describe.configure({ timeout: 180_000 });

let offMachine: string[] = [];
test.beforeEach(async ({ page }) => {
  await watchViolations(page);
  offMachine = await blockOffMachine(page); // a vector that got through must not reach the network either
});

/** Runs `deliver` for every vector, checks the page after each, and records the category's counts. */
async function battery(page: Page, category: string, vectors: string[], deliver: (vector: string) => Promise<void>) {
  let rejected = 0;
  try {
    for (const vector of vectors) {
      await deliver(vector);
      await expectNoXss(page, vector);
      expect(offMachine, `requests off the machine for ${vector}`).toEqual([]);
      rejected++;
    }
  } finally {
    recordVectors(category, vectors.length, rejected);
  }
}

test.describe('a hostile OP’s claims', () => {
  // One embedded sign-in per vector: the same vector in name, email and picture (the ID token and userinfo).
  for (const [part, vectors] of [
    ['first half', xssVectors.slice(0, 18)],
    ['second half', xssVectors.slice(18)],
  ] as const) {
    test(`name, email and picture are text, never markup (${part})`, async ({ page }) => {
      const { appUrl, opUrl } = stack();
      let current = '';
      await tamperTokenAnswers(page, opUrl, (c) => ({ ...c, name: current, email: current, picture: current, given_name: current }));
      await battery(page, 'xss', vectors, async (vector) => {
        current = vector;
        await signInEmbedded(page, appUrl, SEEDED_USER.email, SEEDED_USER.password);
        await expect(page.locator('#event-log')).toContainText('ciam-signed-in');
        // Delivered, and shown as text: <ciam-user> names the user with it.
        await expect(page.locator('ciam-user')).toContainText(vector.trim());
      });
    });
  }
});

test('a hostile OP’s resource APIs (consent documents and their links, connected accounts, passkey names) are never markup', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  let current = '';
  // Every display text and link the account elements show, from the OP's consents, connections and passkeys APIs.
  const hostile = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(hostile);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        ['title', 'name', 'email', 'url', 'changes_url'].includes(key) && typeof v === 'string' ? current : hostile(v),
      ]),
    );
  };
  await page.route(
    (url) => url.origin === opUrl && /^\/api\/(consents|connections|passkeys)\/?$/.test(url.pathname),
    async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, json: hostile(await response.json()) });
    },
  );
  await battery(page, 'xss', xssVectors, async (vector) => {
    current = vector;
    const answers = ['consents', 'connections', 'passkeys'].map((api) => page.waitForResponse((r) => r.url().startsWith(`${opUrl}/api/${api}`)));
    await signInEmbedded(page, appUrl);
    await Promise.all(answers);
    // Delivered, and shown as text: the consent element names the document with it.
    await expect(page.locator('ciam-consent')).toContainText(vector.trim());
  });
});

test('the OP’s error, error_description and error_uri on the redirect callback are never markup', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  let current = '';
  // The OP answers the authorization request at once with an error carrying the vector, and the request's own state.
  await page.route(`${opUrl}/auth?*`, async (route) => {
    const request = new URL(route.request().url());
    const back = new URL(request.searchParams.get('redirect_uri')!);
    back.searchParams.set('error', current.length % 2 ? 'server_error' : current);
    back.searchParams.set('error_description', current);
    back.searchParams.set('error_uri', current);
    back.searchParams.set('state', request.searchParams.get('state')!);
    await route.fulfill({ status: 302, headers: { location: back.href } });
  });
  await battery(page, 'xss', xssVectors, async (vector) => {
    current = vector;
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#event-log')).toContainText('ciam-error');
  });
});

test('the challenge endpoint’s error_description is never markup', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  let current = '';
  await page.route(`${opUrl}/challenge`, (route) =>
    route.fulfill({
      status: 400,
      json: { error: 'invalid_request', error_description: current, error_uri: current },
      headers: { 'access-control-allow-origin': appUrl },
    }),
  );
  await page.goto(`${appUrl}/embedded.html`);
  await battery(page, 'xss', xssVectors, async (vector) => {
    current = vector;
    const email = page.locator('ciam-login').getByLabel('Email');
    await email.fill(`${xssVectors.indexOf(vector)}@example.com`);
    await Promise.all([page.waitForResponse(`${opUrl}/challenge`), email.press('Enter')]);
    await expect(page.getByRole('alert')).toContainText('The sign-in service rejected the request.');
  });
});

test('hostile URL parameters (callback, linking answers) are never markup', async ({ page }) => {
  const { appUrl } = stack();
  await battery(page, 'xss', xssVectors, async (vector) => {
    const query = new URLSearchParams({ code: vector, state: vector, iss: vector, linked: vector, link_error: vector, error_description: vector });
    await page.goto(`${appUrl}/session.html?${query}`);
    await expect(page.locator('#event-log')).toContainText('ciam-error');
  });
});

test('hostile social display names and ids in the `social` attribute are text', async ({ page }) => {
  const { appUrl } = stack();
  await page.goto(`${appUrl}/embedded.html`);
  await expect(page.locator('ciam-login').getByRole('button', { name: /Social ID/ })).toBeVisible();
  await battery(page, 'xss', xssVectors, async (vector) => {
    // The vector as a display name (commas split entries) and, without whitespace, as an id (ids have none).
    const name = vector.replaceAll(',', ' ');
    const id = vector.replace(/[\s,=]/g, '');
    await page.locator('ciam-login').evaluate((login, social) => login.setAttribute('social', social), `social=${name}, ${id}`);
    await expect(
      page
        .locator('ciam-login')
        .getByRole('button', { name: `Continue with ${name.trim()}` })
        .first(),
    ).toBeVisible();
    await expect(
      page
        .locator('ciam-login')
        .getByRole('button', { name: `Continue with ${id}` })
        .last(),
    ).toBeVisible();
  });
});

test('hostile message overrides (i18n) are text', async ({ page }) => {
  const { appUrl } = stack();
  await page.goto(`${appUrl}/embedded.html`);
  await expect(page.locator('ciam-login').getByLabel('Email')).toBeVisible();
  await battery(page, 'xss', xssVectors, async (vector) => {
    await page.evaluate((v) => {
      const messages = Object.fromEntries(
        ['login.title', 'login.continue', 'login.username.label', 'error.invalid_request', 'error.unknown'].map((id) => [id, `${v} {seconds}`]),
      );
      for (const el of document.querySelectorAll('ciam-login, ciam-user')) (el as HTMLElement & { messages: unknown }).messages = messages;
    }, vector);
    await expect(page.locator('ciam-login')).toContainText('{seconds}');
  });
});

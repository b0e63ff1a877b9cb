/**
 * Protocol battery: answers an attacker (or a broken OP) could put in the
 * browser's way, each refused with a typed error (the `ciam-error` code the
 * demo's event log shows) and no session. The redirect callback: a forged
 * `state`, a foreign `iss` (RFC 9207), a replayed code; the ID token (in
 * redirect and embedded mode): another nonce, issuer or audience, expired,
 * `alg: none`; and PKCE left out or downgraded, which the OP must refuse.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { eventLog, SEEDED_USER, signInEmbedded, signInOnOp, useStack } from '../e2e/stack.js';
import { recordVectors } from './battery.js';
import { tamperTokenAnswers } from './browser.js';

const stack = useStack(5110);

/** No session: nothing signed in was announced, <ciam-user> offers no sign-out, and no token request succeeded since `since`. */
async function expectNoSession(page: Page) {
  await expect(eventLog(page)).not.toContainText('ciam-signed-in');
  await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

async function expectRefused(page: Page, code: string) {
  await expect(eventLog(page)).toContainText(`ciam-error ${code}`);
  await expectNoSession(page);
}

/** Signs in at the OP once, so later sign-ins come straight back (the OP's session cookie). */
async function signInAtOpOnce(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(eventLog(page)).toContainText('ciam-signed-in');
}

/**
 * The OP's answer (its redirect to the app's callback with `?code=`) as it leaves the OP, changed once by
 * `change`. Playwright sees only the first request of a redirect chain, so this answers the OP's navigations itself.
 */
async function rewriteCallbackOnce(page: Page, opUrl: string, appUrl: string, change: (url: URL) => void) {
  let done = false;
  await page.route(`${opUrl}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    // The browser follows a fulfilled redirect without asking the route again, so the OP's hops are followed here.
    let response = await route.fetch({ maxRedirects: 0 });
    let url = response.headers().location ? new URL(response.headers().location, route.request().url()) : null;
    while (url && url.origin === opUrl) {
      response = await page.request.get(url.href, { maxRedirects: 0 });
      url = response.headers().location ? new URL(response.headers().location, url) : null;
    }
    if (!url) return route.fulfill({ response });
    if (!done && url.origin === appUrl && url.searchParams.has('code')) {
      done = true;
      change(url);
    }
    await route.fulfill({ status: 302, headers: { location: url.href } });
  });
  // The OP's hosted page may also send the browser to the callback itself (its answer's `redirect_to`).
  await page.route(
    (url) => url.origin === appUrl && url.searchParams.has('code'),
    async (route) => {
      if (done) return route.continue();
      done = true;
      const url = new URL(route.request().url());
      change(url);
      await route.fulfill({ status: 302, headers: { location: url.href } });
    },
  );
}

/** On the OP's hosted page: email, password, and Allow if asked; the app's answer is the caller's to wait for. */
async function typeCredentialsOnOp(page: Page) {
  await expect(page.getByRole('heading', { name: 'Sign in to Demo ID' })).toBeVisible();
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  const allow = page.getByRole('button', { name: 'Allow' });
  await expect(allow.or(eventLog(page).locator('li').first())).toBeVisible();
  if (await allow.isVisible()) await allow.click();
}

function tokenRequests(page: Page, opUrl: string): Request[] {
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.url() === `${opUrl}/token` && r.method() === 'POST') requests.push(r);
  });
  return requests;
}

let tried = 0;
let rejected = 0;
test.afterAll(() => recordVectors('protocol', tried, rejected));

/** Counts one vector; `check` throws when it was not refused. */
async function vector(check: () => Promise<void>) {
  tried++;
  await check();
  rejected++;
}

test.describe('the redirect callback', () => {
  test('a forged state is invalid_state: no code exchange, no session', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    await page.goto(`${appUrl}/`);
    const tokens = tokenRequests(page, opUrl);
    await rewriteCallbackOnce(page, opUrl, appUrl, (url) => url.searchParams.set('state', 'forged-by-an-attacker'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await typeCredentialsOnOp(page);
    await vector(async () => {
      await expectRefused(page, 'invalid_state');
      expect(tokens).toHaveLength(0);
    });
  });

  test('an iss other than the issuer is refused before the code is exchanged (RFC 9207), and so is a missing one', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    await signInAtOpOnce(page, appUrl);
    for (const change of [(url: URL) => url.searchParams.set('iss', 'https://evil.example'), (url: URL) => url.searchParams.delete('iss')]) {
      await page.goto(`${appUrl}/`);
      const tokens = tokenRequests(page, opUrl);
      await rewriteCallbackOnce(page, opUrl, appUrl, change);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await vector(async () => {
        await expectRefused(page, 'invalid_id_token');
        expect(tokens).toHaveLength(0);
      });
      await page.unrouteAll();
    }
  });

  test('a replayed code is refused by the OP (invalid_grant): no session', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    await page.goto(`${appUrl}/`);
    let used = '';
    await rewriteCallbackOnce(page, opUrl, appUrl, (url) => (used = url.searchParams.get('code')!));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await expect(eventLog(page)).toContainText('ciam-signed-in');
    await page.unrouteAll();

    // A new sign-in (its own state and PKCE verifier), answered with the used code instead of a fresh one.
    await page.goto(`${appUrl}/`);
    await page.route(`${opUrl}/auth?*`, async (route) => {
      const request = new URL(route.request().url());
      const back = new URL(request.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({ code: used, state: request.searchParams.get('state')!, iss: opUrl }).toString();
      await route.fulfill({ status: 302, headers: { location: back.href } });
    });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await vector(() => expectRefused(page, 'invalid_grant'));
  });
});

/** ID tokens a hostile or broken OP could answer with: each must be invalid_id_token. */
const idTokenVectors: [string, (c: Record<string, unknown>) => Record<string, unknown>, ((h: Record<string, unknown>) => Record<string, unknown>)?][] = [
  ['another nonce', (c) => ({ ...c, nonce: 'replayed-nonce' })],
  ['no nonce', ({ nonce: _, ...c }) => c],
  ['another issuer', (c) => ({ ...c, iss: 'https://evil.example' })],
  ['another audience', (c) => ({ ...c, aud: 'another-client' })],
  ['several audiences, azp another client', (c) => ({ ...c, aud: [c.aud, 'another-client'], azp: 'another-client' })],
  ['expired an hour ago', (c) => ({ ...c, exp: Math.floor(Date.now() / 1000) - 3600 })],
  ['issued in the future', (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) + 3600 })],
  ['alg none', (c) => c, (h) => ({ ...h, alg: 'none' })],
  ['alg NONE', (c) => c, (h) => ({ ...h, alg: 'NONE' })],
];

test.describe('the ID token', () => {
  test('redirect mode: every tampered ID token is invalid_id_token, and nothing is signed in', async ({ page }) => {
    test.setTimeout(120_000);
    const { appUrl, opUrl } = stack();
    await signInAtOpOnce(page, appUrl);
    for (const [name, claims, header] of idTokenVectors) {
      await page.goto(`${appUrl}/`);
      await tamperTokenAnswers(page, opUrl, claims, header);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await vector(async () => {
        await test.step(name, () => expectRefused(page, 'invalid_id_token'));
      });
      await page.unrouteAll();
    }
  });

  test('embedded mode: every tampered ID token is invalid_id_token on the form, and nothing is signed in', async ({ page }) => {
    test.setTimeout(120_000);
    const { appUrl, opUrl } = stack();
    for (const [name, claims, header] of idTokenVectors) {
      await tamperTokenAnswers(page, opUrl, claims, header);
      await signInEmbedded(page, appUrl);
      await vector(async () => {
        await test.step(name, async () => {
          await expect(page.getByRole('alert')).toBeVisible();
          await expectNoSession(page);
        });
      });
      await page.unrouteAll();
    }
  });
});

test.describe('PKCE at the OP', () => {
  for (const [name, change] of [
    ['without code_challenge', (url: URL) => (url.searchParams.delete('code_challenge'), url.searchParams.delete('code_challenge_method'))],
    ['downgraded to plain', (url: URL) => url.searchParams.set('code_challenge_method', 'plain')],
  ] as const) {
    test(`an authorization request ${name} is refused by the OP, and no session follows`, async ({ page }) => {
      const { appUrl, opUrl } = stack();
      await page.goto(`${appUrl}/`);
      await page.route(`${opUrl}/auth?*`, async (route) => {
        const url = new URL(route.request().url());
        change(url);
        await route.continue({ url: url.href });
      });
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await vector(() => expectRefused(page, 'invalid_request'));
    });
  }

  test('a token request without the code_verifier is refused by the OP (invalid_grant)', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    await page.route(`${opUrl}/token`, async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.delete('code_verifier');
      await route.continue({ postData: body.toString() });
    });
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await typeCredentialsOnOp(page);
    await vector(() => expectRefused(page, 'invalid_grant'));
  });
});

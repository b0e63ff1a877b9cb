import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, SEEDED_USER, signInEmbedded, signInOnOp, useStack } from './stack.js';

// Backend-for-frontend mode (bff.html, demo/bff/server.ts): sign-in, an API call, step-up and sign-out all go
// through the same-origin BFF, and no token ever reaches the page. Sign-ins older than 3 s count as stale for the
// payout API, so the step-up is reached without waiting minutes.
const stack = useStack(4950, { recentAuthMaxAgeSeconds: 3 });
test.use({ bypassCSP: true }); // axe arrives as an inline script

test('signs in, calls the API, steps up and signs out through the BFF; page script never sees a token', async ({ page, context }) => {
  const { appUrl, opUrl } = stack();
  // Every answer the page gets (the BFF's included) is read for tokens.
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(appUrl) && response.request().resourceType() === 'fetch')
      void response.text().then(
        (text) => bodies.push(text),
        () => undefined, // a page that navigated away keeps no body
      );
  });
  await page.goto(`${appUrl}/bff.html`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await page.waitForURL(`${appUrl}/bff.html`);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(page.locator('.claims')).toContainText(SEEDED_USER.email);
  expect(await axeViolations(page), 'the BFF page signed in').toEqual([]);

  // The session is a cookie page script cannot read. (Cookies are per host, not per port: the OP's, also on
  // localhost, show up here too; only the BFF's is the app's.)
  const bffCookie = async () => (await context.cookies(appUrl)).filter((c) => c.name === '__Host-bff');
  expect((await bffCookie()).map((c) => [c.httpOnly, c.sameSite, c.secure])).toEqual([[true, 'Strict', true]]);
  expect(await page.evaluate(() => document.cookie)).not.toContain('__Host-bff');

  // An API call, with the access token added by the BFF.
  await page.waitForTimeout(3500); // the sign-in is now too old for payouts
  await page.getByRole('button', { name: 'Change payout details' }).click();
  // Step-up: the API's challenge came back through the BFF; the page went to the OP with max_age.
  await page.waitForURL(`${opUrl}/**`);
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await page.waitForURL(`${appUrl}/bff.html`);
  await page.getByRole('button', { name: 'Change payout details' }).click();
  await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');

  const seen = await page.evaluate(() => ({ storage: JSON.stringify({ ...localStorage, ...sessionStorage }), dom: document.documentElement.outerHTML }));
  expect(bodies.length, 'the BFF answers were read').toBeGreaterThan(1);
  for (const text of [seen.storage, seen.dom, ...bodies]) {
    expect(text).not.toMatch(/access_token|refresh_token|id_token|eyJ[\w-]{10,}\.[\w-]{10,}\./);
  }

  // Sign-out: the BFF revokes the tokens, the OP's session ends on its page, and the page is signed out.
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${appUrl}/bff.html`);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  expect(await bffCookie()).toEqual([]);
});

/** The app's ciam-journey details, across the page's navigations (kept in the test: the page reloads); not the OP's pages' own. */
async function journeyOf(page: Page, appUrl: string) {
  const seen: Record<string, unknown>[] = [];
  await page.exposeFunction('journeySeen', (detail: Record<string, unknown>) => seen.push(detail));
  await page.addInitScript((app) => {
    if (location.origin !== app) return;
    document.addEventListener('ciam-journey', (e) => (window as unknown as { journeySeen(detail: unknown): void }).journeySeen(e.detail));
  }, new URL(appUrl).origin);
  return seen;
}

test('journey events in BFF mode: one attempt across the redirect (redirect, provider, ok), a return without signing in is cancelled; all sent to the demo’s collector', async ({
  page,
}) => {
  const { appUrl, opUrl } = stack();
  const seen = await journeyOf(page, appUrl);
  await page.goto(`${appUrl}/bff.html`);
  // Off to the OP and back by the address bar: nobody signed in.
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${opUrl}/**`);
  await page.goto(`${appUrl}/bff.html`);
  await expect.poll(() => seen.length).toBe(3);
  // Then a sign-in.
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await page.waitForURL(`${appUrl}/bff.html`);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect.poll(() => seen.length).toBe(6);

  const [cancelled, signedIn] = [seen[0].attempt, seen[3].attempt];
  const at = { mode: 'bff', element: 'ciam-login' };
  expect(seen).toEqual([
    { type: 'method', method: 'redirect', attempt: cancelled, ...at },
    { type: 'step', step: 'provider', attempt: cancelled, ...at },
    { type: 'outcome', outcome: 'cancelled', duration: expect.any(String), attempt: cancelled, ...at },
    { type: 'method', method: 'redirect', attempt: signedIn, ...at },
    { type: 'step', step: 'provider', attempt: signedIn, ...at },
    { type: 'outcome', outcome: 'ok', duration: expect.any(String), attempt: signedIn, ...at },
  ]);
  expect(signedIn).not.toBe(cancelled);

  // The page sent each to the demo's collector, which keeps them for the privacy scan (zz-journey-privacy.spec.ts).
  const log = process.env.CIAM_JOURNEY_LOG ?? '';
  const logged = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((line) => line.includes(String(signedIn))).length
      : 0;
  await expect.poll(logged).toBe(3);
  const funnel = (await (await page.request.get(`${appUrl}/journey/funnel`)).json()) as Record<string, { started: number; completed: number }>;
  expect(funnel.redirect.completed).toBeGreaterThanOrEqual(1);

  // Sign-out is no journey (as in the other modes); it also ends this session at the OP for the tests after this one.
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${appUrl}/bff.html`);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  expect(seen).toHaveLength(6);
});

test('a sign-in the BFF could not finish comes back with its code: shown, taken off the address, and a journey error', async ({ page }) => {
  const { appUrl } = stack();
  const seen = await journeyOf(page, appUrl);
  // A callback the BFF never started (a forged or replayed state): back to its page, not a JSON error.
  await page.goto(`${appUrl}/bff/callback?state=forged&code=whatever`);
  await expect(page).toHaveURL(`${appUrl}/bff.html`); // bff_error taken off the address
  await expect(page.locator('ciam-login').getByRole('alert')).toContainText('This sign-in attempt expired or was already used. Start again.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]).toEqual({
    type: 'outcome',
    outcome: 'error',
    code: 'invalid_state',
    duration: '<1s',
    attempt: expect.any(String),
    mode: 'bff',
    element: 'ciam-login',
  });
});

test('the BFF refuses other sites: no X-CSRF, or a foreign Origin', async ({ request }) => {
  const { appUrl } = stack();
  expect((await request.get(`${appUrl}/bff/user`)).status()).toBe(403);
  expect((await request.get(`${appUrl}/bff/user`, { headers: { 'x-csrf': '1', origin: 'https://evil.example' } })).status()).toBe(403);
  expect((await request.post(`${appUrl}/bff/api/payout`, { headers: { 'x-csrf': '1' } })).status()).toBe(401); // no session
  const away = await request.get(`${appUrl}/bff/login?returnTo=//evil.example/x`, { maxRedirects: 0 });
  expect(away.status()).toBe(302);
});

test('a BFF session ended from another browser’s device list: back-channel logout to the BFF, and its tabs sign out at once', async ({ browser }) => {
  const { appUrl } = stack();
  const office = await browser.newContext();
  const laptop = await browser.newContext();
  try {
    const page = await office.newPage();
    await page.goto(`${appUrl}/bff.html`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await page.waitForURL(`${appUrl}/bff.html`);
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    const second = await office.newPage(); // BFF tabs share the cookie; each listens to the BFF's events
    await second.goto(`${appUrl}/bff.html`);
    await expect(second.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

    const elsewhere = await laptop.newPage();
    await signInEmbedded(elsewhere, appUrl);
    const list = elsewhere.locator('ciam-sessions');
    await expect(list.getByRole('listitem').filter({ hasText: 'Demo App (server)' })).toHaveCount(1);
    await list
      .getByRole('listitem')
      .filter({ hasText: 'Demo App (server)' })
      .getByRole('button', { name: /^Sign out: / })
      .click();
    await expect(list.getByRole('listitem')).toHaveCount(1);

    for (const tab of [page, second]) {
      await expect(tab.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 5_000 });
      await expect(tab.locator('ciam-login').getByRole('alert')).toHaveText(/You were signed out\s*Your session ended\. Sign in again\./);
    }
    // The BFF dropped the session: its cookie no longer signs anyone in.
    expect((await page.request.get(`${appUrl}/bff/user`, { headers: { 'x-csrf': '1' } })).status()).toBe(401);
  } finally {
    await office.close();
    await laptop.close();
  }
});

test('the BFF takes only a logout token signed by its OP: none, garbage and an unsigned one are refused', async ({ request }) => {
  const { appUrl } = stack();
  const post = (logout_token?: string) => request.post(`${appUrl}/bff/backchannel-logout`, { form: logout_token === undefined ? {} : { logout_token } });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'none', typ: 'logout+jwt' })}.${part({ iss: stack().opUrl, aud: 'demo-bff', iat: now, jti: 'x', sid: 'y', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })}.`;
  for (const answer of [await post(), await post('not-a-jwt'), await post(unsigned)]) expect(answer.status()).toBe(400);
});

/**
 * Open redirects in the browser: a hostile `return-to` through a real
 * redirect sign-in never takes the page off its origin, and a hostile
 * `redirect-uri` or `post-logout-redirect-uri` stops the element with a
 * `config` error before the OP is asked. (Every vector of redirect-vectors.ts
 * is also run through the core checks in redirects.test.ts.)
 */
import { expect, test } from '@playwright/test';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from '../e2e/stack.js';
import { recordVectors } from './battery.js';
import { blockOffMachine } from './browser.js';
import { offOriginVectors } from './redirect-vectors.js';

const stack = useStack(5140);

/** A dozen of the vectors, one of each kind (all of them go through the core check in redirects.test.ts). */
const browserVectors = offOriginVectors.filter((_, i) => i % 3 === 0);

test('return-to: after a real sign-in the page stays on its origin', async ({ page }) => {
  test.setTimeout(120_000);
  const { appUrl } = stack();
  const offMachine = await blockOffMachine(page);
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  let rejected = 0;
  try {
    for (const vector of browserVectors) {
      await page.goto(`${appUrl}/`);
      await page.locator('ciam-login').evaluate((login, v) => login.setAttribute('return-to', v), vector);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(eventLog(page)).toContainText('ciam-signed-in');
      expect(new URL(page.url()).origin, vector).toBe(appUrl);
      expect(offMachine, vector).toEqual([]);
      rejected++;
    }
  } finally {
    recordVectors('open redirect', browserVectors.length, rejected);
  }
});

for (const attribute of ['redirect-uri', 'post-logout-redirect-uri']) {
  test(`${attribute}: a value off the page's origin is a config error and the OP is never asked`, async ({ context }) => {
    test.setTimeout(120_000);
    const { appUrl, opUrl } = stack();
    const vectors = browserVectors.filter((v) => !URL.canParse(v, appUrl) || new URL(v, appUrl).origin !== appUrl);
    let rejected = 0;
    try {
      for (const vector of vectors) {
        const page = await context.newPage();
        const offMachine = await blockOffMachine(page);
        // The attribute as the page's HTML would carry it: set as <ciam-login> is parsed, before its client starts.
        await page.addInitScript(
          ([name, value]) => {
            new MutationObserver((_, observer) => {
              const login = document.querySelector('ciam-login');
              if (!login) return;
              login.setAttribute(name, value);
              observer.disconnect();
            }).observe(document, { childList: true, subtree: true });
          },
          [attribute, vector],
        );
        const toOp: string[] = [];
        page.on('request', (r) => r.url().startsWith(opUrl) && toOp.push(r.url()));
        await page.goto(`${appUrl}/`);
        await expect(eventLog(page)).toContainText('ciam-error config');
        await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
        expect(toOp, vector).toEqual([]);
        expect(offMachine, vector).toEqual([]);
        await page.close();
        rejected++;
      }
    } finally {
      recordVectors('open redirect', vectors.length, rejected);
    }
  });
}

test('a hostile connections API’s link URL (javascript:, data:, plain http) is refused: no navigation, no script', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  const offMachine = await blockOffMachine(page);
  const vectors = [
    'javascript:window.__pwned=1',
    'JaVaScRiPt:window.__pwned=1',
    ' javascript:window.__pwned=1',
    'data:text/html,<script>parent.__pwned=1</script>',
    'vbscript:msgbox(1)',
    'http://evil.example/link',
    '//evil.example/link',
    '/\\evil.example/link',
  ];
  let current = '';
  await page.route(`${opUrl}/api/connections`, async (route) =>
    route.request().method() === 'POST' ? route.fulfill({ json: { url: current }, headers: { 'access-control-allow-origin': appUrl } }) : route.continue(),
  );
  await page.goto(`${appUrl}/embedded.html`);
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  const connect = page.locator('ciam-connections').getByRole('button', { name: 'Connect Acme Corp SSO' });
  let rejected = 0;
  try {
    for (const vector of vectors) {
      current = vector;
      await Promise.all([page.waitForResponse((r) => r.url() === `${opUrl}/api/connections` && r.request().method() === 'POST'), connect.click()]);
      await expect(page.locator('ciam-connections').getByRole('alert')).toContainText('The sign-in service sent an answer we can’t read.');
      expect(new URL(page.url()).origin, vector).toBe(appUrl);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), vector).toBeUndefined();
      expect(offMachine, vector).toEqual([]);
      rejected++;
    }
  } finally {
    recordVectors('open redirect', vectors.length, rejected);
  }
});

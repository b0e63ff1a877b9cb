/**
 * Strict page battery: every demo page (demo/app/*.html) under
 * `script-src 'self'; style-src 'self'; require-trusted-types-for 'script';
 * trusted-types lit-html` (the demo's own policy, demo/stack.ts; the Vue
 * page also names Vue's runtime policy, `vue`), signed in and out
 * on it, with zero violations: none reported to the page
 * (`securitypolicyviolation`), none logged by Chromium, no page error (a
 * Trusted Types refusal throws).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TRUSTED_TYPES } from '../../demo/stack.js';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from '../e2e/stack.js';
import { recordVectors } from './battery.js';

const stack = useStack(5130);

const pages = readdirSync(join(import.meta.dirname, '../../demo/app')).filter((name) => name.endsWith('.html'));

let tried = 0;
let rejected = 0;
test.afterAll(() => recordVectors('strict page', tried, rejected));

/** Collects every violation and page error on the app's pages (the demo serves them with TRUSTED_TYPES in its CSP). */
async function strictPage(page: Page, appUrl: string) {
  const problems: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' || !response.url().startsWith(appUrl)) return;
    if (response.status() >= 300 && response.status() < 400) return; // a redirect (the BFF's) renders nothing to protect
    const policy = response.headers()['content-security-policy'] ?? '';
    if (!(policy.includes("script-src 'self'") && policy.includes("style-src 'self'") && policy.includes(TRUSTED_TYPES))) {
      problems.push(`${response.url()} is served without the strict policy: ${policy}`);
    }
  });
  page.on('console', (message) => {
    if (message.location().url.startsWith(appUrl) && /Content Security Policy|Trusted Type/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Reported as they happen, so a navigation (to the OP and back) loses none.
  await page.exposeFunction('__reportViolation', (violation: string) => problems.push(violation));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __reportViolation(v: string): Promise<void> }).__reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    }),
  );
  return problems;
}

async function signInEmbeddedHere(page: Page) {
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
}

async function signInAtOp(page: Page, via: 'redirect' | 'popup') {
  if (via === 'redirect') {
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    return signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  }
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await popupOpened;
  const closed = popup.waitForEvent('close');
  await signInOnOp(popup, SEEDED_USER.email, SEEDED_USER.password);
  await closed;
}

test('every demo page is listed', () => {
  expect(pages.sort()).toEqual(['bff.html', 'embedded.html', 'index.html', 'popup.html', 'react.html', 'session.html', 'themes.html', 'vue.html']);
});

// The themes gallery signs nobody in: three cards of one client, and its scheme switch.
test('themes.html: draws its three brands and switches their scheme under the same policy with zero violations', async ({ page }) => {
  const { appUrl } = stack();
  const seen = await strictPage(page, appUrl);
  tried++;
  await page.goto(`${appUrl}/themes.html`);
  await expect(page.locator('ciam-login').getByLabel('Email')).toHaveCount(3);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('ciam-login[theme="dark"]')).toHaveCount(3);
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('ciam-login[theme]')).toHaveCount(0);
  expect(seen).toEqual([]);
  rejected++;
});

for (const name of pages.filter((page) => page !== 'themes.html')) {
  test(`${name}: signs in and out under script-src 'self', style-src 'self' and Trusted Types with zero violations`, async ({ page }) => {
    const { appUrl } = stack();
    const seen = await strictPage(page, appUrl);
    tried++;
    await page.goto(`${appUrl}/${name === 'index.html' ? '' : name}`);
    await expect(page.locator('ciam-login')).toBeVisible();
    // bff.html signs in through its backend, which sends the browser to the OP: as redirect mode does.
    const mode = (await page.locator('ciam-login').getAttribute('bff')) ? 'redirect' : await page.locator('ciam-login').getAttribute('mode');
    if (mode === 'redirect' || mode === 'popup') await signInAtOp(page, mode);
    else await signInEmbeddedHere(page);
    // Signed in: the account's elements (profile, passkeys, connections, consent) render too.
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toBeVisible();
    if (!['react.html', 'vue.html', 'bff.html'].includes(name)) await expect(eventLog(page)).toContainText('access token ready');
    await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
    if (mode === 'redirect' || mode === 'popup') {
      // The OP's "sign out?" page (its own origin and policy), then back to this page.
      await expect(page.getByRole('heading', { name: 'Sign out of Demo ID?' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(`${appUrl}/**`);
      await expect(page.locator('ciam-login').getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    } else {
      await expect(page.locator('ciam-login').getByLabel('Email')).toBeVisible();
    }
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    expect(seen).toEqual([]);
    rejected++;
  });
}

test('control: the watch sees a violation when a page breaks the policy', async ({ page }) => {
  const { appUrl } = stack();
  const seen = await strictPage(page, appUrl);
  await page.goto(`${appUrl}/embedded.html`);
  await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>a string, not TrustedHTML</b>';
    } catch {
      // Trusted Types refuse it: that is the point.
    }
  });
  await expect.poll(() => seen.join('\n')).toContain('require-trusted-types-for');
});

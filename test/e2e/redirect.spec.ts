import { expect, test } from '@playwright/test';
import { eventLog, failOnPageErrors, mailedCode, recordOpRequests, SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4710);

test.describe('redirect mode', () => {
  test('signs the seeded user in on the OP pages and back, in at most 2 requests after discovery', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl } = stack();
    await page.goto(`${appUrl}/`);
    const authorize = page.waitForRequest((r) => r.isNavigationRequest() && r.url().startsWith(opUrl));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${opUrl}/**`);
    // The OP's pages are asked for in the language the element shows.
    expect(new URL((await authorize).url()).searchParams.get('ui_locales')).toMatch(/^en\b/);
    // Hosted mode: the OP's own page is built from the same element, with light-DOM fields.
    await expect(page.locator('ciam-login[mode="hosted"]').getByLabel('Email')).toBeVisible(); // the form loads with the element's lazy forms
    expect(await page.evaluate(() => document.querySelector('ciam-login input[autocomplete]')?.getAttribute('autocomplete'))).toBe('username webauthn');

    const requests = recordOpRequests(page, opUrl);
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await page.waitForURL(`${appUrl}/**`);

    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await expect(eventLog(page)).toContainText(`ciam-signed-in ${SEEDED_USER.email}, access token ready`);
    // The used code is gone from the address bar, so a reload cannot replay it.
    expect(new URL(page.url()).search).toBe('');
    const afterDiscovery = requests.filter((r) => !r.url().includes('/.well-known/'));
    // The page asks for DPoP-bound tokens (`dpop`): the element reads userinfo itself, and only when the ID token
    // lacks name or email (this one has both), where oidc-client-ts would send the bound token as Bearer.
    expect(afterDiscovery.map((r) => new URL(r.url()).pathname)).toEqual(['/token']);
    expect(await afterDiscovery[0].headerValue('dpop')).toBeTruthy();
    noErrors();
  });

  test('an in-memory session ends with a reload, and the next sign-in reuses the OP session', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);

    // Still signed in at the OP: no login page this time.
    const opPages: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && frame.url().startsWith(opUrl) && opPages.push(frame.url()));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    expect(opPages.some((url) => url.includes('/interaction/'))).toBe(false);
  });

  test('sign-out revokes the tokens and ends the OP session', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl } = stack();
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

    const revocation = page.waitForRequest((r) => r.url() === `${opUrl}/token/revocation` && r.method() === 'POST');
    await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
    await revocation;
    await expect(page.getByRole('heading', { name: 'Sign out of Demo ID?' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${appUrl}/**`);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    // The OP came back with our logout state; it was checked and taken off the address bar.
    await expect(page).toHaveURL(`${appUrl}/`);

    // The OP session is over: signing in asks for the password again.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Demo ID' })).toBeVisible();
    noErrors();
  });

  test('a deliberate "Deny" at the OP (access_denied) is a quiet return to the signed-out view, and signing in again works', async ({ page }) => {
    const { appUrl } = stack();
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Create account' }).click();
    const card = page.locator('ciam-login');
    const email = `deny-${Date.now()}@example.com`;
    await card.getByLabel('Full name').fill('Deny Person');
    await card.getByLabel('Email').fill(email);
    await card.getByLabel('Password', { exact: true }).fill('a long enough passphrase here');
    await card.getByRole('button', { name: 'Create account' }).click();
    await card.getByLabel('Code from the email').fill(await mailedCode(stack().opUrl, email));
    await card.getByLabel('Code from the email').press('Enter');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${appUrl}/**`);
    // Like closing the popup: the signed-out card as it was (both ways in), no red error, no ciam-error.
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(eventLog(page)).not.toContainText('ciam-error');
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.locator('ciam-user').getByText('Deny Person')).toBeVisible();
  });
});

import { expect, test, type Page } from '@playwright/test';
import { axeViolations, signInOnOp, signInUpstream, mailbox, SEEDED_USER, useStack } from './stack.js';

// <ciam-connections> against the demo OP's connections API, with a fresh database: nobody has signed in at Acme yet.
const stack = useStack(4940);
test.use({ bypassCSP: true }); // axe arrives as an inline script

const card = (page: Page) => page.locator('ciam-login');

test.describe('connected accounts', () => {
  test('list, connect another by a visit to the OP and back, disconnect after confirming', async ({ page }) => {
    const { appUrl, opUrl, upstreams } = stack();
    // session.html keeps the session in sessionStorage, so the visit to the OP to connect does not end it.
    await page.goto(`${appUrl}/session.html`);
    await card(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await page.waitForURL(`${appUrl}/session.html**`);
    const connections = page.locator('ciam-connections');
    await expect(connections.getByRole('button', { name: 'Connect Acme Corp SSO' })).toBeVisible();
    expect(await axeViolations(page), 'the account panel with <ciam-connections>').toEqual([]);

    await connections.getByRole('button', { name: 'Connect Acme Corp SSO' }).click();
    // The OP asks first, naming the account the upstream one will open.
    await expect(page.getByRole('heading', { name: 'Connect Acme Corp SSO to ada@example.com?' })).toBeVisible();
    expect(await axeViolations(page), 'the link question').toEqual([]);
    await page.getByRole('button', { name: 'Continue to Acme Corp SSO' }).click();
    await signInUpstream(page, upstreams.acme, 'bob');
    await page.waitForURL(`${appUrl}/session.html**`);
    await expect(connections.getByRole('status')).toHaveText('Acme Corp SSO is now connected.');
    expect(new URL(page.url()).search).toBe(''); // the answer is off the address: a reload does not announce it again
    await expect(connections.getByRole('listitem').filter({ hasText: 'Acme Corp SSO' })).toContainText('bob@acme.test');
    const mails = await mailbox(opUrl, SEEDED_USER.email);
    expect(mails.map((m) => m.subject)).toContain('Acme Corp SSO was connected to your account');

    await connections.getByRole('button', { name: 'Disconnect: Acme Corp SSO' }).click();
    await expect(connections.getByText('Disconnect Acme Corp SSO? You will no longer be able to sign in with it.')).toBeVisible();
    await connections.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(connections.getByRole('status')).toHaveText('Acme Corp SSO was disconnected.');
    await expect(connections.getByRole('listitem').filter({ hasText: 'Acme Corp SSO' })).toHaveCount(0);
    await expect(connections.getByRole('button', { name: 'Connect Acme Corp SSO' })).toBeVisible();
  });
});

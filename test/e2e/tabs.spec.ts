import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { axeViolations, eventLog, SEEDED_USER, signInOnOp, useStack } from './stack.js';

// Tabs in step (client/tabs.ts): sign-in, sign-out and renewal reach every open tab of the app, and only one tab
// renews at a time. Access tokens live 65 s; renewal starts 60 s before expiry, so about 5 s after sign-in.
const stack = useStack(4980, { accessTokenTtlSeconds: 65 });
test.use({ bypassCSP: true }); // axe arrives as an inline script

const user = (page: Page) => page.locator('ciam-user').getByText('Ada Lovelace');
const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in', exact: true });

async function openTabs(context: BrowserContext, path: string, count: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await page.goto(`${stack().appUrl}${path}`);
    await expect(signInButton(page)).toBeEnabled();
    pages.push(page);
  }
  return pages;
}

test('a sign-in in one tab signs the others in; a sign-out in any tab signs all out', async ({ context }) => {
  const [first, second, third] = await openTabs(context, '/', 3);
  await signInButton(first).click();
  await signInOnOp(first, SEEDED_USER.email, SEEDED_USER.password);
  await expect(user(first)).toBeVisible();
  await expect(user(second)).toBeVisible({ timeout: 1000 });
  await expect(user(third)).toBeVisible({ timeout: 1000 });
  await expect(eventLog(second)).toContainText('ciam-signed-in ada@example.com (restored), access token ready');

  await third
    .locator('ciam-user')
    .getByRole('button', { name: /Sign out/ })
    .click();
  await expect(signInButton(first)).toBeVisible({ timeout: 5000 });
  await expect(signInButton(second)).toBeVisible({ timeout: 1000 });
  await expect(eventLog(first)).toContainText('ciam-signed-out');
});

test('three tabs with the same session renew it with exactly one refresh-token request', async ({ context }) => {
  const { opUrl } = stack();
  const refreshes: string[] = [];
  context.on('request', (request) => {
    if (request.url() === `${opUrl}/token` && request.postData()?.includes('grant_type=refresh_token')) refreshes.push(request.url());
  });
  // One clock for the context's pages, so the three tabs' renewal timers can be made to fire at the same moment.
  await context.clock.install();
  const tabs = await openTabs(context, '/', 3);
  await signInButton(tabs[0]).click();
  await signInOnOp(tabs[0], SEEDED_USER.email, SEEDED_USER.password);
  for (const tab of tabs) await expect(user(tab)).toBeVisible();

  // Stop the clock, jump past the renewal time (every tab's timer is now due), and let time run again: all three
  // tabs start renewing together. One takes the lock and renews; the others wait, then take its tokens.
  await context.clock.pauseAt(Date.now() + 1000);
  await context.clock.fastForward('00:30');
  await context.clock.resume();
  await expect.poll(() => refreshes.length, { timeout: 10_000 }).toBe(1);
  await tabs[0].waitForTimeout(2000);
  expect(refreshes, 'a rotated refresh token used twice would end the session').toHaveLength(1);
  for (const tab of tabs) {
    await expect(user(tab)).toBeVisible();
    await expect(eventLog(tab)).not.toContainText('ciam-signed-out');
  }
});

test('with tabs="join", a tab opened later takes the session of an open one', async ({ context }) => {
  const [first] = await openTabs(context, '/session.html', 1);
  await signInButton(first).click();
  await signInOnOp(first, SEEDED_USER.email, SEEDED_USER.password);
  await expect(user(first)).toBeVisible();

  const later = await context.newPage();
  await later.goto(`${stack().appUrl}/session.html`);
  await expect(user(later)).toBeVisible();
  await expect(signInButton(later)).toHaveCount(0);

  // The memory-store pages do not join: a tab opened later there starts signed out.
  const plain = await context.newPage();
  await plain.goto(`${stack().appUrl}/`);
  await expect(signInButton(plain)).toBeEnabled();
});

test('<ciam-session>: after 13 idle minutes every tab warns; "Stay signed in" in one keeps all; 15 more end the session in all, once', async ({ context }) => {
  const { opUrl } = stack();
  const revocations: string[] = [];
  context.on('request', (request) => {
    if (request.url() === `${opUrl}/token/revocation`) revocations.push(request.frame().page().url());
  });
  await context.clock.install();
  const [first, second] = await openTabs(context, '/', 2);
  await signInButton(first).click();
  await signInOnOp(first, SEEDED_USER.email, SEEDED_USER.password);
  await expect(user(second)).toBeVisible();

  const warning = (page: Page) => page.getByRole('dialog', { name: 'Are you still there?' });
  await context.clock.fastForward('13:01');
  await expect(warning(first)).toBeVisible();
  await expect(warning(second)).toBeVisible();
  await expect(warning(second)).toContainText(/you will be signed out in 1:5\d/);
  expect(await axeViolations(second), 'the warning').toEqual([]);
  // Keyboard: focus is on "Stay signed in"; Enter.
  await second.keyboard.press('Enter');
  await expect(warning(second)).toBeHidden();
  await expect(warning(first)).toBeHidden();
  await expect(user(first)).toBeVisible();

  await context.clock.fastForward('15:30');
  for (const page of [first, second]) {
    await expect(signInButton(page)).toBeVisible();
    await expect(page.locator('ciam-login').getByText('You were signed out because you were away for a while.')).toBeVisible();
  }
  expect(revocations.length, 'one tab revoked the tokens for all').toBeLessThanOrEqual(2); // refresh and access token
  expect(new Set(revocations).size).toBe(1);
  expect(first.url()).toBe(`${stack().appUrl}/`); // no visit to the OP: nobody is there to confirm
});

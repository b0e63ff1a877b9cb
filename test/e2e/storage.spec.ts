import { expect, test, type Page } from '@playwright/test';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4740);

/**
 * localStorage holds no token and nothing that names the user: at most <ciam-profile>'s sign-in count and
 * skips, under a SHA-256 of the subject (the demo's account panel has one).
 */
async function expectLocalStorageNamesNobody(page: Page) {
  const local: [string, string][] = await page.evaluate(() => Object.entries(localStorage) as [string, string][]);
  for (const [key, value] of local) {
    expect(key).toMatch(/^ciam\.profile:[0-9a-f]{64}$/);
    expect(Object.keys(JSON.parse(value) as object).sort()).toEqual(['signIns', 'skipped']);
  }
  const sub = stack().op.db.users.findByEmail(SEEDED_USER.email)!.id;
  expect(JSON.stringify(local)).not.toContain(sub);
  expect(JSON.stringify(local)).not.toContain(SEEDED_USER.email);
}

test('store="session" keeps the app signed in across a reload, and keeps no token in localStorage', async ({ page }) => {
  const { appUrl } = stack();
  await page.goto(`${appUrl}/session.html`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

  await page.reload();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(eventLog(page)).toContainText('(restored)');
  const session = await page.evaluate(() => Object.keys(sessionStorage));
  expect(session.some((key) => key.startsWith('ciam.user:'))).toBe(true);
  await expectLocalStorageNamesNobody(page);
});

test('the default in-memory store leaves nothing that names the user in web storage: the public discovery document, a hashed sign-in count and visit count', async ({
  page,
}) => {
  const { appUrl, opUrl } = stack();
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  const session = await page.evaluate(() => Object.keys(sessionStorage));
  // <ciam-profile> counts this visit's questions under the same hash (profile-memory.ts).
  expect(session.filter((key) => !/^ciam\.profile\.visit:[0-9a-f]{64}$/.test(key))).toEqual([`ciam.discovery:${opUrl}/.well-known/openid-configuration`]);
  await expectLocalStorageNamesNobody(page);
});

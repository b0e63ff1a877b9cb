import { expect, test } from '@playwright/test';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4740);

test('store="session" keeps the app signed in across a reload, and never uses localStorage', async ({ page }) => {
  const { appUrl } = stack();
  await page.goto(`${appUrl}/session.html`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

  await page.reload();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(eventLog(page)).toContainText('(restored)');
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage) }));
  expect(storage.local).toBe(0);
  expect(storage.session.some((key) => key.startsWith('ciam.user:'))).toBe(true);
});

test('the default in-memory store leaves nothing of the user in web storage: only the public discovery document', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage) }));
  expect(storage).toEqual({ local: 0, session: [`ciam.discovery:${opUrl}/.well-known/openid-configuration`] });
});

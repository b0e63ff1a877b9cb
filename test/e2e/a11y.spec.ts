import { expect, test } from '@playwright/test';
import { allowIfAsked, axeViolations as violations, SEEDED_USER, useStack } from './stack.js';

// axe-core on the real pages, the OP's hosted ones included (stories are checked in the component tests).
const stack = useStack(4830);
test.use({ bypassCSP: true }); // axe arrives as an inline script; the pages' own CSP stays strict otherwise

test('the app pages and the OP hosted pages have no WCAG A/AA violations', async ({ page }) => {
  const { appUrl } = stack();
  for (const path of ['/embedded.html', '/', '/popup.html', '/react.html', '/vue.html']) {
    await page.goto(`${appUrl}${path}`);
    await expect(page.locator('ciam-login').getByRole('button').first()).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }

  // The OP's hosted sign-in page, its registration page and the consent page.
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('ciam-login').getByLabel('Email')).toBeVisible();
  expect(await violations(page), 'OP sign-in').toEqual([]);
  await page.locator('ciam-login').getByLabel('Email').fill(SEEDED_USER.email);
  await page.locator('ciam-login').getByLabel('Email').press('Enter');
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).fill('not the password, on purpose');
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.locator('ciam-login').getByRole('alert')).toBeVisible();
  expect(await violations(page), 'OP sign-in with an error').toEqual([]);
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  expect(await violations(page), 'OP consent').toEqual([]);
  await allowIfAsked(page); // clicks Allow and waits until the page has gone on

  // Signed in: the app with <ciam-user>, the account panel and <ciam-passkey>.
  await page.goto(`${appUrl}/embedded.html`);
  await page.locator('ciam-login').getByLabel('Email').fill(SEEDED_USER.email);
  await page.locator('ciam-login').getByLabel('Email').press('Enter');
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await page.locator('ciam-login').getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.locator('ciam-passkey').getByText('You have no passkeys yet.')).toBeVisible();
  expect(await violations(page), 'signed in').toEqual([]);
});

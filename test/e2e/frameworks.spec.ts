import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, SEEDED_USER, useStack } from './stack.js';

// The elements inside framework apps: React 19 through the wrappers (src/react.ts), Vue 3 as plain custom elements.
const stack = useStack(4840);

/** Signs in on the page's embedded form (the OP is same-site), declines the passkey offer. */
async function signIn(page: Page) {
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  await card.getByRole('button', { name: 'Not now' }).click(); // passkeysEndpoint / passkeys-endpoint came from the framework too
}

async function signOutAgain(page: Page) {
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('ciam-login').getByLabel('Email')).toBeVisible();
}

test('in a React app: props configure <ciam-login>, onSignedIn and onSignedOut update React state', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await page.goto(`${stack().appUrl}/react.html`);
  await signIn(page);
  await expect(page.locator('.react-greeting')).toHaveText('Hello, Ada Lovelace. React state has you since onSignedIn.');
  await expect(page.locator('#event-log')).toContainText(`onSignedIn ${SEEDED_USER.email}`);
  await expect(page.locator('ciam-passkey').getByText('You have no passkeys yet.')).toBeVisible();

  await signOutAgain(page);
  await expect(page.locator('.react-greeting')).toHaveCount(0);
  await expect(page.locator('#event-log li').first()).toHaveText('onSignedOut');
  noErrors();
});

test('in a Vue app: bound attributes configure <ciam-login>, @ciam-signed-in and @ciam-signed-out update a ref', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await page.goto(`${stack().appUrl}/vue.html`);
  await signIn(page);
  await expect(page.locator('.vue-greeting')).toHaveText('Hello, Ada Lovelace. The Vue ref has you since @ciam-signed-in.');
  await expect(page.locator('#event-log')).toContainText(`@ciam-signed-in ${SEEDED_USER.email}`);
  await expect(page.locator('ciam-passkey').getByText('You have no passkeys yet.')).toBeVisible();

  await signOutAgain(page);
  await expect(page.locator('.vue-greeting')).toHaveCount(0);
  await expect(page.locator('#event-log li').first()).toHaveText('@ciam-signed-out');
  noErrors();
});

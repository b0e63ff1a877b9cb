import { expect, test } from '@playwright/test';
import { failOnPageErrors, SEEDED_USER, useStack } from './stack.js';

// The React wrappers (src/react.ts) in a React 19 app: props reach the element, events reach React.
const stack = useStack(4840);

test('in a React app: props configure <ciam-login>, onSignedIn and onSignedOut update React state', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  const card = page.locator('ciam-login');
  await page.goto(`${stack().appUrl}/react.html`);
  // authority and clientId came in as React props; the OP is same-site, so the forms are embedded.
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');

  await expect(page.locator('.react-greeting')).toHaveText('Hello, Ada Lovelace. React state has you since onSignedIn.');
  await expect(page.locator('#event-log')).toContainText(`onSignedIn ${SEEDED_USER.email}`);
  await card.getByRole('button', { name: 'Not now' }).click(); // the passkey offer: passkeysEndpoint came in as a prop too
  await expect(page.locator('ciam-passkey').getByText('You have no passkeys yet.')).toBeVisible();

  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('.react-greeting')).toHaveCount(0);
  await expect(page.locator('#event-log li').first()).toHaveText('onSignedOut');
  await expect(card.getByLabel('Email')).toBeVisible();
  noErrors();
});

import { expect, test, type Page } from '@playwright/test';
import { addVirtualAuthenticator } from '../virtual-authenticator.js';
import { failOnPageErrors, SEEDED_USER, signInEmbedded, useStack } from './stack.js';

// The payout API and passkey changes want a sign-in from the last 2 s here (5 min in the demo).
const stack = useStack(4800, { recentAuthMaxAgeSeconds: 2 });

const signInWithPassword = (page: Page) => signInEmbedded(page, stack().appUrl);

test('payout needs a recent sign-in: the API challenges (RFC 9470), the user confirms in place, the call is retried', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  const card = page.locator('ciam-login');
  await signInWithPassword(page);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

  // Fresh sign-in: the API says yes at once (after <ciam-profile> asked for the phone number payouts need).
  const payout = page.getByRole('button', { name: 'Change payout details' });
  await payout.click();
  const profile = page.locator('ciam-profile');
  await profile.getByLabel('Mobile phone number').fill('+49 30 901820');
  await profile.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');

  // Later: 401 insufficient_user_authentication, then "Confirm it's you".
  await page.waitForTimeout(3_000);
  const calls: number[] = [];
  page.on('response', (r) => r.url().endsWith('/api/payout') && r.request().method() === 'POST' && calls.push(r.status()));
  await payout.click();
  await expect(card.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  await expect(card.getByText(`Signing in as ${SEEDED_USER.email}`)).toBeVisible();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible(); // still signed in meanwhile
  const password = card.getByLabel('Password', { exact: true });
  await expect(password).toBeFocused();
  await password.fill('not my password at all');
  await password.press('Enter');
  await expect(card.getByRole('alert')).toContainText('Wrong email or password.');
  await password.fill(SEEDED_USER.password);
  await password.press('Enter');
  await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');
  expect(calls).toEqual([401, 200]);
  await expect(card.getByRole('heading', { name: 'Confirm it’s you' })).toBeHidden();
  noErrors();
});

test('cancelling the confirmation keeps the session and reports the refusal', async ({ page }) => {
  const card = page.locator('ciam-login');
  const ada = stack().op.db.users.findByEmail(SEEDED_USER.email)!;
  stack().op.db.users.updateProfile(ada, ada.profileVersion, { phoneNumber: '+4930901820' }); // payouts need it (<ciam-profile>)
  await signInWithPassword(page);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await page.waitForTimeout(3_000);
  await page.getByRole('button', { name: 'Change payout details' }).click();
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.payout-result')).toHaveText('Not saved: access_denied');
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
});

test('adding a passkey needs a recent sign-in too: <ciam-passkey> asks to confirm, then adds it', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  const card = page.locator('ciam-login');
  const passkeys = page.locator('ciam-passkey');
  await signInWithPassword(page);
  await card.getByRole('button', { name: 'Not now' }).click();
  await addVirtualAuthenticator(page);

  await page.waitForTimeout(3_000); // the sign-in is no longer recent
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(card.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  await expect(passkeys.getByText('Passkey added.')).toBeVisible();
  await expect(passkeys.getByRole('listitem')).toHaveCount(1);
  noErrors();
});

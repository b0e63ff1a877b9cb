import { expect, test } from '@playwright/test';
import { eventLog, failOnPageErrors, mailedCode, useStack } from './stack.js';

const stack = useStack(4720);

test('Create account opens the OP registration page (prompt=create) and signs the new user in', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  const { appUrl, opUrl } = stack();
  const email = `grace-${Date.now()}@example.com`;
  await page.goto(`${appUrl}/`);
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${opUrl}/auth?`));
  await page.getByRole('button', { name: 'Create account' }).click();
  expect(new URL((await authorize).url()).searchParams.get('prompt')).toBe('create');

  await expect(page.getByRole('heading', { name: 'Create your Demo ID account' })).toBeVisible();
  // The OP's registration page is <ciam-login mode="hosted" intent="sign-up">.
  const card = page.locator('ciam-login');
  await card.getByLabel('Full name').fill('Grace Hopper');
  await card.getByLabel('Email').fill(email);
  const password = card.getByLabel('Password', { exact: true });
  await password.fill('short');
  await card.getByRole('button', { name: 'Create account' }).click();
  // The form checks itself (novalidate): the kit's policy message under the field and in the summary, not a browser bubble; what was typed stays.
  expect(await password.evaluate((input: HTMLInputElement) => input.form!.noValidate)).toBe(true);
  await expect(card.getByRole('alert')).toContainText('Use at least 15 characters.');
  await expect(card.locator('.ciam-error')).toBeFocused();
  await expect(card.getByLabel('Email')).toHaveValue(email);

  await password.fill('passwordpassword');
  await card.getByRole('button', { name: 'Create account' }).click();
  await expect(card.getByRole('alert')).toContainText('common or breached passwords');
  await password.fill('compile the nanoseconds');
  await card.getByRole('button', { name: 'Create account' }).click();
  const code = card.getByLabel('Code from the email');
  await code.fill(await mailedCode(opUrl, email));
  await code.press('Enter');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${appUrl}/**`);
  await expect(page.locator('ciam-user').getByText('Grace Hopper')).toBeVisible();
  await expect(eventLog(page)).toContainText(`ciam-signed-in ${email}`);
  noErrors();
});

import { expect, test } from '@playwright/test';
import { eventLog, failOnPageErrors, useStack } from './stack.js';

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
  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  // The browser itself holds back a too-short password (minlength) and keeps what was typed.
  expect(await page.getByLabel('Password').evaluate((input: HTMLInputElement) => input.validity.tooShort)).toBe(true);
  await expect(page.getByLabel('Email')).toHaveValue(email);

  await page.getByLabel('Password').fill('compile the nanoseconds');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${appUrl}/**`);
  await expect(page.locator('ciam-user').getByText('Grace Hopper')).toBeVisible();
  await expect(eventLog(page)).toContainText(`ciam-signed-in ${email}`);
  noErrors();
});

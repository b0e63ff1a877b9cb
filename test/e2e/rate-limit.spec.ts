import { expect, test, type Page } from '@playwright/test';
import { SEEDED_USER, useStack } from './stack.js';

// Two failed attempts, then a 4 s delay: the third is refused with 429 + Retry-After.
const stack = useStack(4790, { rateLimit: { attempts: 2, delaySeconds: 4 } });
const card = (page: Page) => page.locator('ciam-login');

test('too many wrong passwords: the countdown shows, the form waits, then the right password works', async ({ page }) => {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await card(page).getByLabel('Email').fill(SEEDED_USER.email);
  await card(page).getByLabel('Email').press('Enter');
  const password = card(page).getByLabel('Password', { exact: true });
  const submit = card(page).getByRole('button', { name: 'Sign in', exact: true });

  const statuses: number[] = [];
  page.on('response', (r) => r.url().endsWith('/challenge') && r.request().postData()?.includes('password=') && statuses.push(r.status()));
  for (const attempt of [1, 2, 3]) {
    await password.fill(`wrong passphrase number ${attempt}`);
    await submit.click();
    await expect.poll(() => statuses.length).toBe(attempt);
  }
  expect(statuses).toEqual([400, 400, 429]);
  const alert = card(page).getByRole('alert');
  await expect(alert).toContainText(/Too many attempts\s*You can try again in [1-4] seconds\./);
  await expect(submit).toBeDisabled();
  await expect(password).toHaveValue('wrong passphrase number 3');

  await expect(submit).toBeEnabled({ timeout: 8_000 });
  await password.fill(SEEDED_USER.password);
  await submit.click();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
});

import { expect, test, type Page, type Route } from '@playwright/test';
import { failOnPageErrors, SEEDED_USER, useStack } from './stack.js';

// Faults are injected by the harness (Playwright routes and offline mode), never by product code.
const stack = useStack(4780);
const card = (page: Page) => page.locator('ciam-login');
const cors = { 'access-control-allow-origin': '*' };

const faults: [string, (route: Route) => Promise<void> | void, RegExp][] = [
  ['answers 500', (r) => r.fulfill({ status: 500, body: 'Internal Server Error', headers: cors }), /has a problem right now/],
  [
    'answers 429 with Retry-After',
    (r) =>
      r.fulfill({ status: 429, headers: { ...cors, 'retry-after': '2' }, contentType: 'application/json', body: '{"error":"rate_limited","retry_after":2}' }),
    /Too many attempts\s*You can try again in [12] seconds/,
  ],
  [
    'sends invalid JSON',
    (r) => r.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: '{"authorization_code":' }),
    /answer we can’t read/,
  ],
  [
    'sends schema-invalid JSON',
    (r) => r.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: '{"authorization_code":42}' }),
    /answer we can’t read/,
  ],
  [
    'sends an HTML error page',
    (r) => r.fulfill({ status: 502, headers: cors, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
    /has a problem right now/,
  ],
  ['hangs past the timeout', () => new Promise<void>(() => undefined), /took too long to answer/],
];

test.describe('embedded mode when the OP misbehaves on the password step', () => {
  for (const [label, fault, message] of faults) {
    test(`the OP ${label}: clear error, input kept, retry succeeds once healthy`, async ({ page }) => {
      test.setTimeout(label.startsWith('hangs') ? 60_000 : 30_000);
      const noErrors = failOnPageErrors(page);
      await page.goto(`${stack().appUrl}/embedded.html`);
      await card(page).getByLabel('Email').fill(SEEDED_USER.email);
      await card(page).getByLabel('Email').press('Enter');
      const password = card(page).getByLabel('Password', { exact: true });
      await password.fill(SEEDED_USER.password);

      await page.route(`${stack().opUrl}/challenge`, fault);
      await password.press('Enter');
      await expect(card(page).getByRole('alert')).toContainText(message, { timeout: 20_000 });
      await expect(password).toHaveValue(SEEDED_USER.password);
      await page.unroute(`${stack().opUrl}/challenge`);

      const submit = card(page).getByRole('button', { name: 'Sign in', exact: true });
      await expect(submit).toBeEnabled({ timeout: 5_000 }); // after a Retry-After countdown, too
      await submit.click();
      await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
      noErrors();
    });
  }

  test('offline: clear error, input kept, retry succeeds back online', async ({ page, context }) => {
    await page.goto(`${stack().appUrl}/embedded.html`);
    await card(page).getByLabel('Email').fill(SEEDED_USER.email);
    await context.setOffline(true);
    await card(page).getByLabel('Email').press('Enter');
    await expect(card(page).getByRole('alert')).toContainText('can’t reach the sign-in service');
    await expect(card(page).getByLabel('Email')).toHaveValue(SEEDED_USER.email);
    await context.setOffline(false);
    await card(page).getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(card(page).getByText(`Signing in as ${SEEDED_USER.email}`)).toBeVisible();
  });
});

import { expect, test } from '@playwright/test';
import { eventLog, failOnPageErrors, useStack } from './stack.js';

const stack = useStack(4750);

test.describe('when the OP misbehaves', () => {
  test('OP down: a clear error with a retry that works once the OP is back', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl } = stack();
    await stack().stopOp();
    try {
      await page.goto(`${appUrl}/`);
      await expect(page.getByRole('alert')).toContainText('We can’t reach the sign-in service.');
      await expect(eventLog(page)).toContainText('ciam-error network');
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('alert')).toContainText('We can’t reach the sign-in service.');
    } finally {
      await stack().startOp();
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
    noErrors();
  });

  test('invalid discovery JSON is a bad_response error, not a crash', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl } = stack();
    const discovery = `${opUrl}/.well-known/openid-configuration`;
    await page.route(discovery, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"issuer": "http://127.0.0.1', headers: { 'access-control-allow-origin': '*' } }),
    );
    await page.goto(`${appUrl}/`);
    await expect(page.getByRole('alert')).toContainText('The sign-in service sent an answer we can’t read.');
    await expect(eventLog(page)).toContainText('ciam-error bad_response');

    await page.unroute(discovery);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    noErrors();
  });
});

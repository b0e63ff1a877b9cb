import { expect, test } from '@playwright/test';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from './stack.js';

// Access tokens live 65 s; oidc-client-ts renews 60 s before expiry, so about 5 s after sign-in.
const stack = useStack(4760, { accessTokenTtlSeconds: 65 });

test('renews the access token with the refresh token before it expires, without an iframe', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

  const renewal = await page.waitForRequest((r) => r.url() === `${opUrl}/token` && r.postData()?.includes('grant_type=refresh_token') === true, {
    timeout: 20_000,
  });
  const response = await renewal.response();
  expect(response?.status()).toBe(200);
  expect(page.frames()).toHaveLength(1);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(eventLog(page)).not.toContainText('ciam-signed-out');
});

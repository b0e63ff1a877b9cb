import { expect, test } from '@playwright/test';
import { axeViolations, signInEmbedded, useStack } from './stack.js';

// <ciam-sessions> against the demo OP's sessions API: a second browser is listed, and ending its session signs it
// out at its next renewal (access tokens live 65 s; renewal starts 60 s before expiry, about 5 s after sign-in).
const stack = useStack(4990, { accessTokenTtlSeconds: 65 });
test.use({ bypassCSP: true }); // axe arrives as an inline script

test('ending another browser’s session from the device list signs that browser out', async ({ browser }) => {
  const { appUrl } = stack();
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const here = await laptop.newPage();
    const there = await phone.newPage();
    await signInEmbedded(there, appUrl);
    await expect(there.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await signInEmbedded(here, appUrl);

    const list = here.locator('ciam-sessions');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').first()).toContainText('This device');
    await expect(list.getByRole('listitem').first()).toContainText('Chrome on Linux');
    expect(await axeViolations(here), 'the device list').toEqual([]);

    await list.getByRole('button', { name: /^Sign out: / }).click();
    await expect(list.getByRole('status')).toHaveText('Signed out of that device. It stops working there within minutes.');
    await expect(list.getByRole('listitem')).toHaveCount(1);

    // The other browser's next renewal is refused: it is signed out, and says so.
    await expect(there.locator('ciam-login').getByLabel('Email')).toBeVisible({ timeout: 15_000 });
    await expect(there.locator('ciam-login').getByRole('alert')).toHaveText(/You were signed out\s*Your session ended\. Sign in again\./);
    await expect(here.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  } finally {
    await laptop.close();
    await phone.close();
  }
});

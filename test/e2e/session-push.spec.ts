import { expect, test } from '@playwright/test';
import { eventLog, signInEmbedded, useStack } from './stack.js';

// The end of a session pushed to the browser that holds it: <ciam-session events> listens to the demo OP's
// /api/sessions/events. Access tokens live the default 10 minutes here, so no renewal can be what signs it out.
const stack = useStack(4850);

test('a session ended from another browser’s device list signs out every open tab of that browser at once', async ({ browser }) => {
  const { appUrl, opUrl } = stack();
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const here = await laptop.newPage();
    const [there, second] = [await phone.newPage(), await phone.newPage()];
    const streams: string[] = [];
    phone.on('request', (r) => r.url() === `${opUrl}/api/sessions/events` && r.method() === 'GET' && streams.push(r.url()));
    await second.goto(`${appUrl}/embedded.html`);
    await signInEmbedded(there, appUrl);
    await expect(there.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await expect(second.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible(); // an open tab follows the sign-in
    await signInEmbedded(here, appUrl);

    const list = here.locator('ciam-sessions');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect.poll(() => streams.length, { message: 'the phone listens' }).toBeGreaterThan(0);
    await list.getByRole('button', { name: /^Sign out: / }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);

    for (const tab of [there, second]) {
      await expect(tab.locator('ciam-login').getByLabel('Email')).toBeVisible({ timeout: 5_000 });
      await expect(tab.locator('ciam-login').getByRole('alert')).toHaveText(/You were signed out\s*Your session ended\. Sign in again\./);
    }
    await expect(eventLog(there)).toContainText('ciam-signed-out (ended)');
    expect(streams, 'one tab of the app listens for all').toHaveLength(1);
    await expect(here.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  } finally {
    await laptop.close();
    await phone.close();
  }
});

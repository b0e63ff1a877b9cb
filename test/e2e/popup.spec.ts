import { expect, test } from '@playwright/test';
import { eventLog, failOnPageErrors, SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4730);

test.describe('popup mode', () => {
  test('signs in inside a popup while the app page stays put', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl } = stack();
    await page.goto(`${appUrl}/popup.html`);
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);

    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await popupOpened;
    await expect(page.getByText('Finish signing in in the window that opened.')).toBeVisible();
    await signInOnOp(popup, SEEDED_USER.email, SEEDED_USER.password);
    await popup.waitForEvent('close');

    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await expect(eventLog(page)).toContainText(`ciam-signed-in ${SEEDED_USER.email}, access token ready`);
    expect(navigations).toBe(0);
    expect(page.url()).toBe(`${appUrl}/popup.html`);
    noErrors();
  });

  test('closing the popup is a cancel, not an error: the form is usable again', async ({ page }) => {
    const { appUrl } = stack();
    await page.goto(`${appUrl}/popup.html`);
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await popupOpened;
    await expect(popup.getByRole('heading', { name: 'Sign in to Demo ID' })).toBeVisible();
    await popup.close();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(eventLog(page)).not.toContainText('ciam-error');
  });
});

import { expect, test, type Page } from '@playwright/test';
import { SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4880);

/** Nothing wider than the viewport: the page never scrolls sideways (WCAG 1.4.10 Reflow at 320 CSS px). */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

for (const width of [320, 390]) {
  test.describe(`a ${width} px phone`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('the demo pages, the embedded form, the signed-in page and the OP pages fit without sideways scrolling', async ({ page }) => {
      const { appUrl, opUrl } = stack();
      await page.goto(`${appUrl}/`);
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
      await expectNoSidewaysScroll(page, 'redirect demo, signed out');

      await page.goto(`${appUrl}/embedded.html`);
      const email = page.locator('ciam-login').getByLabel('Email');
      await expect(email).toBeVisible();
      await expectNoSidewaysScroll(page, 'embedded demo, email step');
      // Card padding and page padding leave the field room for a long address.
      if (width === 390) expect((await email.boundingBox())!.width).toBeGreaterThanOrEqual(300);

      await email.fill(SEEDED_USER.email);
      await email.press('Enter');
      await page.locator('ciam-login').getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
      await page.locator('ciam-login').getByLabel('Password', { exact: true }).press('Enter');
      await expect(page.locator('ciam-user')).toContainText('Ada Lovelace');
      await expectNoSidewaysScroll(page, 'embedded demo, signed in (user block, passkeys)');

      await page.goto(`${appUrl}/`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${opUrl}/**`);
      await expect(page.locator('ciam-login').getByLabel('Email')).toBeVisible();
      await expectNoSidewaysScroll(page, 'the OP hosted sign-in page');
      await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
      await page.waitForURL(`${appUrl}/**`);
      await expect(page.locator('ciam-user')).toContainText('Ada Lovelace');
      await expectNoSidewaysScroll(page, 'redirect demo, signed in');
    });
  });
}

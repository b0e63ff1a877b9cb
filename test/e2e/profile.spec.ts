import { expect, test, type Page } from '@playwright/test';
import { axeViolations, mailedCode, SEEDED_USER, signInEmbedded, useStack } from './stack.js';

// <ciam-profile> in the demo's account panel, saving at the demo OP's SCIM /Me.
const stack = useStack(4960);
test.use({ bypassCSP: true }); // axe arrives as an inline script

const card = (page: Page) => page.locator('ciam-login');
const profile = (page: Page) => page.locator('ciam-profile');

async function signIn(page: Page) {
  await signInEmbedded(page, stack().appUrl);
  await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** What the OP's userinfo says for the page's access token. */
async function userinfo(page: Page): Promise<Record<string, unknown>> {
  // The page's client, from the registry every copy of the bundle shares (client/registry.ts). Its fetch():
  // the pages ask for DPoP-bound tokens, which only go with a proof of the page's key.
  return page.evaluate(async (url) => {
    const registry = (globalThis as unknown as Record<symbol, { clients: Map<string, { fetch(url: string): Promise<Response> }> }>)[
      Symbol.for('ciam-elements.clients')
    ];
    const response = await [...registry.clients.values()][0].fetch(url);
    return (await response.json()) as Record<string, unknown>;
  }, `${stack().opUrl}/me`);
}

test.describe('progressive profiling', () => {
  test('sign-up asks for nothing beyond the minimum; the country is asked after it, and "Not now" is remembered', async ({ page }) => {
    const email = `lin-${Date.now()}@example.com`;
    await page.goto(`${stack().appUrl}/embedded.html`);
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await expect(card(page).getByLabel('Password', { exact: true })).toBeVisible(); // the sign-up step is there
    const fields = await card(page)
      .locator('input:not([type="hidden"])')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('autocomplete')));
    expect(fields).toEqual(['name', 'email', 'new-password']);
    await card(page).getByLabel('Email').fill(email);
    await card(page).getByLabel('Password', { exact: true }).fill('compile the nanoseconds');
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await card(page)
      .getByLabel('Code from the email')
      .fill(await mailedCode(stack().opUrl, email));
    await card(page).getByLabel('Code from the email').press('Enter');

    await expect(profile(page).getByText('To show prices and delivery times for your country.')).toBeVisible();
    expect(await axeViolations(page), 'the profile form').toEqual([]);
    await profile(page).getByRole('button', { name: 'Not now' }).click();
    await expect(profile(page).locator('form')).toHaveCount(0);
    const memory = await page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith('ciam.profile:')));
    expect(memory).toHaveLength(1);
    expect(JSON.parse(memory[0][1] as string)).toMatchObject({ signIns: 1, skipped: { country: expect.any(Number) as unknown } });
  });

  test('before "Change payout details": the phone number is asked (keyboard only), checked, saved through SCIM and reaches userinfo', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'Change payout details' }).click();
    const phone = profile(page).getByLabel('Mobile phone number');
    await expect(profile(page).getByText('We text you a code before payout details change.')).toBeVisible();
    await expect(profile(page).getByRole('button', { name: 'Not now' })).toHaveCount(0); // required: Cancel only
    await phone.focus();
    await page.keyboard.type('030 1234');
    await page.keyboard.press('Enter');
    await expect(profile(page).getByRole('alert')).toContainText('Enter the number with its country code, starting with +.');
    await expect(profile(page).locator('.ciam-error')).toBeFocused();
    await expect(phone).toHaveValue('030 1234');
    await phone.fill('+49 30 901820');
    const patch = page.waitForRequest((r) => r.url().endsWith('/scim/v2/Me') && r.method() === 'PATCH');
    await phone.press('Enter');
    expect((await patch).headers()['if-match']).toMatch(/^W\/"\d+"$/);
    await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');
    expect(await userinfo(page)).toMatchObject({ phone_number: '+4930901820', phone_number_verified: false });

    // Asked once: the next payout goes straight on.
    await page.getByRole('button', { name: 'Change payout details' }).click();
    await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');
    await expect(profile(page).locator('form')).toHaveCount(0);
  });

  test('a change made elsewhere meanwhile: the save says so, what was typed stays, and saving again works', async ({ page }) => {
    const { op } = stack();
    const ada = () => op.db.users.findByEmail(SEEDED_USER.email)!;
    op.db.users.updateProfile(ada(), ada().profileVersion, { phoneNumber: null });
    await signIn(page);
    await page.getByRole('button', { name: 'Change payout details' }).click();
    const phone = profile(page).getByLabel('Mobile phone number');
    await phone.fill('+44 20 7946 0958');
    op.db.users.updateProfile(ada(), ada().profileVersion, { givenName: 'Augusta' }); // another device saves first
    await phone.press('Enter');
    await expect(profile(page).getByRole('alert')).toContainText('Your details were changed elsewhere since this form opened.');
    await expect(phone).toHaveValue('+44 20 7946 0958');
    await phone.press('Enter');
    await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');
    expect(ada()).toMatchObject({ givenName: 'Augusta', phoneNumber: '+442079460958' });
  });

  test('Cancel on a required question: the action does not go on', async ({ page }) => {
    const { op } = stack();
    const ada = op.db.users.findByEmail(SEEDED_USER.email)!;
    op.db.users.updateProfile(ada, ada.profileVersion, { phoneNumber: null });
    await signIn(page);
    await page.getByRole('button', { name: 'Change payout details' }).click();
    await profile(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.payout-result')).toHaveText('Not saved: payouts need a phone number.');
  });
});

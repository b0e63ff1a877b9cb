import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, mailedCode, SEEDED_USER, useStack } from './stack.js';

// Guest sessions bound later (docs/first-party-challenge.md, "Guest sessions"): the embedded page's shop starts a
// guest session with the first item in the cart; signing up keeps the guest's account, signing in asks whether
// the cart moves into the account.
const stack = useStack(4690);
const card = (page: Page) => page.locator('ciam-login');

/** The embedded page, recording each ciam-signed-in's `sub` and `guest` outcome. */
async function shop(page: Page) {
  await page.addInitScript(() => {
    const seen: { sub: string; guest?: string }[] = [];
    (window as unknown as { signIns: typeof seen }).signIns = seen;
    document.addEventListener('ciam-signed-in', (e) => seen.push({ sub: e.detail.user.sub, ...(e.detail.guest ? { guest: e.detail.guest } : {}) }));
  });
  await page.goto(`${stack().appUrl}/embedded.html`);
  await expect(card(page).getByLabel('Email')).toBeVisible();
}
const signIns = (page: Page) => page.evaluate(() => (window as unknown as { signIns: { sub: string; guest?: string }[] }).signIns);

/** "Add to cart" with no session: a guest session starts, and the item is in the guest's cart. */
async function addAsGuest(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Add a notebook to the cart' }).click();
  await expect(page.locator('.cart-status')).toHaveText('1 in the cart');
  await expect(card(page).getByRole('heading', { name: 'You’re browsing as a guest' })).toBeVisible();
  await expect(page.locator('ciam-user')).toContainText('Guest');
  const [guest] = await signIns(page);
  expect(guest?.guest).toBeUndefined();
  return guest.sub;
}

async function signInAsAda(page: Page) {
  await card(page).getByRole('button', { name: 'Sign in' }).click();
  await card(page).getByLabel('Email').fill(SEEDED_USER.email);
  await card(page).getByLabel('Email').press('Enter');
  await card(page).getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card(page).getByLabel('Password', { exact: true }).press('Enter');
  await expect(card(page).getByRole('heading', { name: 'Bring what you saved as a guest?' })).toBeVisible();
  await expect(card(page)).toContainText('Your cart (1 item) will move into this account.');
}

test.describe('guest sessions', () => {
  test('a guest who signs up keeps the same account (sub) and the cart', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await shop(page);
    const guestSub = await addAsGuest(page);

    await card(page).getByRole('button', { name: 'Create account' }).click();
    await card(page).getByLabel('Full name (optional)').fill('Grace Hopper');
    await card(page).getByLabel('Email').fill('grace.guest@example.com');
    await card(page).getByLabel('Password', { exact: true }).fill('compile the nanoseconds twice');
    await card(page).getByRole('button', { name: 'Create account' }).click();
    const code = await mailedCode(stack().opUrl, 'grace.guest@example.com');
    await card(page).getByLabel('Code from the email').fill(code);
    await card(page).getByRole('button', { name: 'Verify' }).click();

    await expect(page.locator('ciam-user').getByText('Grace Hopper')).toBeVisible();
    await expect.poll(() => signIns(page)).toEqual([{ sub: guestSub }, { sub: guestSub, guest: 'signed-up' }]);
    await expect(page.locator('.cart-status')).toHaveText('1 in the cart');
    noErrors();
  });

  test('a guest who signs in to an existing account is asked, and the cart moves into it', async ({ page }) => {
    await shop(page);
    const guestSub = await addAsGuest(page);
    await signInAsAda(page);
    await card(page).getByRole('button', { name: 'Move it and sign in' }).click();
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    const [, ada] = await signIns(page);
    expect(ada?.guest).toBe('moved');
    expect(ada?.sub).not.toBe(guestSub);
    // The OP told the cart API (the guest-merged event), which moved the guest's notebook into Ada's cart.
    await expect(page.locator('.cart-status')).toHaveText('1 in the cart');
  });

  test('"Sign in without it" leaves the guest’s cart behind; “Continue as guest” goes back to the guest session', async ({ page }) => {
    await shop(page);
    await addAsGuest(page);
    // Changing one's mind: back to the guest session, cart and all.
    await card(page).getByRole('button', { name: 'Sign in' }).click();
    await card(page).getByRole('button', { name: 'Continue as guest' }).click();
    await expect(card(page).getByRole('heading', { name: 'You’re browsing as a guest' })).toBeVisible();
    await expect(page.locator('.cart-status')).toHaveText('1 in the cart');

    await signInAsAda(page);
    await card(page).getByRole('button', { name: 'Sign in without it' }).click();
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    expect((await signIns(page)).at(-1)?.guest).toBe('kept-separate');
    // Ada's cart is as the last test left it: the guest's notebook did not move.
    await expect(page.locator('.cart-status')).toHaveText('1 in the cart');
  });
});

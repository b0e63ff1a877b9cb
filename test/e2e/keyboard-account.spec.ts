import { expect, test, type Page } from '@playwright/test';
import { UPSTREAM_PASSWORD } from '../../demo/upstream/server.js';
import { consentByKeyboard, focused, press, retype, tab, TOPBAR } from './keyboard.js';
import { failOnPageErrors, SEEDED_USER, signInEmbedded, useStack } from './stack.js';

// The signed-in elements by keyboard alone (keyboard.ts: keys and typing only, focus checked after each key):
// <ciam-consent>, <ciam-sessions> and <ciam-profile> in the demo's account panel, <ciam-user>'s menu,
// <ciam-session>'s warning and <ciam-connections>. <ciam-passkey> is in keyboard-sign-in.spec.ts (a passkey
// added, then used), <ciam-org-switcher> in organizations.spec.ts ("the switcher works by keyboard alone").
// The tests run in order on one stack: the first is the first sign-in, so the panel's lists are known.
const stack = useStack(4610);
const card = (page: Page) => page.locator('ciam-login');

/** Ada signs in on the embedded page and says "Not now" to the passkey offer; the page then hides the card. */
async function signIn(page: Page) {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await expect(card(page).getByLabel('Email')).toBeVisible();
  await tab(page, ...TOPBAR, 'link "demo mailbox"', 'button "Continue with Social ID"', 'button "Continue with Acme Corp SSO"', 'textbox "Email"');
  await page.keyboard.type(SEEDED_USER.email);
  await press(page, 'Enter', 'textbox "Password"');
  await page.keyboard.type(SEEDED_USER.password);
  await press(page, 'Enter', 'heading "Sign in faster next time"');
  await tab(page, 'button "Create a passkey"', 'button "Not now"');
  await page.keyboard.press('Enter');
  await expect(card(page)).toBeHidden();
}

const PASSKEYS_AND_CONNECTIONS = ['button "Add a passkey"', 'button "Connect Social ID"', 'button "Connect Acme Corp SSO"'];
const TERMS = ['link "Read Terms of service (version 2026-11)"', 'button "I agree: Terms of service 2026-11"'];
const PRIVACY = ['link "Read Privacy policy (version 2026-11)"', 'button "I agree: Privacy policy 2026-11"'];
const RECEIPT = /^button "Download signed receipt: \w+ \d+, \d{4}"$/;

test.describe('keyboard only: the account', () => {
  test('the account panel: agreements and their receipts, the devices list, then a profile question before the payout', async ({ page, browser }) => {
    const noErrors = failOnPageErrors(page);
    // Another browser of Ada's, for the devices list to end.
    const other = await browser.newPage();
    await signInEmbedded(other, stack().appUrl);
    await expect(other.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await signIn(page);

    // <ciam-consent>: "I agree" becomes "Withdraw" and keeps focus; the documents still waiting move first.
    await tab(page, ...PASSKEYS_AND_CONNECTIONS, ...TERMS);
    await press(page, 'Enter', 'button "Withdraw: Terms of service"');
    await tab(page, 'switch "Product news by email Optional"');
    await press(page, 'Space', 'switch "Product news by email Optional"');
    await expect(page.locator('ciam-consent').getByRole('switch', { name: 'Product news by email' })).toBeChecked();
    // An error of the consents API goes to the card's error message.
    await page.route(`${stack().opUrl}/api/consents**`, (route) =>
      route.fulfill({ status: 500, body: 'Internal Server Error', headers: { 'access-control-allow-origin': '*' } }),
    );
    await tab(page, 'switch "Usage analytics Optional"');
    await press(page, 'Space', 'alert: The sign-in service has a problem right now. Try again in a moment.');
    await page.unroute(`${stack().opUrl}/api/consents**`);
    await tab(page, ...PRIVACY, 'link "Read Terms of service (version 2026-11)"', 'button "Withdraw: Terms of service"');
    await tab(page, 'switch "Product news by email Optional"', 'switch "Usage analytics Optional"', RECEIPT, RECEIPT);

    // <ciam-sessions>: the other browser, ended; focus to the list's title, which now shows this browser only.
    const otherBrowser = /^button "Sign out: Chrom(e|ium) on Linux"$/; // as the OP names it from the User-Agent
    await tab(page, otherBrowser, 'button "Sign out everywhere else"');
    await press(page, 'Shift+Tab', otherBrowser);
    await press(page, 'Enter', 'heading "Where you are signed in"');
    await expect(page.locator('ciam-sessions').getByRole('button', { name: /^Sign out: / })).toHaveCount(0);

    // <ciam-profile>: the payout asks for a phone number first; focus goes to it, a bad one to the summary.
    await tab(page, 'button "Change payout details"');
    await press(page, 'Enter', 'textbox "Mobile phone number"');
    await page.keyboard.type('030 1234');
    await press(page, 'Enter', 'alert: Check these details Enter the number with its country code, starting with +.');
    await tab(page, 'link "Enter the number with its country code, starting with +."');
    await press(page, 'Enter', 'textbox "Mobile phone number"');
    await tab(page, 'button "Save"', 'button "Cancel"');
    await press(page, 'Shift+Tab', 'button "Save"');
    await press(page, 'Shift+Tab', 'textbox "Mobile phone number"');
    await retype(page, '+49 30 901820');
    // Saved: focus is back on the button that asked, and the payout went on.
    await press(page, 'Enter', 'button "Change payout details"');
    await expect(page.locator('.payout-result')).toHaveText('Payout details updated.');
    await other.close();
    noErrors();
  });

  test('<ciam-user> where it is narrow: the menu opens, Tab moves in, Escape closes, Sign out signs out', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await signIn(page);
    // The demo's header gives it room for its wide form at any width: here it gets a slim sidebar's 12rem.
    await page.evaluate(() => (document.querySelector('ciam-user')!.style.flexBasis = '12rem'));
    const button = 'button "Your account: Ada Lovelace"';
    await tab(page, 'button "Add a passkey"');
    await press(page, 'Shift+Tab', 'button "Organization: Choose an organization"');
    await press(page, 'Shift+Tab', 'link "demo mailbox"');
    await press(page, 'Shift+Tab', button);
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toBeHidden();
    await press(page, 'Enter', button);
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Your account: Ada Lovelace' })).toHaveAttribute('aria-expanded', 'true');
    await tab(page, 'button "Sign out"');
    await press(page, 'Escape', button);
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toBeHidden();
    await press(page, 'Space', button);
    await tab(page, 'button "Sign out"');
    // Tab past the last item closes it.
    await tab(page, 'link "demo mailbox"');
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toBeHidden();
    await press(page, 'Shift+Tab', button);
    await press(page, 'Enter', button);
    await tab(page, 'button "Sign out"');
    await press(page, 'Enter', 'textbox "Email"');
    noErrors();
  });

  test('<ciam-session>: the idle warning takes focus, "Stay signed in" and Escape give it back, "Sign out now" signs out', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await page.clock.install();
    await signIn(page);
    await tab(page, 'button "Add a passkey"');
    const warning = page.getByRole('dialog', { name: 'Are you still there?' });
    // The demo warns after 13 idle minutes of 15.
    await page.clock.fastForward('13:01');
    await expect(warning).toBeVisible();
    await expect.poll(() => focused(page)).toBe('button "Stay signed in"');
    await tab(page, 'button "Sign out now"');
    await press(page, 'Shift+Tab', 'button "Stay signed in"');
    await press(page, 'Enter', 'button "Add a passkey"');
    await expect(warning).toBeHidden();

    await page.clock.fastForward('13:01');
    await expect.poll(() => focused(page)).toBe('button "Stay signed in"');
    await press(page, 'Escape', 'button "Add a passkey"');
    await expect(warning).toBeHidden();

    await page.clock.fastForward('13:01');
    await expect.poll(() => focused(page)).toBe('button "Stay signed in"');
    await tab(page, 'button "Sign out now"');
    await page.keyboard.press('Enter');
    await expect(card(page).getByLabel('Email')).toBeVisible();
    noErrors();
  });

  test('<ciam-connections>: connect a company account at the OP and back, then disconnect after confirming', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, upstreams } = stack();
    // session.html keeps the session in sessionStorage, so the visit to the OP to connect does not end it.
    await page.goto(`${appUrl}/session.html`);
    await expect(card(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await tab(page, ...TOPBAR, 'button "Continue with Social ID"', 'button "Continue with Acme Corp SSO"', 'button "Sign in"');
    await page.keyboard.press('Enter');
    await expect(card(page).getByLabel('Email')).toBeVisible();
    await tab(page, 'button "Continue with Social ID"', 'textbox "Email"');
    await page.keyboard.type(SEEDED_USER.email);
    await press(page, 'Enter', 'textbox "Password"');
    await page.keyboard.type(SEEDED_USER.password);
    await page.keyboard.press('Enter');
    await consentByKeyboard(page);
    await page.waitForURL(`${appUrl}/session.html**`);
    const connections = page.locator('ciam-connections');
    await expect(connections.getByRole('button', { name: 'Connect Acme Corp SSO' })).toBeVisible();
    await tab(page, ...TOPBAR, 'button "Sign out"', 'button "Organization: Choose an organization"', ...PASSKEYS_AND_CONNECTIONS);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Connect Acme Corp SSO to ada@example.com?' })).toBeVisible();
    await tab(page, 'button "Continue to Acme Corp SSO"');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${upstreams.acme}/**`);
    await expect.poll(() => focused(page)).toBe('textbox "Email or username"');
    await page.keyboard.type('bob');
    await tab(page, 'textbox "Password"');
    await page.keyboard.type(UPSTREAM_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${appUrl}/session.html**`);
    await expect(connections.getByRole('status')).toHaveText('Acme Corp SSO is now connected.');
    await tab(page, ...TOPBAR, 'button "Sign out"', 'button "Organization: Choose an organization"', 'button "Add a passkey"');
    await tab(page, 'button "Disconnect: Acme Corp SSO"');
    // The question takes focus on its confirming button; "Keep it" is next, then the rest of the card.
    await press(page, 'Enter', 'button "Disconnect"');
    await tab(page, 'button "Keep it"', 'button "Connect Social ID"');
    await press(page, 'Shift+Tab', 'button "Keep it"');
    await press(page, 'Shift+Tab', 'button "Disconnect"');
    await press(page, 'Enter', 'heading "Connected accounts"');
    await expect(connections.getByRole('status')).toHaveText('Acme Corp SSO was disconnected.');
    await tab(page, 'button "Connect Social ID"', 'button "Connect Acme Corp SSO"');
    noErrors();
  });
});

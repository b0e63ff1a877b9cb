import { expect, test, type Page } from '@playwright/test';
import { UPSTREAM_PASSWORD } from '../../demo/upstream/server.js';
import { addVirtualAuthenticator } from '../virtual-authenticator.js';
import { consentByKeyboard, focused, press, retype, tab, tabBack, TOPBAR } from './keyboard.js';
import { failOnPageErrors, mailedCode, SEEDED_USER, useStack, withoutPasskeyAutofill } from './stack.js';

// Signing in, up and back by keyboard alone (keyboard.ts: keys and typing only, focus checked after each key):
// the embedded card's steps, its errors, the passkey ceremony, the social buttons and the OP's own pages.
// Focus goes to the error summary on an error and to the first field of each new step.
// <ciam-signup> and <ciam-recovery> are <ciam-login> with another first view and are on no demo page: their
// forms are the ones reached here through "Create account" and "Forgot password?".
const stack = useStack(4605);
const card = (page: Page) => page.locator('ciam-login');

/** The embedded page, signed out: the header, the intro's link, the card's social buttons, then its email field. */
const TO_EMAIL = [...TOPBAR, 'link "demo mailbox"', 'button "Continue with Social ID"', 'button "Continue with Acme Corp SSO"', 'textbox "Email"'];

async function openEmbedded(page: Page) {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await expect(card(page).getByLabel('Email')).toBeVisible();
}

/** From the page's start to the password step, with Ada's email. */
async function toPassword(page: Page) {
  await tab(page, ...TO_EMAIL);
  await page.keyboard.type(SEEDED_USER.email);
  await press(page, 'Enter', 'textbox "Password"');
}

test.describe('keyboard only: signing in', () => {
  test('password: a wrong one goes to the summary, its link back to the field, the right one to the passkey offer', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await openEmbedded(page);
    await toPassword(page);
    await page.keyboard.type('not the right passphrase');
    await press(page, 'Enter', 'alert: There is a problem Wrong email or password.');
    await tab(page, 'link "Wrong email or password."');
    await press(page, 'Enter', 'textbox "Password"');
    // The rest of the step, in order, and back.
    await tab(page, 'button "Show password"', 'button "Forgot password?"', 'button "Sign in"', 'button "Email me a code instead"');
    await tab(page, 'button "Email me a sign-in link"', 'button "Sign in with a passkey"');
    await tabBack(page, 'button "Email me a sign-in link"', 'button "Email me a code instead"', 'button "Sign in"', 'button "Forgot password?"');
    await press(page, 'Shift+Tab', 'button "Show password"');
    await press(page, 'Space', 'button "Hide password"');
    await press(page, 'Shift+Tab', 'textbox "Password"');
    await retype(page, SEEDED_USER.password);
    await press(page, 'Enter', 'heading "Sign in faster next time"');
    await tab(page, 'button "Create a passkey"', 'button "Not now"');
    await page.keyboard.press('Enter');
    // The demo page hides the card once signed in: Tab goes on from where it was, to the account panel.
    await expect(card(page)).toBeHidden();
    await tab(page, 'button "Add a passkey"');
    noErrors();
  });

  test('a server error goes to the summary too; Tab leads back into the form, and Enter tries again', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await openEmbedded(page);
    await toPassword(page);
    await page.keyboard.type(SEEDED_USER.password);
    // The fault is the harness's (a Playwright route), as in embedded-faults.spec.ts.
    const challenge = `${stack().opUrl}/challenge`;
    await page.route(challenge, (route) => route.fulfill({ status: 500, body: 'Internal Server Error', headers: { 'access-control-allow-origin': '*' } }));
    await press(page, 'Enter', /^alert: There is a problem .*has a problem right now/);
    await page.unroute(challenge);
    await tab(page, 'textbox "Password"');
    await press(page, 'Enter', 'heading "Sign in faster next time"');
    noErrors();
  });

  test('sign-up: name, email, a too short password, then the emailed code (a wrong one first)', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const email = `keyboard-${Date.now()}@example.com`;
    await openEmbedded(page);
    await tab(page, ...TO_EMAIL, 'button "Continue"', 'button "Sign in with a passkey"', 'button "Create account"');
    await press(page, 'Enter', 'textbox "Full name (optional)"');
    await page.keyboard.type('Kay Board');
    await tab(page, 'textbox "Email"');
    await page.keyboard.type(email);
    await tab(page, 'textbox "Password"');
    await page.keyboard.type('short');
    await press(page, 'Enter', 'alert: There is a problem Use at least 15 characters.');
    await tab(page, 'link "Use at least 15 characters."');
    await press(page, 'Enter', 'textbox "Password"');
    await retype(page, 'compile the nanoseconds');
    await press(page, 'Enter', 'textbox "Code from the email"');
    await page.keyboard.type('000000');
    await press(page, 'Enter', 'alert: There is a problem That code is not right. Check the newest email and try again.');
    await tab(page, 'link "That code is not right. Check the newest email and try again."');
    await press(page, 'Enter', 'textbox "Code from the email"');
    await tab(page, 'button "Verify"', 'button "Back to sign-in"');
    await press(page, 'Shift+Tab', 'button "Verify"');
    await press(page, 'Shift+Tab', 'textbox "Code from the email"');
    await retype(page, await mailedCode(stack().opUrl, email));
    await press(page, 'Enter', 'heading "Sign in faster next time"');
    // The offer, then <ciam-profile>'s question after a sign-up (the demo's policy: the country).
    await tab(page, 'button "Create a passkey"', 'button "Not now"', 'combobox "Country"', 'button "Save"', 'button "Not now"');
    noErrors();
  });

  test('recovery: "Forgot password?", the email, a wrong code, then the right one with the new password', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await openEmbedded(page);
    await toPassword(page);
    await tab(page, 'button "Show password"', 'button "Forgot password?"');
    await press(page, 'Enter', 'textbox "Email"'); // the email typed before, kept
    await press(page, 'Enter', 'textbox "Code from the email"');
    await page.keyboard.type('000000');
    await tab(page, 'textbox "New password"');
    await page.keyboard.type(SEEDED_USER.password); // the same passphrase again: the seeded user keeps it
    await press(page, 'Enter', 'alert: There is a problem That code is not right. Check the newest email and try again.');
    await tab(page, 'link "That code is not right. Check the newest email and try again."');
    await press(page, 'Enter', 'textbox "Code from the email"');
    await retype(page, await mailedCode(stack().opUrl, SEEDED_USER.email));
    await press(page, 'Enter', 'status: Your password has been changed. You’re signed in as Ada Lovelace.');
    noErrors();
  });

  test('passkey: added from the account panel, then sign out from the header and sign in with it', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await withoutPasskeyAutofill(page); // the button's path: the virtual authenticator would answer autofill at once
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await openEmbedded(page);
    await toPassword(page);
    await page.keyboard.type(SEEDED_USER.password);
    await press(page, 'Enter', 'heading "Sign in faster next time"');
    await tab(page, 'button "Create a passkey"', 'button "Not now"');
    await page.keyboard.press('Enter');
    await expect(card(page)).toBeHidden();
    await tab(page, 'button "Add a passkey"');
    // Focus goes to the new passkey's name, so its Rename and Remove come next.
    await press(page, 'Enter', /^text: Chrom(e|ium) on Linux$/);
    const name = (await focused(page)).slice('text: '.length); // named after this browser (passkey-name.ts)
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    await tab(page, `button "Rename: ${name}"`, `button "Remove: ${name}"`, 'button "Add a passkey"');
    await tabBack(page, `button "Remove: ${name}"`, `button "Rename: ${name}"`, 'button "Organization: Choose an organization"');
    await press(page, 'Shift+Tab', 'link "demo mailbox"');
    await press(page, 'Shift+Tab', 'button "Sign out"');
    await press(page, 'Enter', 'textbox "Email"');
    await tab(page, 'button "Continue"', 'button "Sign in with a passkey"');
    await page.keyboard.press('Enter');
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await expect(page.locator('ciam-passkey').getByText(/Last used/)).toBeVisible();
    // No offer after a passkey sign-in, so the page hides the card; Tab goes on into the account panel.
    await tab(page, `button "Rename: ${name}"`);
    noErrors();
  });

  test('social: the card’s buttons and <ciam-social>, the upstream’s page and the OP’s consent page', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    await expect(card(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    // <ciam-social> is on no demo page: the page gets one here, joining the card's client.
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('ciam-social'), { providers: 'social=Social ID' })));
    const cardButtons = ['button "Continue with Social ID"', 'button "Continue with Acme Corp SSO"', 'button "Sign in"', 'button "Create account"'];
    await tab(page, ...TOPBAR, ...cardButtons, 'button "Continue with Social ID"');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${upstreams.social}/**`);
    await expect.poll(() => focused(page)).toBe('textbox "Email or username"'); // the upstream's autofocus
    await page.keyboard.type('kim');
    await tab(page, 'textbox "Password"');
    await page.keyboard.type(UPSTREAM_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${opUrl}/**`);
    await consentByKeyboard(page);
    await page.waitForURL(`${appUrl}/**`);
    await expect(page.locator('ciam-user').getByText('kim@social.test')).toBeVisible();
    noErrors();
  });

  test('redirect mode: the OP’s hosted sign-in page (a wrong password first) and its consent page', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl } = stack();
    await page.goto(`${appUrl}/`);
    await expect(card(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await tab(page, ...TOPBAR, 'button "Continue with Social ID"', 'button "Continue with Acme Corp SSO"', 'button "Sign in"');
    await page.keyboard.press('Enter');
    await expect(card(page).getByLabel('Email')).toBeVisible();
    await tab(page, 'button "Continue with Social ID"', 'textbox "Email"');
    await page.keyboard.type(SEEDED_USER.email);
    await press(page, 'Enter', 'textbox "Password"');
    await page.keyboard.type('not the right passphrase');
    await press(page, 'Enter', 'alert: There is a problem Wrong email or password.');
    await tab(page, 'link "Wrong email or password."');
    await press(page, 'Enter', 'textbox "Password"');
    await retype(page, SEEDED_USER.password);
    await page.keyboard.press('Enter');
    await consentByKeyboard(page);
    await page.waitForURL(`${appUrl}/**`);
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    noErrors();
  });
});

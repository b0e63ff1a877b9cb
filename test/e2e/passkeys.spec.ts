import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { addVirtualAuthenticator } from '../virtual-authenticator.js';
import { allowIfAsked, failOnPageErrors, recordOpRequests, SEEDED_USER, useStack, withoutPasskeyAutofill } from './stack.js';

// Chromium's virtual authenticator (test/virtual-authenticator.ts): resident keys, user verification.
const stack = useStack(4810);
const card = (page: Page) => page.locator('ciam-login');
const passkeyList = (page: Page) => page.locator('ciam-passkey');

async function signInWithPassword(page: Page) {
  await card(page).getByLabel('Email').fill(SEEDED_USER.email);
  await card(page).getByLabel('Email').press('Enter');
  await card(page).getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card(page).getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
}

/** Ada signs in with her password in the app and adds a passkey from the passkey list. */
async function passkeyForAda(page: Page, cdp: CDPSession, authenticatorId: string) {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await signInWithPassword(page);
  await passkeyList(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeyList(page).getByText('Passkey added.')).toBeVisible();
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
}

async function signOut(page: Page) {
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await expect(card(page).getByLabel('Email')).toBeVisible();
}

test('register a passkey, sign in with it, remove it and see it refused', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await withoutPasskeyAutofill(page); // the button's path, as in browsers without autofill
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await page.goto(`${stack().appUrl}/embedded.html`);
  await signInWithPassword(page);

  await expect(passkeyList(page).getByText('You have no passkeys yet.')).toBeVisible();
  await passkeyList(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeyList(page).getByText('Passkey added.')).toBeVisible();
  await expect(passkeyList(page).getByRole('listitem')).toHaveCount(1);
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

  await signOut(page);
  await card(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(passkeyList(page).getByText(/Last used/)).toBeVisible();

  await passkeyList(page)
    .getByRole('button', { name: /^Remove:/ })
    .click();
  await passkeyList(page).getByRole('button', { name: 'Remove passkey' }).click();
  await expect(passkeyList(page).getByText('You have no passkeys yet.')).toBeVisible();

  await signOut(page);
  await card(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(card(page).getByRole('alert')).toContainText('We do not recognise that passkey.');
  await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  noErrors();
});

test('a cancelled passkey prompt leaves the form as it was, without an error', async ({ page }) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
  await page.goto(`${stack().appUrl}/embedded.html`);
  await card(page).getByLabel('Email').fill('typed@example.com');
  await card(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(card(page).getByRole('button', { name: 'Continue', exact: true })).toBeEnabled();
  await expect(card(page).getByRole('alert')).toHaveCount(0);
  await expect(card(page).getByLabel('Email')).toHaveValue('typed@example.com');
  await expect(card(page).getByRole('button', { name: 'Sign in with a passkey' })).toBeEnabled();
});

test('the OP hosted sign-in page offers the same passkey sign-in (redirect mode)', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await withoutPasskeyAutofill(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await passkeyForAda(page, cdp, authenticatorId);

  // The redirect page sends the user to the OP, whose page is <ciam-login mode="hosted">.
  await page.goto(`${stack().appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${stack().opUrl}/**`);
  await page.locator('ciam-login[mode="hosted"]').getByRole('button', { name: 'Sign in with a passkey' }).click();
  await allowIfAsked(page);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  noErrors();
});

test('after a password sign-in the app offers a passkey; "Not now" is remembered for that user', async ({ page }) => {
  await addVirtualAuthenticator(page);
  await page.goto(`${stack().appUrl}/embedded.html`);
  await signInWithPassword(page);
  await expect(card(page).getByRole('heading', { name: 'Sign in faster next time' })).toBeVisible();
  await card(page).getByRole('button', { name: 'Not now' }).click();
  await expect(card(page)).toBeHidden();

  await page.reload(); // in-memory session: signed out again
  await signInWithPassword(page);
  await expect(card(page)).toBeHidden();
});

/** Signs in by password on the embedded page and creates the passkey the offer proposes; answers how many passkeys were listed before. */
async function createOfferedPasskey(page: Page): Promise<number> {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await signInWithPassword(page);
  await expect(passkeyList(page).getByRole('button', { name: 'Add a passkey' })).toBeEnabled(); // its list has loaded
  const listed = await passkeyList(page).getByRole('listitem').count(); // earlier tests of this stack may have left some
  await card(page).getByRole('button', { name: 'Create a passkey' }).click();
  await expect(card(page).getByText('Passkey created.')).toBeVisible();
  return listed;
}

// Regression: <ciam-passkey> on the same page used to keep saying "You have no passkeys yet" after the
// offer created one, and "Add a passkey" then answered "This device already has a passkey" above it.
// The client tells every element of the account of a change (client/passkeys-api.ts subscribe()).
test('the passkey list on the page follows the offer: the new passkey is listed, and "Add a passkey" knows of it', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await withoutPasskeyAutofill(page);
  await addVirtualAuthenticator(page);
  const listed = await createOfferedPasskey(page);

  await expect(passkeyList(page).getByRole('listitem')).toHaveCount(listed + 1);
  await expect(passkeyList(page).getByText('You have no passkeys yet.')).toHaveCount(0);
  // Named after the browser and system it was made on (passkey-name.ts), not only the date.
  await expect(passkeyList(page).getByRole('listitem').first()).toContainText(/Chrom(e|ium) on Linux/);
  // The same authenticator cannot register twice: the list says so, and still lists the passkey.
  await passkeyList(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeyList(page).getByRole('alert')).toContainText('This device already has a passkey for your account.');
  await expect(passkeyList(page).getByRole('listitem')).toHaveCount(listed + 1);
  noErrors();
});

test('creating the offered passkey works, and the next sign-in can use it', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await withoutPasskeyAutofill(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const listed = await createOfferedPasskey(page);
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
  // The page's <ciam-passkey> hears of it from the client, without a reload.
  await expect(passkeyList(page).getByRole('listitem')).toHaveCount(listed + 1);
  await card(page).getByRole('button', { name: 'Done' }).click();
  await expect(card(page)).toBeHidden();

  await signOut(page);
  await card(page).getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(card(page)).toBeHidden(); // no offer after a passkey sign-in
  noErrors();
});

/*
 * Passkey autofill (conditional mediation): while the email step shows, a
 * passkey request waits in the email field's suggestions. Chromium's virtual
 * authenticator answers such a request at once with its passkey, as a user
 * picking it from the suggestions would: sign-in happens with nothing typed
 * and no button pressed.
 */
test('passkey autofill: the email field offers the passkey, and picking it signs in', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  await page.goto(`${stack().appUrl}/embedded.html`);
  // No authenticator yet: the request waits, and password sign-in works around it.
  await signInWithPassword(page);
  await card(page).getByRole('button', { name: 'Not now' }).click();
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await passkeyList(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeyList(page).getByText('Passkey added.')).toBeVisible();

  const requests = recordOpRequests(page, stack().opUrl);
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeHidden();
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(card(page)).toBeHidden(); // a passkey sign-in: no offer
  const sent = requests.map((r) =>
    `${r.method()} ${new URL(r.url()).pathname} ${new URLSearchParams(r.postData() ?? '').get('action') ?? (r.postData()?.includes('passkey=') ? 'passkey=…' : '')}`.trim(),
  );
  // After the sign-out's own calls: WebAuthn options, the signed assertion, the token.
  expect(sent.filter((line) => /^POST \/(challenge|token)( |$)/.test(line))).toEqual(['POST /challenge passkey', 'POST /challenge passkey=…', 'POST /token']);
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
  noErrors();
});

test('passkey autofill on the OP hosted sign-in page (redirect mode)', async ({ page }) => {
  const noErrors = failOnPageErrors(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await passkeyForAda(page, cdp, authenticatorId);
  // The OP's own page answers the assertion at its interaction's endpoint.
  const hostedAssertion = page.waitForRequest((r) => r.url().startsWith(`${stack().opUrl}/interaction/`) && (r.postData() ?? '').includes('passkey='));

  await page.goto(`${stack().appUrl}/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The OP's page offers the passkey in its email field; the virtual authenticator picks it.
  await hostedAssertion;
  await allowIfAsked(page);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  noErrors();
});

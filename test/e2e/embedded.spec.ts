import { expect, test, type Page } from '@playwright/test';
import { autofillRequested, eventLog, failOnPageErrors, mailbox, mailedCode, recordOpRequests, SEEDED_USER, useStack } from './stack.js';

const stack = useStack(4770);
const card = (page: Page) => page.locator('ciam-login');

async function open(page: Page) {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await expect(card(page).getByLabel('Email')).toBeVisible();
}

async function continueAs(page: Page, email: string) {
  await card(page).getByLabel('Email').fill(email);
  await card(page).getByLabel('Email').press('Enter');
}

test.describe('embedded mode', () => {
  test('password sign-in in the page: 3 requests after the page load, light-DOM fields, never leaves the page', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    // The page load asks for discovery and, for passkey autofill, WebAuthn options; the sign-in counts from there.
    const autofill = autofillRequested(page, stack().opUrl);
    await open(page);
    await autofill;
    const requests = recordOpRequests(page, stack().opUrl);
    const fields = await page.evaluate(() => [...document.querySelectorAll('input[autocomplete]')].map((i) => i.getAttribute('autocomplete')));
    expect(fields).toContain('username webauthn');

    await continueAs(page, SEEDED_USER.email);
    await expect(card(page).getByText(`Signing in as ${SEEDED_USER.email}`)).toBeVisible();
    await card(page).getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
    await card(page).getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    await expect(eventLog(page)).toContainText(`ciam-signed-in ${SEEDED_USER.email}, access token ready`);
    expect(requests.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(['POST /challenge', 'POST /challenge', 'POST /token']);
    expect(new URLSearchParams(requests[0].postData() ?? '').get('nonce')).toMatch(/^[\w-]{22}$/);
    // Each challenge request proves the page's DPoP key (the OP lists ES256): the flow is bound to this page. The
    // page asks for DPoP-bound tokens (`dpop`), so the token request proves the same key and the tokens are bound to it.
    const proofs = await Promise.all(requests.map(async (r) => (await r.allHeaders()).dpop ?? ''));
    const keys = proofs.map((proof) => JSON.stringify((JSON.parse(Buffer.from(proof.split('.')[0], 'base64url').toString()) as { jwk: unknown }).jwk));
    expect(new Set(keys).size).toBe(1);
    expect(new Set(proofs).size, 'a proof per request').toBe(3);
    expect(page.url()).toBe(`${stack().appUrl}/embedded.html`);
    noErrors();
  });

  test('wrong password: clear error, focus on it, typed input kept, then the right one works', async ({ page }) => {
    await open(page);
    await continueAs(page, SEEDED_USER.email);
    const password = card(page).getByLabel('Password', { exact: true });
    await password.fill('not the right passphrase');
    await password.press('Enter');
    const alert = card(page).getByRole('alert');
    await expect(alert).toContainText('Wrong email or password.');
    await expect(alert).toBeFocused();
    await expect(password).toHaveValue('not the right passphrase');
    await password.fill(SEEDED_USER.password);
    await password.press('Enter');
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  });

  test('an unknown account takes the same path as a known one until the secret is checked', async ({ page }) => {
    await open(page);
    await continueAs(page, 'nobody-here@example.com');
    await expect(card(page).getByText('Signing in as nobody-here@example.com')).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Email me a code instead' })).toBeVisible();
    await card(page).getByLabel('Password', { exact: true }).fill('some long passphrase here');
    await card(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(card(page).getByRole('alert')).toContainText('Wrong email or password.');
  });

  test('email-code sign-in reads the code from the mailbox', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await open(page);
    await continueAs(page, SEEDED_USER.email);
    const before = (await mailbox(stack().opUrl, SEEDED_USER.email))[0]?.id;
    await card(page).getByRole('button', { name: 'Email me a code instead' }).click();
    const codeField = card(page).getByLabel('Code from the email');
    await expect(codeField).toBeVisible();
    await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(card(page).getByText(/You can ask for a new code in \d+ seconds?\./)).toBeVisible();
    await codeField.fill('000000');
    await codeField.press('Enter');
    await expect(card(page).getByRole('alert')).toContainText('That code is not right.');
    await codeField.fill(await mailedCode(stack().opUrl, SEEDED_USER.email, before));
    await codeField.press('Enter');
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    noErrors();
  });

  test('sign-up: weak password refused with the reason, then verified by email code and signed in', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const email = `lin-${Date.now()}@example.com`;
    await open(page);
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await expect(card(page).getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await card(page).getByLabel('Full name').fill('Lin Clark');
    await card(page).getByLabel('Email').fill(email);
    const password = card(page).getByLabel('Password', { exact: true });
    await password.fill('qwertyuiopasdfgh');
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await expect(card(page).getByRole('alert')).toContainText('common or breached passwords');
    await expect(card(page).getByLabel('Email')).toHaveValue(email);

    await password.fill('cartoons explain the internals');
    await card(page).getByRole('button', { name: 'Create account' }).click();
    const code = card(page).getByLabel('Code from the email');
    await code.fill(await mailedCode(stack().opUrl, email));
    await code.press('Enter');
    await expect(page.locator('ciam-user').getByText('Lin Clark')).toBeVisible();
    await expect(eventLog(page)).toContainText(`ciam-signed-in ${email}`);
    noErrors();
  });

  test('recovery end to end: same answer for unknown emails, code, new password, notice email, signed in', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const email = `ops-${Date.now()}@example.com`;
    // An account to recover, created through the page.
    await open(page);
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await expect(card(page).getByLabel('Full name (optional)')).toBeVisible(); // the sign-up form, not the email step it replaces
    await card(page).getByLabel('Email').fill(email);
    await card(page).getByLabel('Password', { exact: true }).fill('the first long passphrase');
    await card(page).getByRole('button', { name: 'Create account' }).click();
    await card(page)
      .getByLabel('Code from the email')
      .fill(await mailedCode(stack().opUrl, email));
    await card(page).getByLabel('Code from the email').press('Enter');
    await expect(page.locator('ciam-user')).toContainText(email);

    // A fresh page: signed out (memory store). Unknown email first.
    await open(page);
    await continueAs(page, 'ghost@example.com');
    await card(page).getByRole('button', { name: 'Forgot password?' }).click();
    await expect(card(page).getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    const statuses: number[] = [];
    page.on('response', (r) => r.url().endsWith('/challenge') && r.request().postData()?.includes('action=recover') && statuses.push(r.status()));
    await card(page).getByLabel('Email').fill('ghost@example.com');
    await card(page).getByRole('button', { name: 'Send code' }).click();
    await expect(card(page).getByText('If an account exists for ghost@example.com, we sent a 6-digit code to it.')).toBeVisible();
    expect(await mailbox(stack().opUrl, 'ghost@example.com')).toEqual([]);
    const unknownText = await card(page).locator('form').innerText();

    await card(page).getByRole('button', { name: 'Back to sign-in' }).click();
    await card(page).getByRole('button', { name: 'Continue', exact: true }).waitFor();
    await open(page);
    await continueAs(page, email);
    await card(page).getByRole('button', { name: 'Forgot password?' }).click();
    await card(page).getByLabel('Email').fill(email);
    await card(page).getByRole('button', { name: 'Send code' }).click();
    await expect(card(page).getByText(`If an account exists for ${email}, we sent a 6-digit code to it.`)).toBeVisible();
    // Indistinguishable: same status code, same text but for the address itself.
    expect(statuses).toEqual([400, 400]);
    expect((await card(page).locator('form').innerText()).replaceAll(email, '<email>')).toBe(unknownText.replaceAll('ghost@example.com', '<email>'));
    await card(page)
      .getByLabel('Code from the email')
      .fill(await mailedCode(stack().opUrl, email));
    await card(page).getByLabel('New password').fill('aaaaaaaaaaaaaaaaaaaa');
    await card(page).getByRole('button', { name: 'Set new password' }).click();
    await expect(card(page).getByRole('alert')).toContainText('Avoid repeated or sequential characters.');
    await card(page).getByLabel('New password').fill('the second long passphrase');
    await card(page).getByRole('button', { name: 'Set new password' }).click();
    await expect(page.locator('ciam-user')).toContainText(email);
    const mails = await mailbox(stack().opUrl, email);
    expect(mails[0]?.subject).toMatch(/password was changed/i);
    noErrors();
  });
});

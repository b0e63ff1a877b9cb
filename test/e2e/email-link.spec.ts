import { expect, test, type Page } from '@playwright/test';
import { eventLog, failOnPageErrors, mailbox, SEEDED_USER, useStack } from './stack.js';

// Sign-in links by email (docs/first-party-challenge.md, "Sign-in links"): the page that asked waits and
// signs in; the link's page decides, at once in the browser that asked, after a question anywhere else.
const stack = useStack(4700);
const card = (page: Page) => page.locator('ciam-login');

/** On embedded.html: the email, then "Email me a sign-in link"; resolves with the link from the mailbox. */
async function askForLink(page: Page, email = SEEDED_USER.email): Promise<string> {
  const before = (await mailbox(stack().opUrl, email))[0]?.id;
  await page.goto(`${stack().appUrl}/embedded.html`);
  await card(page).getByLabel('Email').fill(email);
  await card(page).getByLabel('Email').press('Enter');
  await card(page).getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(card(page).getByText(`We sent a sign-in link to ${email}`)).toBeVisible();
  await expect(card(page).getByText('Waiting for you to open the link')).toBeVisible();
  for (let attempt = 0; attempt < 50; attempt++) {
    const mail = (await mailbox(stack().opUrl, email)).find((m) => m.subject.includes('sign-in link'));
    const link = mail && mail.id !== before ? /\S+#ciam_link=[\w-]{43}/.exec(mail.text)?.[0] : undefined;
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no sign-in link in the mailbox');
}

const signedIn = (page: Page) => expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible({ timeout: 10_000 });

test.describe('sign-in links by email', () => {
  test('opened in the browser that asked: mail scanners change nothing, then the waiting page signs in and the link tab follows', async ({
    page,
    context,
    browser,
    request,
  }) => {
    const noErrors = failOnPageErrors(page);
    const link = await askForLink(page);
    expect(new URL(link).pathname).toBe('/embedded.html');

    // A mail gateway fetches the link (GET and HEAD), and a sandbox browser even runs the page: none of it decides.
    expect((await request.get(link)).status()).toBe(200);
    expect((await request.head(link)).status()).toBe(200);
    const sandbox = await browser.newContext();
    const scanner = await sandbox.newPage();
    await scanner.goto(link);
    await expect(card(scanner).getByRole('heading', { name: 'Is this you signing in?' })).toBeVisible();
    await sandbox.close();
    await page.waitForTimeout(2500); // a status request or more of the waiting page
    await expect(card(page).getByText('Waiting for you to open the link')).toBeVisible();

    // The owner opens it in the same browser (a new tab, as a mail app does).
    const tab = await context.newPage();
    await tab.goto(link);
    await expect(card(tab).getByRole('heading', { name: 'You’re signing in' })).toBeVisible();
    expect(tab.url(), 'the token leaves the address bar').toBe(`${stack().appUrl}/embedded.html`);
    await signedIn(page);
    await expect(eventLog(page)).toContainText(`ciam-signed-in ${SEEDED_USER.email}`);
    // The app's tabs share the session: the link's tab is signed in too.
    await expect(tab.locator('ciam-login')).toHaveAttribute('state', 'signed-in', { timeout: 10_000 });

    // Used: opening it again says so, and offers the way back.
    const again = await context.newPage();
    await again.goto(link);
    await expect(card(again).getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(card(again).getByRole('alert')).toContainText('expired or was already used');
    noErrors();
  });

  test('opened on another device: it names the device that asked, and approving signs in the waiting page, not itself', async ({ page, browser }) => {
    const link = await askForLink(page);
    const phone = await browser.newContext();
    const other = await phone.newPage();
    await other.goto(link);
    await expect(card(other).getByRole('heading', { name: 'Is this you signing in?' })).toBeVisible();
    await expect(card(other)).toContainText('Someone asked to sign in with your email on Chrome on Linux');
    await card(other).getByRole('button', { name: 'Yes, sign me in there' }).click();
    await expect(card(other).getByRole('heading', { name: 'Sign-in approved' })).toBeVisible();
    await expect(card(other).getByRole('status').filter({ hasText: 'Go back to Chrome on Linux' })).toBeFocused();
    await signedIn(page);
    await expect(other.locator('ciam-login')).not.toHaveAttribute('state', 'signed-in');
    await phone.close();
  });

  test('"No, it wasn’t me" stops the sign-in: the waiting page says so and starts over, keeping the email', async ({ page, browser }) => {
    const link = await askForLink(page);
    const phone = await browser.newContext();
    const other = await phone.newPage();
    await other.goto(link);
    await card(other).getByRole('button', { name: 'No, it wasn’t me' }).click();
    await expect(card(other).getByRole('heading', { name: 'Sign-in stopped' })).toBeVisible();
    await expect(card(page).getByRole('alert')).toContainText('The sign-in was stopped from the link in the email', { timeout: 10_000 });
    await expect(card(page).getByLabel('Email')).toHaveValue(SEEDED_USER.email);
    await phone.close();
  });
});

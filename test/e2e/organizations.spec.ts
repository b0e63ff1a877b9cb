import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations, failOnPageErrors, mailbox, mailedCode, SEEDED_USER, signInEmbedded, signInOnOp, useStack } from './stack.js';

// Organizations (docs/first-party-challenge.md, "Organizations"): Ada is a customer in Personal, an admin in Acme
// and a delegate in Beta. <ciam-org-switcher> moves a tab between them by token exchange, without navigating;
// the demo API answers per organization and role; invitations bring new and existing users in.
const demo = useStack(4660);
/** The stack the helpers use: the removal tests run on one whose access tokens renew within seconds. */
let stack = demo;
const switcher = (page: Page) => page.locator('ciam-org-switcher');
const trigger = (page: Page) => switcher(page).locator('[part~="trigger"]');

/** Every navigation of the page's main frame after this call (a switch must cause none). */
function navigations(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

async function pick(page: Page, item: string) {
  await trigger(page).click();
  await switcher(page).getByRole('menuitemradio', { name: item }).click();
  await expect(trigger(page)).toContainText(item);
}

async function report(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Show the organization’s report' }).click();
  const answer = page.locator('.org-answer');
  await expect(answer).not.toBeEmpty();
  return (await answer.textContent()) ?? '';
}

/** The invitation link the OP mailed to `to` (the newest). */
async function invitationLink(to: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const mails = await mailbox(stack().opUrl, to);
    const link = mails.map((mail) => /\S+#ciam_invite=[\w-]{43}/.exec(mail.text)?.[0]).find(Boolean);
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no invitation mailed to ${to}`);
}

/** Ada, signed in on the embedded page and switched into Acme, where she is an admin. */
async function adaInAcme(page: Page) {
  await signInEmbedded(page, stack().appUrl);
  await expect(trigger(page)).toContainText('Choose an organization');
  await pick(page, 'Admin · Acme');
}

async function invite(page: Page, email: string, role: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.locator('.org-answer')).toHaveText(`Invitation sent to ${email} as ${role}.`);
}

async function signUpOnCard(page: Page, name: string, email: string, password: string) {
  const card = page.locator('ciam-login');
  await card.getByRole('button', { name: 'Create account' }).click();
  await card.getByLabel('Full name (optional)').fill(name);
  await card.getByLabel('Email').fill(email);
  await card.getByLabel('Password', { exact: true }).fill(password);
  await card.getByRole('button', { name: 'Create account' }).click();
  await card.getByLabel('Code from the email').fill(await mailedCode(stack().opUrl, email));
  await card.getByRole('button', { name: 'Verify' }).click();
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test.describe('organizations', () => {
  test('Ada switches among her three organizations without any navigation, and the API answers per organization', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const changes: unknown[] = [];
    await page.exposeFunction('orgChanged', (detail: unknown) => changes.push(detail));
    await page.addInitScript(() =>
      document.addEventListener('ciam-org-changed', (e) => {
        const { organization, roles } = (e as CustomEvent<{ organization: { name: string } | null; roles: string[] }>).detail;
        void (window as unknown as { orgChanged: (d: unknown) => void }).orgChanged({ name: organization?.name ?? null, roles });
      }),
    );
    await signInEmbedded(page, stack().appUrl);
    await expect(trigger(page)).toContainText('Choose an organization');
    const seen = navigations(page);

    await trigger(page).click();
    await expect(switcher(page).getByRole('menuitemradio')).toHaveText([/Customer · Personal/, /Admin · Acme/, /Delegate · Beta/]);
    await page.keyboard.press('Escape');

    await pick(page, 'Admin · Acme');
    await expect(page.locator('.org-where')).toHaveText('This tab works in Acme as admin.');
    expect(await report(page)).toMatch(/^Acme: \d+ members, 1 admins\.$/);
    await expect(page.getByRole('button', { name: 'Send invitation' })).toBeVisible();

    await pick(page, 'Delegate · Beta');
    await expect(page.locator('.org-where')).toHaveText('This tab works in Beta as delegate.');
    expect(await report(page), 'a delegate is not an admin: the API says so, whatever the page shows').toBe('The API refused (403 insufficient_role).');
    await expect(page.getByRole('button', { name: 'Send invitation' })).toBeHidden();

    await pick(page, 'Customer · Personal');
    expect(await report(page)).toBe('The API refused (403 insufficient_role).');

    expect(seen, 'no navigation while switching').toEqual([]);
    expect(changes).toEqual([
      { name: 'Acme', roles: ['admin'] },
      { name: 'Beta', roles: ['delegate'] },
      { name: 'Personal', roles: ['customer'] },
    ]);
    noErrors();
  });

  test('two tabs sit in two organizations at once, and a reload keeps each in its own (session storage)', async ({ context }) => {
    const first = await context.newPage();
    await first.goto(`${stack().appUrl}/session.html`);
    await first.locator('ciam-login').getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInOnOp(first, SEEDED_USER.email, SEEDED_USER.password);
    await expect(trigger(first)).toContainText('Choose an organization');
    await pick(first, 'Admin · Acme');

    // The second tab takes the first one's session (tabs="join"), then moves to Beta on its own.
    const second = await context.newPage();
    await second.goto(`${stack().appUrl}/session.html`);
    await expect(trigger(second)).toContainText('Admin · Acme');
    await pick(second, 'Delegate · Beta');

    expect(await report(first)).toMatch(/^Acme: /);
    expect(await report(second)).toBe('The API refused (403 insufficient_role).');
    await expect(trigger(first)).toContainText('Admin · Acme');

    await second.reload();
    await expect(trigger(second)).toContainText('Delegate · Beta');
    await first.reload();
    await expect(trigger(first)).toContainText('Admin · Acme');
    await expect(second.locator('.org-where')).toHaveText('This tab works in Beta as delegate.');
  });

  test('an invitation brings a new user in: the link leads to sign-up, and the new member lands in the organization', async ({ page, browser }) => {
    await adaInAcme(page);
    await invite(page, 'new.member@example.com', 'member');

    const invitee = await newPage(browser);
    const noErrors = failOnPageErrors(invitee);
    await invitee.goto(await invitationLink('new.member@example.com'));
    await expect(switcher(invitee).locator('[part~="invitation"]')).toContainText('invited to join an organization');
    expect(new URL(invitee.url()).hash, 'the token leaves the address bar at once').toBe('');

    await signUpOnCard(invitee, 'Nia Member', 'new.member@example.com', 'a long and new passphrase');
    // Signed in, the page says what the invitation offers; joining is the user's choice.
    await expect(switcher(invitee).locator('[part~="offer"]')).toContainText('Ada Lovelace invited you to join Acme as Member.');
    await switcher(invitee).getByRole('button', { name: 'Join Acme' }).click();
    await expect(switcher(invitee)).toContainText('You joined Acme as Member.');
    await expect(trigger(invitee)).toContainText('Member · Acme');
    await expect(invitee.locator('.org-where')).toHaveText('This tab works in Acme as member.');
    expect(await report(invitee), 'a member is not an admin').toBe('The API refused (403 insufficient_role).');
    noErrors();
  });
});

test.describe('organizations: removal', () => {
  // Access tokens of 65 s: a renewal comes 5 s after each token (a minute before it expires).
  const quick = useStack(4670, { accessTokenTtlSeconds: 65 });
  test.beforeAll(() => void (stack = quick));
  test.afterAll(() => void (stack = demo));

  test('an invitation brings an existing user in; once removed, the member’s next token has no access', async ({ page, browser }) => {
    // Grace has an account of her own already, and nothing in Acme.
    const invitee = await newPage(browser);
    await invitee.goto(`${stack().appUrl}/embedded.html`);
    await signUpOnCard(invitee, 'Grace Existing', 'grace.existing@example.com', 'compile the nanoseconds twice');
    await expect(invitee.locator('ciam-user').getByText('Grace Existing')).toBeVisible();
    await invitee.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
    await expect(invitee.locator('ciam-login').getByLabel('Email')).toBeVisible();

    await adaInAcme(page);
    await invite(page, 'grace.existing@example.com', 'delegate');

    await invitee.goto(await invitationLink('grace.existing@example.com'));
    await expect(switcher(invitee).locator('[part~="invitation"]')).toBeVisible();
    const card = invitee.locator('ciam-login');
    await card.getByLabel('Email').fill('grace.existing@example.com');
    await card.getByLabel('Email').press('Enter');
    await card.getByLabel('Password', { exact: true }).fill('compile the nanoseconds twice');
    await card.getByLabel('Password', { exact: true }).press('Enter');
    await switcher(invitee).getByRole('button', { name: 'Join Acme' }).click();
    await expect(trigger(invitee)).toContainText('Delegate · Acme');

    // Ada removes her (the admin's member list); Grace's token of Acme is refused at once, and no new one is given.
    expect(await report(page)).toMatch(/^Acme: /);
    await page.getByRole('button', { name: 'Remove Grace Existing' }).click();
    await expect(page.locator('.org-answer')).toHaveText('Grace Existing is no longer a member.');
    await expect(page.getByRole('button', { name: 'Remove Grace Existing' })).toBeHidden();
    await invitee.getByRole('button', { name: 'Show the organization’s report' }).click();
    await expect(invitee.locator('.org-answer')).toHaveText('The API refused (403 not_a_member).');

    // Her tab's next renewal cannot exchange back into Acme: it keeps the refresh's personal tokens, and says so.
    await expect(trigger(invitee)).toContainText('Choose an organization', { timeout: 15_000 });
    await expect(invitee.locator('.org-where')).toHaveText('This tab works in no organization (a personal sign-in).');
    await trigger(invitee).click();
    await expect(switcher(invitee).getByRole('menuitemradio')).toHaveCount(0);
    await expect(invitee.locator('ciam-user').getByText('Grace Existing')).toBeVisible();
  });
});

test.describe('organizations: keyboard and axe', () => {
  test.use({ bypassCSP: true }); // axe arrives as an inline script
  test('the switcher works by keyboard alone and passes axe', async ({ page }) => {
    await signInEmbedded(page, stack().appUrl);
    await expect(trigger(page)).toContainText('Choose an organization');
    expect(await axeViolations(page), 'closed').toEqual([]);

    await trigger(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect(switcher(page).getByRole('menu')).toBeVisible();
    expect(await axeViolations(page), 'open').toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(trigger(page)).toContainText('Admin · Acme');
    await expect(trigger(page)).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(trigger(page)).toContainText('Delegate · Beta');

    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(switcher(page).getByRole('menu')).toBeHidden();
    await expect(trigger(page)).toBeFocused();
    await expect(trigger(page)).toContainText('Delegate · Beta');
  });
});

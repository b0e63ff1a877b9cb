import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, mailedCode, SEEDED_USER, useStack } from './stack.js';

// Keyboard only, against the demo stack: where focus is after each step, action and error, and that the
// browser's own validation bubbles can never show (every form is novalidate; the kit says what is wrong).
const stack = useStack(4870);
const card = (page: Page) => page.locator('ciam-login');

async function open(page: Page) {
  await page.goto(`${stack().appUrl}/embedded.html`);
  await expect(card(page).getByLabel('Email')).toBeVisible();
}

/** What has focus, through shadow roots, as a short description: `input[name=password]`, `a: <text>`, `[part=title]: <text>`, `body`. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return 'body';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (el instanceof HTMLInputElement) return `input[name=${el.name}]`;
    if (el.getAttribute('part')) return `[part=${el.getAttribute('part')}]: ${text}`;
    if (el.classList.contains('ciam-error')) return `summary: ${text}`;
    return `${el.tagName.toLowerCase()}: ${text}`;
  });
}

const summary = (text: string) => expect.stringMatching(new RegExp(`^summary: There is a problem ${text}`));

test.describe('focus and the kit’s own validation (keyboard)', () => {
  test('no browser validation bubble: every form is novalidate, and an empty submit shows the kit’s message', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await open(page);
    const forms = () => page.evaluate(() => [...document.querySelectorAll('ciam-login form')].map((f) => (f as HTMLFormElement).noValidate));
    expect(await forms()).toEqual([true]);
    await card(page).getByLabel('Email').press('Enter');
    await expect(card(page).getByRole('alert')).toContainText('Enter your email address.');
    await card(page).getByRole('button', { name: 'Create account' }).press('Enter');
    await expect(card(page).getByLabel('Full name (optional)')).toBeFocused();
    expect(await forms()).toEqual([true]);
    await card(page).getByLabel('Password', { exact: true }).fill('password123');
    await card(page).getByLabel('Password', { exact: true }).press('Enter');
    await expect(card(page).getByRole('alert')).toContainText('Use at least 15 characters.');
    await expect(card(page).getByRole('alert')).toContainText('Enter your email address.');
    noErrors();
  });

  test('password sign-in: focus after each error and step, Tab from the summary to the field, then the signed-in element', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await open(page);
    await card(page).getByLabel('Email').focus();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual(summary('Enter your email address.'));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a: Enter your email address.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=username]');

    await page.keyboard.type('ada@example');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual(summary('Enter a valid email address, like name@example.com.'));
    await expect(card(page).getByLabel('Email')).toHaveValue('ada@example');

    await card(page).getByLabel('Email').fill(SEEDED_USER.email);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input[name=password]');

    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual(summary('Enter your password.'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page), 'the summary sits right before the field: not “Use another email”').toBe('input[name=password]');

    await page.keyboard.type('not the right passphrase');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual(summary('Wrong email or password.'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=password]');

    await card(page).getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
    await page.keyboard.press('Enter');
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    // The page hides the element once signed in, until the passkey offer shows: then its title has focus.
    await expect.poll(() => focused(page)).toMatch(/^\[part=(title|signed-in)\]: /);
    noErrors();
  });

  test('email code: focus on the code field, and after “Send a new code” on the line saying it was sent', async ({ page }) => {
    test.setTimeout(90_000); // the demo OP allows a new code after 30 s
    const noErrors = failOnPageErrors(page);
    await open(page);
    await card(page).getByLabel('Email').fill(SEEDED_USER.email);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input[name=password]');
    await card(page).getByRole('button', { name: 'Email me a code instead' }).press('Enter');
    await expect.poll(() => focused(page)).toBe('input[name=code]');
    const resend = card(page).getByRole('button', { name: 'Send a new code' });
    await expect(resend).toBeVisible({ timeout: 40_000 });
    await resend.press('Enter');
    await expect.poll(() => focused(page)).toBe(`p: We sent a new code to ${SEEDED_USER.email}. It is valid for 10 minutes.`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=code]');
    noErrors();
  });

  test('password reset: focus on each step’s field, then the focused “Your password has been changed” status', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await open(page);
    await card(page).getByLabel('Email').fill(SEEDED_USER.email);
    await page.keyboard.press('Enter');
    await card(page).getByRole('button', { name: 'Forgot password?' }).press('Enter');
    await expect.poll(() => focused(page)).toBe('input[name=email]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input[name=code]');
    await page.keyboard.type(await mailedCode(stack().opUrl, SEEDED_USER.email));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=password]');
    await page.keyboard.type('short');
    await expect(card(page).getByText('10 more characters')).toBeVisible();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toEqual(summary('Use at least 15 characters.'));
    await card(page).getByLabel('New password').fill(SEEDED_USER.password); // the same passphrase again: the seeded user keeps it
    await card(page).getByLabel('New password').press('Enter');
    const done = card(page).getByRole('status').filter({ hasText: 'Your password has been changed.' });
    await expect(done).toHaveText('Your password has been changed. You’re signed in as Ada Lovelace.');
    await expect.poll(() => focused(page)).toBe('[part=signed-in]: Your password has been changed. You’re signed in as Ada Lovelace.');
    noErrors();
  });
});

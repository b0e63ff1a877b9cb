/**
 * A person faster than the network (issue 13): 150 ms on every answer of the OP, and discovery held back
 * until the person has acted, so each test acts before the element knows the OP. The click, the typing and
 * the submit are honoured once discovery answers; nothing is lost, nothing moves.
 */
import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, SEEDED_USER, signInOnOp, useStack } from './stack.js';

const stack = useStack(4910);
const OP_DELAY_MS = 150;

/** Delays every OP answer; discovery waits, besides, for `release()`. Counts what reached the challenge endpoint. */
async function slowOp(page: Page) {
  const { opUrl } = stack();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const challenges: string[] = [];
  await page.context().route(`${opUrl}/**`, async (route) => {
    const url = route.request().url();
    if (url.endsWith('/.well-known/openid-configuration')) await released;
    if (url.includes('/challenge')) challenges.push(url);
    await new Promise((r) => setTimeout(r, OP_DELAY_MS));
    await route.continue();
  });
  return { release, challenges };
}

const state = (page: Page) => page.locator('ciam-login').getAttribute('state');

test.describe('acting before discovery has answered', () => {
  test('redirect: "Sign in" clicked while discovery is out takes the person to the OP once it answers', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl } = stack();
    const op = await slowOp(page);
    await page.goto(`${appUrl}/`);
    const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(signIn).toBeEnabled();
    expect(await state(page)).toBe('discovering');
    await signIn.click();
    await expect(signIn, 'the button says it is under way').toHaveAttribute('aria-busy', 'true');
    op.release();
    await page.waitForURL(`${opUrl}/**`);
    await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
    await page.waitForURL(`${appUrl}/**`);
    await expect(page.locator('ciam-user')).toContainText('Ada Lovelace');
    noErrors();
  });

  test('popup: the window opens on the click, and goes to the OP once discovery answers', async ({ page }) => {
    const { appUrl, opUrl } = stack();
    const op = await slowOp(page);
    await page.goto(`${appUrl}/popup.html`);
    const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(signIn).toBeEnabled();
    expect(await state(page)).toBe('discovering');
    const opened = page.waitForEvent('popup');
    await signIn.click();
    // Opened in the click's own task (a popup blocker would refuse one opened later), still blank: discovery is held.
    const popup = await opened;
    expect(popup.url()).toBe('about:blank');
    op.release();
    await popup.waitForURL(`${opUrl}/**`);
    await signInOnOp(popup, SEEDED_USER.email, SEEDED_USER.password);
    if (!popup.isClosed()) await popup.waitForEvent('close'); // it may close itself before the wait is set up
    await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
    expect(page.url()).toBe(`${appUrl}/popup.html`);
  });

  test('embedded: the email field takes typing at once, the submit waits for discovery, and the card does not move', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl } = stack();
    const op = await slowOp(page);
    // The demo page leaves the mode to discovery; a page that sets it gets its form before discovery answers.
    // Set as the element is parsed, before the module scripts run (fulfilling the page from a route instead
    // would make Chromium's local network checks refuse its requests to the OP).
    await page.context().addInitScript(() => {
      new MutationObserver(() => document.querySelector('ciam-login:not([mode])')?.setAttribute('mode', 'embedded')).observe(document, {
        childList: true,
        subtree: true,
      });
    });
    await page.goto(`${appUrl}/embedded.html`);
    const login = page.locator('ciam-login');
    const email = login.getByLabel('Email');
    await expect(email).toBeEditable();
    expect(await state(page)).toBe('discovering');
    const card = login.locator('[part~="card"]');
    const before = (await card.boundingBox())!;

    await email.fill(SEEDED_USER.email);
    await email.press('Enter');
    await expect(login.locator('button[type="submit"]'), 'the button says it is under way').toHaveAttribute('aria-busy', 'true');
    await page.waitForTimeout(300);
    expect(op.challenges, 'nothing sent before discovery answered').toEqual([]);
    expect(await state(page)).toBe('discovering');

    op.release();
    const password = login.getByLabel('Password', { exact: true });
    await expect(password).toBeVisible();
    expect(op.challenges.length).toBeGreaterThan(0);
    await password.fill(SEEDED_USER.password);
    await password.press('Enter');
    await expect(page.locator('ciam-user')).toContainText('Ada Lovelace');
    noErrors();

    // No shift between the first paint and the ready form: a new visit, measured before and after discovery.
    const fresh = await page.context().newPage();
    const again = await slowOp(fresh);
    await fresh.goto(`${appUrl}/embedded.html`);
    await expect(fresh.locator('ciam-login').getByLabel('Email')).toBeEditable();
    const early = (await fresh.locator('ciam-login [part~="card"]').boundingBox())!;
    again.release();
    await expect(fresh.locator('ciam-login')).toHaveAttribute('state', 'signed-out');
    const ready = (await fresh.locator('ciam-login [part~="card"]').boundingBox())!;
    expect(Math.abs(ready.height - early.height), `first paint ${early.height}px, ready ${ready.height}px`).toBeLessThanOrEqual(1);
    expect(Math.abs(before.height - early.height)).toBeLessThanOrEqual(1);
  });
});

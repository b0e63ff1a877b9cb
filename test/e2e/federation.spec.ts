import { expect, test, type Page } from '@playwright/test';
import { allowIfAsked, axeViolations, signInUpstream, eventLog, failOnPageErrors, mailbox, SEEDED_USER, useStack } from './stack.js';

// Social and company sign-in through the demo OP, which federates to the two upstream IdPs of the demo stack.
const stack = useStack(4920);
test.use({ bypassCSP: true }); // axe arrives as an inline script

const card = (page: Page) => page.locator('ciam-login');
const user = (page: Page) => page.locator('ciam-user');

test.describe('federation', () => {
  test('redirect mode: "Continue with Social ID" creates the account on first sign-in and comes back signed in', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    const authorize = page.waitForRequest((r) => r.isNavigationRequest() && r.url().startsWith(`${opUrl}/auth`));
    await card(page).getByRole('button', { name: 'Continue with Social ID' }).click();
    expect(new URL((await authorize).url()).searchParams.get('idp')).toBe('social');
    await signInUpstream(page, upstreams.social, 'sam');
    await allowIfAsked(page);
    await page.waitForURL(`${appUrl}/**`);
    await expect(user(page).getByText('sam@social.test')).toBeVisible();
    await expect(eventLog(page)).toContainText('ciam-signed-in sam@social.test');
    noErrors();
  });

  test('embedded mode: a company email is typed once and continues at its IdP, which signs the user in', async ({ page }) => {
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/embedded.html`);
    await card(page).getByLabel('Email').fill('bob@acme.test');
    const authorize = page.waitForRequest((r) => r.isNavigationRequest() && r.url().startsWith(`${opUrl}/auth`));
    await card(page).getByLabel('Email').press('Enter');
    const params = new URL((await authorize).url()).searchParams;
    expect([params.get('idp'), params.get('login_hint'), params.get('domain_hint')]).toEqual(['acme', 'bob@acme.test', 'acme.test']);
    await page.waitForURL(`${upstreams.acme}/**`);
    await expect(page.getByLabel('Email or username')).toHaveValue('bob@acme.test'); // not typed twice
    await signInUpstream(page, upstreams.acme, null);
    await allowIfAsked(page);
    await page.waitForURL(`${appUrl}/embedded.html**`);
    await expect(user(page).getByText('bob@acme.test')).toBeVisible();
  });

  test('embedded mode: an email at an unrouted domain goes on to the password step', async ({ page }) => {
    await page.goto(`${stack().appUrl}/embedded.html`);
    await card(page).getByLabel('Email').fill(SEEDED_USER.email);
    await card(page).getByLabel('Email').press('Enter');
    await expect(card(page).getByLabel('Password', { exact: true })).toBeVisible();
  });

  test('the same verified email links only after proof: a wrong password is refused, the right one links and mails a notice', async ({ page }) => {
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    await card(page).getByRole('button', { name: 'Continue with Social ID' }).click();
    await signInUpstream(page, upstreams.social, 'ada');
    await page.waitForURL(`${opUrl}/**`);
    await expect(page.getByRole('heading', { name: 'Connect Social ID to your account' })).toBeVisible();
    expect(await axeViolations(page), 'the proof page').toEqual([]);
    await page.getByLabel('Password').fill('not the password, on purpose');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('That password is not right.');
    await page.getByLabel('Password').fill(SEEDED_USER.password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await allowIfAsked(page);
    await page.waitForURL(`${appUrl}/**`);
    await expect(user(page).getByText('Ada Lovelace')).toBeVisible();
    const mails = await mailbox(opUrl, SEEDED_USER.email);
    const notice = mails.find((m) => m.subject === 'Social ID was connected to your account');
    const unlink = /(http\S+\/federation\/unlink\/\S+)/.exec(notice?.text ?? '')?.[1];
    expect(unlink, 'the notice carries a "this wasn’t me" link').toBeTruthy();

    // "This wasn't me": opening the link asks first (mail scanners open links too), the button disconnects.
    await page.goto(unlink!);
    await expect(page.getByRole('heading', { name: 'Disconnect Social ID?' })).toBeVisible();
    expect(await axeViolations(page), 'the unlink page').toEqual([]);
    await page.getByRole('button', { name: 'Disconnect and sign out everywhere' }).click();
    await expect(page.getByRole('heading', { name: 'Social ID is disconnected' })).toBeVisible();
  });

  test('embedded mode: "Continue with Social ID" leaves by redirect and comes back to the page signed in', async ({ page }) => {
    const { appUrl, upstreams } = stack();
    await page.goto(`${appUrl}/embedded.html`);
    await card(page).getByRole('button', { name: 'Continue with Social ID' }).click();
    await signInUpstream(page, upstreams.social, 'kim');
    await allowIfAsked(page);
    await page.waitForURL(`${appUrl}/embedded.html**`);
    await expect(user(page).getByText('kim@social.test')).toBeVisible();
  });

  test('an unverified upstream email never links and never creates an account', async ({ page }) => {
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    await card(page).getByRole('button', { name: 'Continue with Social ID' }).click();
    await signInUpstream(page, upstreams.social, 'mallory');
    await page.waitForURL(`${opUrl}/**`);
    await expect(page.getByRole('heading', { name: 'Social ID did not confirm your email' })).toBeVisible();
    expect(await axeViolations(page), 'the refusal page').toEqual([]);
    expect(page.url()).not.toContain(appUrl);
  });

  test('the OP’s hosted page offers Social ID too, and its button continues there', async ({ page }) => {
    const { appUrl, opUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    await card(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${opUrl}/**`);
    await page.locator('ciam-login').getByRole('button', { name: 'Continue with Social ID' }).click();
    await signInUpstream(page, upstreams.social, 'sam');
    await allowIfAsked(page);
    await page.waitForURL(`${appUrl}/**`);
    await expect(user(page).getByText('sam@social.test')).toBeVisible();
  });

  test('keyboard only: Tab reaches each provider in order, Enter starts its sign-in', async ({ page }) => {
    const { appUrl, upstreams } = stack();
    await page.goto(`${appUrl}/`);
    const social = card(page).getByRole('button', { name: 'Continue with Social ID' });
    const acme = card(page).getByRole('button', { name: 'Continue with Acme Corp SSO' });
    await expect(social).toBeVisible();
    await page.locator('body').focus();
    for (let i = 0; i < 20 && !(await social.evaluate((b) => b.matches(':focus'))); i++) await page.keyboard.press('Tab');
    await expect(social).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(acme).toBeFocused();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${upstreams.acme}/**`);
  });
});

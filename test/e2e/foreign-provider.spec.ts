// The elements against a provider we did not write (test/foreign-op): issuer with
// a path, ES256 ID tokens without name or email, pairwise sub, nonce required,
// no prompt=create, revocation refused, logout back to the app only with state;
// Keycloak 26's organizations, reachable only by a new authorization request.
import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors } from './stack.js';
import type { Organization } from '../../src/index.js';
import type { ForeignDiscovery } from '../foreign-op/foreign-op.js';
import { FOREIGN_USER, signInAtForeignOp, useForeignStack } from './foreign-stack.js';

const stack = useForeignStack(4900);

function jwtPart(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Grace signs in on the keycloak-preset page, in no organization; her session then. */
async function signInPersonally(page: Page, op: ForeignDiscovery, appPage: string) {
  await page.goto(appPage);
  const first = page.waitForRequest((r) => r.url().startsWith(op.authorization_endpoint));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  expect(new URL((await first).url()).searchParams.get('scope'), 'a personal sign-in asks for no organization').toBe('openid profile email');
  await signInAtForeignOp(page);
  await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
  const personal = await session(page);
  // Discovery lists neither token exchange nor organization_parameter: a switch is a new authorization request.
  expect(personal.via).toBe('redirect');
  expect(personal.current).toBeNull();
  expect(personal.sub).toBeTruthy();
  return personal;
}

/** The page client's user (pairwise sub) and the organization its manager reads from the tokens' claims. */
function session(page: Page) {
  return page.evaluate(async () => {
    const state = window.shopClient!().state;
    const manager = await window.shopOrganizations!();
    return { sub: state.name === 'signed-in' ? state.user.sub : null, via: manager.via, current: manager.current };
  });
}

/**
 * `switchTo()` from the page; its answer is kept in sessionStorage, since it resolves as the page leaves for the
 * OP. Resolves with the OP's answer to the sign-in: the ID token and userinfo it gave the app on the way back.
 */
async function switchOrganization(page: Page, op: ForeignDiscovery, organization: Organization) {
  const authorize = page.waitForRequest((r) => r.url().startsWith(op.authorization_endpoint));
  const tokens = page.waitForResponse((r) => r.url() === op.token_endpoint && r.request().method() === 'POST');
  const userinfo = page.waitForResponse((r) => r.url() === op.userinfo_endpoint && r.request().method() === 'GET');
  await page.evaluate((org) => {
    sessionStorage.removeItem('e2e.switch');
    void window.shopOrganizations!().then(async (manager) => sessionStorage.setItem('e2e.switch', JSON.stringify(await manager.switchTo(org))));
  }, organization);
  const request = new URL((await authorize).url());
  // Straight back to the app with a code: not login_required or consent_required, and no page of the OP's own.
  const answer = new URL((await (await authorize).response())?.headers().location ?? '', request);
  expect(answer.searchParams.get('error'), 'the OP refused the prompt=none request').toBeNull();
  expect(answer.searchParams.get('code')).toBeTruthy();
  const { id_token, scope } = (await (await tokens).json()) as { id_token: string; scope: string };
  return {
    request: request.searchParams,
    granted: scope.split(' '),
    idToken: jwtPart(id_token, 1),
    userinfo: (await (await userinfo).json()) as Record<string, unknown>,
  };
}

test.describe('a foreign, stricter provider', () => {
  test('redirect: signs Grace in on its login form; her name comes from userinfo', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, op } = stack();
    await page.goto(`${appUrl}/foreign.html`);
    // Discovery lists no prompt values, so there is no prompt=create to offer.
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);

    const authorize = page.waitForRequest((r) => r.url().startsWith(op.authorization_endpoint));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const params = new URL((await authorize).url()).searchParams;
    expect(params.get('nonce'), 'the authorization request carries a nonce').toBeTruthy();
    expect(params.get('code_challenge_method')).toBe('S256');

    const userinfo = page.waitForResponse((r) => r.url() === op.userinfo_endpoint && r.request().method() !== 'OPTIONS');
    await signInAtForeignOp(page);
    await page.waitForURL(`${appUrl}/foreign.html**`);
    expect((await userinfo).status()).toBe(200);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    await expect(page.locator('#event-log')).toContainText(`ciam-signed-in ${FOREIGN_USER.email}, access token ready`);
    await expect(page).toHaveURL(`${appUrl}/foreign.html`); // code, state and iss are gone
    noErrors();
  });

  test('a social button sends its hint under the configured name; a provider that does not federate ignores it and signs in as usual', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, op } = stack();
    await page.goto(`${appUrl}/foreign.html`);
    const authorize = page.waitForRequest((r) => r.url().startsWith(op.authorization_endpoint));
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    const params = new URL((await authorize).url()).searchParams;
    expect([params.get('kc_idp_hint'), params.get('idp')]).toEqual(['google', null]);
    await signInAtForeignOp(page);
    await page.waitForURL(`${appUrl}/foreign.html**`);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    noErrors();
  });

  test('popup: signs in in the popup while the app page stays put', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl } = stack();
    await page.goto(`${appUrl}/foreign-popup.html`);
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);

    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await popupOpened;
    await signInAtForeignOp(popup);
    await popup.waitForEvent('close');

    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    await expect(page.locator('#event-log')).toContainText(`ciam-signed-in ${FOREIGN_USER.email}, access token ready`);
    expect(navigations).toBe(0);
    expect(page.url()).toBe(`${appUrl}/foreign-popup.html`);
    noErrors();
  });

  test('renewal with DPoP-bound tokens: the code, the tokens, userinfo and each refresh prove one key, and Grace stays signed in', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, renewOp } = stack();
    await page.goto(`${appUrl}/foreign-renew.html`);
    const authorize = page.waitForRequest((r) => r.url().startsWith(renewOp.authorization_endpoint));
    const exchange = page.waitForResponse((r) => r.url() === renewOp.token_endpoint && r.request().method() === 'POST');
    const userinfo = page.waitForRequest((r) => r.url() === renewOp.userinfo_endpoint && r.method() === 'GET');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(new URL((await authorize).url()).searchParams.get('dpop_jkt')).toMatch(/^[\w-]{43}$/);
    await signInAtForeignOp(page);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    expect(((await (await exchange).json()) as { token_type: string }).token_type).toBe('DPoP');
    // Her name is only in userinfo here, which takes the bound token with a proof (RFC 9449 §7).
    expect((await userinfo).headers().authorization).toMatch(/^DPoP /);
    expect((await (await userinfo).response())?.status()).toBe(200);

    const renewal = await page.waitForRequest((r) => r.url() === renewOp.token_endpoint && r.postData()?.includes('grant_type=refresh_token') === true, {
      timeout: 20_000,
    });
    expect(renewal.headers().dpop).toBeTruthy();
    expect((await renewal.response())?.status()).toBe(200);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    await expect(page.locator('#event-log')).not.toContainText('ciam-signed-out');
    await expect(page.locator('#event-log')).not.toContainText('ciam-error');
    noErrors();
  });

  test('sign-out: revocation is refused, yet the app signs out, ends the OP session and comes back', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, op } = stack();
    const appPage = `${appUrl}/foreign.html`;
    await page.goto(appPage);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInAtForeignOp(page);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();

    // The page is gone once the OP's logout shows; sessionStorage (same tab, same origin) outlives it.
    await page.evaluate(() => document.addEventListener('ciam-signed-out', () => sessionStorage.setItem('e2e.signed-out', 'yes')));
    const revocation = page.waitForResponse((r) => r.url() === op.revocation_endpoint && r.request().method() === 'POST');
    const endSession = page.waitForRequest((r) => r.isNavigationRequest() && r.url().startsWith(op.end_session_endpoint));
    await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
    expect((await revocation).status()).toBe(401);

    const logout = new URL((await endSession).url()).searchParams;
    expect(logout.get('client_id')).toBe('shop-web');
    expect(logout.get('post_logout_redirect_uri')).toBe(appPage);
    expect(logout.get('state'), 'the logout request carries state').toBeTruthy();
    const idTokenHint = logout.get('id_token_hint') ?? '';
    expect(jwtPart(idTokenHint, 0).alg).toBe('ES256');
    // Pairwise: the app never learns the OP's account id.
    expect(jwtPart(idTokenHint, 1).sub).not.toBe(FOREIGN_USER.id);

    await expect(page.getByRole('heading', { name: 'Do you want to log out?' })).toBeVisible();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${appPage}**`);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.locator('ciam-user').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(page).toHaveURL(appPage); // state removed from the address bar
    expect(await page.evaluate(() => sessionStorage.getItem('e2e.signed-out')), 'signed out before leaving for the OP').toBe('yes');
    noErrors();
  });

  test('organizations the Keycloak way: each switch is a prompt=none request with the organization scope, back without a login page, same user', async ({
    page,
  }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, op } = stack();
    const appPage = `${appUrl}/foreign-orgs.html`;
    const personal = await signInPersonally(page, op, appPage);
    const listed = await page.evaluate(async () => (await window.shopOrganizations!()).list());
    if (!listed.ok) throw new Error(`the page's organizations API failed: ${listed.error.code}`);
    expect(listed.value.map((o) => o.alias)).toEqual(['tailspin', 'contoso']);

    // From here on the OP's pages must never show: every navigation is recorded.
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));
    for (const alias of ['contoso', 'tailspin']) {
      const { request, idToken, userinfo } = await switchOrganization(
        page,
        op,
        listed.value.find((o) => o.alias === alias)!,
      );
      expect(request.get('prompt')).toBe('none');
      expect(request.get('scope')?.split(' ')).toEqual(['openid', 'profile', 'email', `organization:${alias}`]);
      expect(request.get('redirect_uri')).toBe(appPage);
      // Keycloak's list form, in the ID token and userinfo alike.
      expect(idToken.organization).toEqual([alias]);
      expect(userinfo.organization).toEqual([alias]);

      await page.waitForURL(appPage); // code, state and iss are gone
      await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
      // The claim names only the alias, so that is the name the tokens know (the app's list has the display name).
      await expect.poll(() => session(page)).toEqual({ sub: personal.sub, via: 'redirect', current: { id: alias, alias, name: alias, roles: [] } });
      expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('e2e.switch'))) ?? 'null')).toEqual({ ok: true, value: 'redirect' });
    }
    expect(
      visited.filter((url) => !url.startsWith(appUrl)),
      'no page of the OP showed: its authorization endpoint sent the browser straight back',
    ).toEqual([]);
    await expect(page.locator('#event-log')).not.toContainText('ciam-error');
    noErrors();
  });

  test('organizations: asking for one she is not in, Grace is answered without its scope and comes back signed in, in no organization', async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    const { appUrl, op } = stack();
    const appPage = `${appUrl}/foreign-orgs.html`;
    const personal = await signInPersonally(page, op, appPage);
    const contoso = await switchOrganization(page, op, { id: 'contoso', alias: 'contoso', name: 'Contoso', roles: [] });
    expect(contoso.idToken.organization).toEqual(['contoso']);
    await page.waitForURL(appPage);
    await expect.poll(() => session(page).then((s) => s.current?.id)).toBe('contoso');

    const { request, granted, idToken, userinfo } = await switchOrganization(page, op, { id: 'fabrikam', alias: 'fabrikam', name: 'Fabrikam', roles: [] });
    expect(request.get('scope')?.split(' ')).toEqual(['openid', 'profile', 'email', 'organization:fabrikam']);
    expect(granted).not.toContain('organization:fabrikam');
    expect(idToken).not.toHaveProperty('organization');
    expect(userinfo).not.toHaveProperty('organization');
    await page.waitForURL(appPage);
    await expect(page.locator('ciam-user').getByText(FOREIGN_USER.name)).toBeVisible();
    // Not Contoso's any more either: the new tokens are the truth, and they name no organization.
    await expect.poll(() => session(page)).toEqual({ sub: personal.sub, via: 'redirect', current: null });
    noErrors();
  });
});

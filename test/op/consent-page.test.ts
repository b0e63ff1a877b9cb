import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { APP_ORIGIN, Browser, authUrl, consentForm, exchangeCode, formAction, httpFetch, jwtPayload, pkce, type Page } from './helpers.js';
import { continueToApp, hosted, interactionUid, useHostedOp } from './hosted-helpers.js';

// The OP's consent page: each optional scope can be unticked (granted: the rest; declined: not asked again),
// built from <ciam-consent mode="hosted"> posting to /interaction/:uid/consent, with the form in <noscript>.

const SCOPES = 'openid profile email phone';

describe('demo OP: the consent page', () => {
  const server = useHostedOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  /** Signs the seeded user in on the hosted page and arrives at consent (asked for: it may be remembered). */
  async function toConsent(browser: Browser, scope = SCOPES): Promise<{ page: Page; uid: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const login = await browser.page(authUrl(issuer, challenge, { scope, prompt: 'consent' }));
    const signIn = interactionUid(login);
    const first = await hosted(browser, signIn, { username: SEEDED_USER.email });
    const done = await hosted(browser, signIn, { auth_session: String(first.body.auth_session), password: SEEDED_USER.password });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const page = await browser.page(String(done.body.redirect_to));
    assert.match(page.body, /<h1>Allow access<\/h1>/);
    return { page, uid: interactionUid(page), verifier };
  }

  /** POST /interaction/<uid>/consent as the element does: same origin, the browser's cookies. */
  async function answer(browser: Browser, uid: string, fields: string, origin: string | null = new URL(issuer).origin) {
    const url = new URL(`/interaction/${uid}/consent`, issuer);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (origin) headers.origin = origin;
    const cookie = browser.jar.header(url);
    if (cookie) headers.cookie = cookie;
    const res = await httpFetch(url, { method: 'POST', headers, body: fields, redirect: 'manual' });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('is <ciam-consent mode="hosted"> with the OP’s words for each scope, the no-JS form in <noscript>, under the hosted CSP', async () => {
    const { page, uid } = await toConsent(new Browser(issuer));
    assert.ok(
      page.body.includes(
        `<ciam-consent mode="hosted" endpoint="/interaction/${uid}/consent" client-name="Demo App" scopes="openid profile email phone" required-scopes="openid" account="ada@example.com"><span slot="header"></span>`,
      ),
      page.body,
    );
    assert.ok(page.body.includes('<span slot="scope-phone">See your phone number</span>'));
    assert.ok(page.body.includes('<script type="module" src="/assets/elements/ciam-consent.js"></script>'));
    const fallback = /<noscript>([\s\S]*)<\/noscript>/.exec(page.body)![1];
    assert.match(fallback, new RegExp(`action="/interaction/${uid}/confirm"`));
    assert.match(fallback, /<input type="checkbox" name="scope" value="phone" checked>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('Allow with a scope unticked: the tokens leave it out, and the next sign-in does not ask again', async () => {
    const browser = new Browser(issuer);
    const { uid, verifier } = await toConsent(browser);
    const allowed = await answer(browser, uid, 'decision=allow&scope=openid&scope=profile&scope=email');
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.redirect_to, `${issuer}/auth/${uid}`);
    const tokens = await exchangeCode(issuer, await continueToApp(browser, allowed.body.redirect_to), verifier);
    assert.deepEqual(tokens.scope.split(' ').sort(), ['email', 'openid', 'profile']);
    const userinfo = (await (
      await fetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${tokens.access_token}`, origin: APP_ORIGIN } })
    ).json()) as Record<string, unknown>;
    assert.equal(userinfo.email, SEEDED_USER.email);
    assert.equal('phone_number' in userinfo, false, 'phone was declined');

    // Another sign-in in a new browser: remembered consent, phone stays declined, no consent page.
    const again = await toSignedIn(new Browser(issuer));
    assert.ok('location' in again, 'went straight back to the app');
  });

  it('a required scope cannot be left out, even by a hand-made request', async () => {
    const browser = new Browser(issuer);
    const { uid, verifier } = await toConsent(browser, 'openid email');
    const allowed = await answer(browser, uid, 'decision=allow');
    const tokens = await exchangeCode(issuer, await continueToApp(browser, allowed.body.redirect_to), verifier);
    assert.equal(tokens.scope, 'openid');
    assert.equal(jwtPayload(tokens.id_token).sub !== undefined, true);
  });

  it('Deny sends the app access_denied', async () => {
    const browser = new Browser(issuer);
    const { uid } = await toConsent(browser);
    const denied = await answer(browser, uid, 'decision=deny');
    const back = await browser.leave(String(denied.body.redirect_to));
    assert.equal(back.searchParams.get('error'), 'access_denied');
  });

  it('refuses another site, a bad decision, and an answered request (in JSON)', async () => {
    const browser = new Browser(issuer);
    const { uid } = await toConsent(browser);
    assert.deepEqual(await answer(browser, uid, 'decision=allow&scope=openid', 'https://evil.example'), {
      status: 403,
      body: { error: 'invalid_request', error_description: 'Cross-origin requests are not allowed here.' },
    });
    assert.equal((await answer(browser, uid, 'decision=maybe')).status, 400);
    const allowed = await answer(browser, uid, 'decision=allow&scope=openid');
    assert.equal(allowed.status, 200);
    await browser.go(String(allowed.body.redirect_to));
    const late = await answer(browser, uid, 'decision=allow&scope=openid');
    assert.equal(late.status, 400);
    assert.equal(late.body.error, 'invalid_session');
  });

  it('the <noscript> form grants what is ticked', async () => {
    const browser = new Browser(issuer);
    const { page, verifier } = await toConsent(browser, 'openid email phone');
    const back = await browser.leave(formAction(page.body, '/confirm'), consentForm(page.body, ['email']));
    const tokens = await exchangeCode(issuer, back, verifier);
    assert.deepEqual(tokens.scope.split(' ').sort(), ['openid', 'phone']);
  });

  /** A fresh sign-in of the seeded user up to the first page after it: the app (`location`) or consent. */
  async function toSignedIn(browser: Browser) {
    const login = await browser.page(authUrl(issuer, pkce().challenge, { scope: SCOPES }));
    const uid = interactionUid(login);
    const first = await hosted(browser, uid, { username: SEEDED_USER.email });
    const done = await hosted(browser, uid, { auth_session: String(first.body.auth_session), password: SEEDED_USER.password });
    return browser.go(String(done.body.redirect_to));
  }
});

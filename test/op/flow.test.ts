import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import {
  APP_ORIGIN,
  Browser,
  CLIENT_ID,
  REDIRECT_URI,
  authUrl,
  exchangeCode,
  consentForm,
  formAction,
  jwtPayload,
  pkce,
  useTestOp,
  tokenRequest,
} from './helpers.js';

describe('demo OP: discovery and authorization code + PKCE flow', () => {
  const server = useTestOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('serves /healthz and the stylesheet', async () => {
    const health = await fetch(new URL('/healthz', issuer));
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok');
    const css = await fetch(new URL('/op.css', issuer));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('advertises create, end_session, revocation and S256 in discovery (CORS open)', async () => {
    const res = await fetch(new URL('/.well-known/openid-configuration', issuer), { headers: { origin: APP_ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const meta = (await res.json()) as Record<string, unknown>;
    assert.equal(meta.issuer, issuer);
    assert.ok((meta.prompt_values_supported as string[]).includes('create'));
    assert.ok((meta.prompt_values_supported as string[]).includes('login'));
    assert.equal(meta.end_session_endpoint, `${issuer}/session/end`);
    assert.equal(meta.revocation_endpoint, `${issuer}/token/revocation`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    const jwks = await fetch(new URL('/jwks', issuer), { headers: { origin: APP_ORIGIN } });
    assert.equal(jwks.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(((await jwks.json()) as { keys: unknown[] }).keys.length, 1);
  });

  it('rejects an authorization request without PKCE', async () => {
    const url = authUrl(issuer, 'x');
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const location = await new Browser(issuer).leave(url);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
  });

  it('signs in, consents, and runs token, userinfo, refresh, revocation and logout', async () => {
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();
    const url = authUrl(issuer, challenge, { login_hint: SEEDED_USER.email });

    const login = await browser.page(url);
    assert.equal(login.status, 200);
    assert.match(login.url.pathname, /^\/interaction\/[\w-]+$/);
    assert.equal(login.headers.get('content-security-policy')?.startsWith("default-src 'self'"), true);
    assert.match(login.body, /<h1>Sign in to Demo ID<\/h1>/);
    assert.match(login.body, /<label for="email">Email<\/label>/);
    assert.match(login.body, /<input id="email" name="email" type="email" autocomplete="username"[^>]*value="ada@example.com"/);
    assert.match(login.body, /<label for="password">Password<\/label>/);
    assert.match(login.body, /name="password" type="password" autocomplete="current-password"/);
    assert.match(login.body, /<button type="submit" class="primary">Sign in<\/button>/);
    assert.match(login.body, /<a href="\/interaction\/[\w-]+\/register">Create an account<\/a>/);
    const action = formAction(login.body, '/login');

    const wrong = await browser.page(action, { email: 'ADA@example.com', password: 'not-the-password' });
    assert.equal(wrong.status, 200);
    assert.match(wrong.body, /role="alert">Wrong email or password\.<\/p>/);
    assert.match(wrong.body, /name="email" type="email"[^>]*value="ADA@example.com"/);

    const consent = await browser.page(action, { email: SEEDED_USER.email, password: SEEDED_USER.password });
    assert.match(consent.body, /<h1>Allow access<\/h1>/);
    assert.match(consent.body, /<li><input type="hidden" name="scope" value="openid">Know who you are on Demo ID<\/li>/);
    assert.match(consent.body, /<label class="choice"><input type="checkbox" name="scope" value="email" checked> See your email address<\/label>/);
    assert.match(consent.body, /<button type="submit" class="primary">Allow<\/button>/);
    assert.match(consent.body, /<button type="submit" class="secondary">Deny<\/button>/);

    const callback = await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
    assert.equal(callback.searchParams.get('state'), url.searchParams.get('state'));
    assert.equal(callback.searchParams.get('iss'), issuer);

    // Token endpoint, called like the SPA does: cross-origin with an Origin header.
    const code = callback.searchParams.get('code')!;
    const tokenRes = await tokenRequest(issuer, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    assert.equal(tokenRes.status, 200);
    assert.equal(tokenRes.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const tokens = (await tokenRes.json()) as Record<string, string>;
    assert.ok(tokens.access_token);
    assert.ok(tokens.refresh_token, 'refresh token issued without offline_access');
    assert.equal(tokens.token_type, 'Bearer');
    const idToken = jwtPayload(tokens.id_token);
    assert.equal(idToken.aud, CLIENT_ID);
    assert.equal(idToken.nonce, url.searchParams.get('nonce'));
    assert.equal(idToken.email, SEEDED_USER.email);

    const userinfo = await fetch(new URL('/me', issuer), {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: APP_ORIGIN },
    });
    assert.equal(userinfo.status, 200);
    assert.equal(userinfo.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const claims = (await userinfo.json()) as Record<string, unknown>;
    assert.equal(claims.email, SEEDED_USER.email);
    assert.equal(claims.email_verified, true);
    assert.equal(claims.name, SEEDED_USER.name);
    assert.equal(claims.given_name, SEEDED_USER.given_name);
    assert.equal(claims.family_name, SEEDED_USER.family_name);

    const refreshRes = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(refreshRes.status, 200);
    assert.equal(refreshRes.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const refreshed = (await refreshRes.json()) as Record<string, string>;
    assert.ok(refreshed.access_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'refresh tokens rotate');

    // The grant is remembered: a second authorization needs neither login nor consent.
    const second = pkce();
    const again = await browser.leave(authUrl(issuer, second.challenge));
    assert.ok(again.searchParams.get('code'));
    const secondTokens = await exchangeCode(issuer, again, second.verifier);

    const revoke = await fetch(new URL('/token/revocation', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
      body: new URLSearchParams({ client_id: CLIENT_ID, token: secondTokens.refresh_token, token_type_hint: 'refresh_token' }),
    });
    assert.equal(revoke.status, 200);
    assert.equal(revoke.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const afterRevoke = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: secondTokens.refresh_token });
    assert.equal(afterRevoke.status, 400);
    // Reusing a rotated-out refresh token is rejected (and, by the provider's
    // reuse detection, revokes that grant; so this comes after the grant checks).
    const reused = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(reused.status, 400, 'a rotated-out refresh token is rejected');

    const logoutUrl = new URL('/session/end', issuer);
    logoutUrl.search = new URLSearchParams({
      id_token_hint: secondTokens.id_token,
      post_logout_redirect_uri: REDIRECT_URI,
      state: 'bye',
    }).toString();
    const logout = await browser.page(logoutUrl);
    assert.equal(logout.status, 200);
    assert.match(logout.body, /<h1>Sign out of Demo ID\?<\/h1>/);
    assert.match(logout.body, /<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Sign out<\/button>/);
    assert.match(logout.body, />Stay signed in<\/button>/);
    assert.ok(logout.headers.get('content-security-policy'));
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logout.body)![1];
    const back = await browser.leave(formAction(logout.body, '/session/end/confirm'), { xsrf, logout: 'yes' });
    assert.equal(back.href, `${REDIRECT_URI}?state=bye`);

    // Signed out: the next authorization asks for a login again.
    const relogin = await browser.page(authUrl(issuer, pkce().challenge));
    assert.match(relogin.body, /Sign in to Demo ID/);
    // ...but consent is remembered per user and client: straight back to the app.
    const back2 = await browser.leave(formAction(relogin.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    assert.ok(back2.searchParams.get('code'));
  });

  it('Deny at consent returns access_denied to the app', async () => {
    const browser = new Browser(issuer);
    // prompt=consent forces the consent page even though Ada consented above.
    const login = await browser.page(authUrl(issuer, pkce().challenge, { prompt: 'consent', scope: 'openid email offline_access' }));
    const consent = await browser.page(formAction(login.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    assert.match(consent.body, /name="scope" value="offline_access" checked> Stay connected while you are not using the app<\/label>/);
    const denied = await browser.leave(formAction(consent.body, '/abort'), {});
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('error_description'), 'The user denied access.');
  });

  it('"Stay signed in" on the logout page keeps the Demo ID session', async () => {
    const browser = new Browser(issuer);
    const login = await browser.page(authUrl(issuer, pkce().challenge));
    await browser.leave(formAction(login.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });

    const logoutUrl = new URL('/session/end', issuer);
    logoutUrl.search = new URLSearchParams({ client_id: CLIENT_ID, post_logout_redirect_uri: `${APP_ORIGIN}/session.html` }).toString();
    const logout = await browser.page(logoutUrl);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logout.body)![1];
    const back = await browser.leave(formAction(logout.body, '/session/end/confirm'), { xsrf });
    assert.equal(back.href, `${APP_ORIGIN}/session.html`);

    const again = await browser.leave(authUrl(issuer, pkce().challenge));
    assert.ok(again.searchParams.get('code'), 'no login needed');
  });

  it('escapes login_hint and other request data in pages', async () => {
    const browser = new Browser(issuer);
    const login = await browser.page(authUrl(issuer, pkce().challenge, { login_hint: '"><script>alert(1)</script>' }));
    assert.ok(!login.body.includes('<script>'));
    assert.match(login.body, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });

  it('an unknown or stale interaction URL shows an error page, not a crash', async () => {
    const res = await new Browser(issuer).page('/interaction/does-not-exist');
    assert.equal(res.status, 400);
    assert.match(res.body, /expired or was already completed/);
  });
});

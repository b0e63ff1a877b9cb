import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { APP_ORIGIN, Browser, REDIRECT_URI, authUrl, exchangeCode, consentForm, formAction, httpFetch, jwtPayload, pkce, useTestOp } from './helpers.js';
import { latestCode, next, shape, start, wrongCode } from './challenge-helpers.js';
import { FAKE_CHUNK, FAKE_ELEMENT, continueToApp, hosted, interactionUid, rawGet, useHostedOp } from './hosted-helpers.js';

const HOSTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self' " +
  APP_ORIGIN;

describe('demo OP: hosted mode, pages and the elements bundle', () => {
  const server = useHostedOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('renders the login prompt as <ciam-login mode="hosted"> with a no-JS fallback and its own CSP', async () => {
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge));
    const uid = interactionUid(page);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), HOSTED_CSP);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.body, /<h1>Sign in to Demo ID<\/h1>\n<p class="lede">to continue to <strong>Demo App<\/strong><\/p>\n<ciam-login /);
    assert.ok(
      page.body.includes(
        `<ciam-login mode="hosted" authority="${issuer}" client-id="demo-app" challenge-endpoint="/interaction/${uid}/challenge" intent="sign-in"><span slot="header"></span></ciam-login>\n` +
          '<script type="module" src="/assets/elements/ciam-login.js"></script>\n',
      ),
      page.body,
    );
    // The old form, only for browsers without JavaScript; its routes still work.
    const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(page.body)?.[1] ?? '';
    assert.match(noscript, new RegExp(`<form method="post" action="/interaction/${uid}/login">`));
    assert.match(noscript, /name="password" type="password" autocomplete="current-password"/);
    assert.match(noscript, /<a href="\/interaction\/[\w-]+\/register">Create an account<\/a>/);
    // Cancel works with or without JavaScript.
    const afterNoscript = page.body.slice(page.body.indexOf('</noscript>'));
    assert.match(afterNoscript, new RegExp(`<form method="post" action="/interaction/${uid}/abort" class="secondary-action">`));
    assert.match(afterNoscript, /<button type="submit" class="link">Cancel<\/button>/);
    assert.doesNotMatch(page.body, /<script>|style="/, 'nothing inline');

    const cancelled = await browser.leave(`/interaction/${uid}/abort`, {});
    assert.equal(cancelled.origin + cancelled.pathname, REDIRECT_URI);
    assert.equal(cancelled.searchParams.get('error'), 'access_denied');
  });

  it('passes login_hint on, opens registration as intent="sign-up", and escapes attributes', async () => {
    const browser = new Browser(issuer);
    const hint = 'ada"<x>@example.com';
    const page = await browser.page(authUrl(issuer, pkce().challenge, { login_hint: hint }));
    const uid = interactionUid(page);
    assert.ok(page.body.includes(`intent="sign-in" login-hint="ada&quot;&lt;x&gt;@example.com"><span slot="header"></span></ciam-login>`), page.body);

    const register = await browser.page(`/interaction/${uid}/register`);
    assert.equal(register.headers.get('content-security-policy'), HOSTED_CSP);
    assert.match(register.body, /<h1>Create your Demo ID account<\/h1>/);
    assert.ok(register.body.includes(`challenge-endpoint="/interaction/${uid}/challenge" intent="sign-up" login-hint=`), register.body);
    assert.match(/<noscript>([\s\S]*)<\/noscript>/.exec(register.body)![1], new RegExp(`action="/interaction/${uid}/register"`));

    const create = await new Browser(issuer).page(authUrl(issuer, pkce().challenge, { prompt: 'create' }));
    assert.match(create.body, /<h1>Create your Demo ID account<\/h1>/);
    assert.ok(
      create.body.includes(`challenge-endpoint="/interaction/${interactionUid(create)}/challenge" intent="sign-up"><span slot="header"></span></ciam-login>`),
    );
  });

  it('still signs in through the <noscript> form', async () => {
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();
    const page = await browser.page(authUrl(issuer, challenge));
    const wrong = await browser.page(formAction(page.body, '/login'), { email: SEEDED_USER.email, password: 'not the password' });
    // The error shows in the fallback form (the one a no-JS browser sees).
    assert.match(/<noscript>([\s\S]*)<\/noscript>/.exec(wrong.body)![1], /role="alert">Wrong email or password\.<\/p>/);
    const consent = await browser.go(formAction(wrong.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    const location = 'location' in consent ? consent.location : await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));
    assert.equal(jwtPayload((await exchangeCode(issuer, location, verifier)).id_token).email, SEEDED_USER.email);
  });

  it('serves the elements as JavaScript, and nothing outside them', async () => {
    const res = await httpFetch(new URL('/assets/elements/ciam-login.js', issuer));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(await res.text(), FAKE_ELEMENT);
    const chunk = await httpFetch(new URL('/assets/elements/chunks/login-test.js', issuer));
    assert.equal(chunk.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await chunk.text(), FAKE_CHUNK);

    for (const target of [
      '/assets/elements/../db.ts',
      '/assets/elements/../../demo/op/db.ts',
      '/assets/elements/../secret.js',
      '/assets/elements/%2e%2e/secret.js',
      '/assets/elements/..%2fsecret.js',
      '/assets/elements/chunks/..%5c..%5csecret.js',
      '/assets/elements/chunks/../../secret.js',
      '/assets/elements//ciam-login.js',
      '/assets/elements/./ciam-login.js',
      '/assets/elements/link.js',
      '/assets/elements/.hidden.js',
      '/assets/elements/source.ts',
      '/assets/elements/missing.js',
      '/assets/elements/chunks',
      '/assets/elements/',
      '/assets/elements/%E0%A4%A.js',
    ]) {
      const answer = await rawGet(issuer, target);
      assert.equal(answer.status, 404, `${target} -> ${answer.status}`);
      assert.doesNotMatch(answer.body, /secret|hidden|export/, target);
    }
    const post = await httpFetch(new URL('/assets/elements/ciam-login.js', issuer), { method: 'POST' });
    assert.equal(post.status, 405);
  });
});

describe('demo OP: hosted mode, sign-in at /interaction/:uid/challenge', () => {
  const server = useHostedOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  /** A browser on the hosted sign-in page of a fresh authorization request. */
  async function onLoginPage(extra: Record<string, string> = {}) {
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();
    const page = await browser.page(authUrl(issuer, challenge, extra));
    return { browser, verifier, uid: interactionUid(page) };
  }

  it('signs in with a password: username, password, 200 redirect_to, then on to the app with a code', async () => {
    // acr_values: the provider only puts acr into the ID token when it is asked for.
    const { browser, verifier, uid } = await onLoginPage({ nonce: 'n-hosted', acr_values: 'pwd otp' });
    const first = await hosted(browser, uid, { username: SEEDED_USER.email });
    assert.equal(first.status, 400);
    const authSession = String(first.body.auth_session);
    assert.deepEqual(first.body, { error: 'insufficient_authorization', auth_session: authSession, methods: ['password', 'email_code'] });
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.equal(first.headers.get('access-control-allow-origin'), null);

    const done = await hosted(browser, uid, { auth_session: authSession, password: SEEDED_USER.password });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body, { redirect_to: `${issuer}/auth/${uid}` });
    assert.equal(done.headers.get('cache-control'), 'no-store');
    assert.match(done.headers.get('content-type') ?? '', /^application\/json/);

    const callback = await continueToApp(browser, done.body.redirect_to);
    assert.equal(callback.origin + callback.pathname, REDIRECT_URI);
    const tokens = await exchangeCode(issuer, callback, verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.nonce, 'n-hosted');
    assert.equal(id.acr, 'pwd');

    // The auth_session is used up; and the browser now has an OP session.
    assert.equal((await hosted(browser, uid, { auth_session: authSession, password: SEEDED_USER.password })).body.error, 'invalid_session');
    const silent = await browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }));
    assert.ok(silent.searchParams.get('code'), silent.href);
  });

  it('keeps the auth_session after a wrong password, and answers unknown accounts the same', async () => {
    const { browser, verifier, uid } = await onLoginPage();
    const first = await hosted(browser, uid, { username: 'ADA@example.com' });
    const authSession = String(first.body.auth_session);
    const wrong = await hosted(browser, uid, { auth_session: authSession, password: 'not the password at all' });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body, {
      error: 'insufficient_authorization',
      auth_session: authSession,
      methods: ['password', 'email_code'],
      reason: 'invalid_credentials',
      error_description: 'Wrong email or password.',
    });

    const other = await onLoginPage();
    const unknown = await hosted(other.browser, other.uid, { username: 'nobody@example.com' });
    assert.deepEqual(shape(unknown), shape(first));
    const unknownWrong = await hosted(other.browser, other.uid, { auth_session: String(unknown.body.auth_session), password: 'not the password at all' });
    assert.deepEqual(shape(unknownWrong), shape(wrong));

    const right = await hosted(browser, uid, { auth_session: authSession, password: SEEDED_USER.password });
    assert.equal(right.status, 200);
    const tokens = await exchangeCode(issuer, await continueToApp(browser, right.body.redirect_to), verifier);
    assert.equal(jwtPayload(tokens.id_token).email, SEEDED_USER.email);
  });

  it('signs in with an emailed code', async () => {
    const { browser, verifier, uid } = await onLoginPage({ login_hint: SEEDED_USER.email, acr_values: 'pwd otp' });
    const first = await hosted(browser, uid, { username: SEEDED_USER.email });
    const authSession = String(first.body.auth_session);
    const sent = await hosted(browser, uid, { auth_session: authSession, method: 'email_code' });
    assert.deepEqual(sent.body, { error: 'insufficient_authorization', auth_session: authSession, methods: ['email_code'], code_sent: true, resend_after: 30 });
    const code = await latestCode(issuer, SEEDED_USER.email);
    assert.equal((await hosted(browser, uid, { auth_session: authSession, method: 'email_code' })).status, 429, 'one code per 30 s');
    assert.equal((await hosted(browser, uid, { auth_session: authSession, code: wrongCode(code) })).body.reason, 'invalid_code');

    const done = await hosted(browser, uid, { auth_session: authSession, code });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const tokens = await exchangeCode(issuer, await continueToApp(browser, done.body.redirect_to), verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.acr, 'otp');
  });

  it('accepts only the OP origin (403 otherwise, no CORS), and only POST', async () => {
    const { browser, uid } = await onLoginPage();
    for (const origin of ['http://127.0.0.1:6666', APP_ORIGIN, 'null']) {
      const foreign = await hosted(browser, uid, { username: SEEDED_USER.email }, origin);
      assert.equal(foreign.status, 403, origin);
      assert.equal(foreign.body.error, 'invalid_request');
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    }
    const preflight = await httpFetch(new URL(`/interaction/${uid}/challenge`, issuer), {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 405);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    // Same origin, or no Origin at all (not a browser), is fine.
    assert.equal((await hosted(browser, uid, { username: SEEDED_USER.email })).body.error, 'insufficient_authorization');
    assert.equal((await hosted(browser, uid, { username: SEEDED_USER.email }, null)).body.error, 'insufficient_authorization');
  });

  it('refuses auth_sessions of /challenge or of another interaction, and requests without the interaction', async () => {
    const { browser, uid } = await onLoginPage();
    const mine = await hosted(browser, uid, { username: SEEDED_USER.email });
    const fromChallenge = await start(issuer, { username: SEEDED_USER.email });
    assert.equal(fromChallenge.status, 400);
    const refused = await hosted(browser, uid, { auth_session: fromChallenge.authSession, password: SEEDED_USER.password });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'invalid_session');
    // ...and the other way round.
    const back = await next(issuer, String(mine.body.auth_session), { password: SEEDED_USER.password });
    assert.equal(back.body.error, 'invalid_session');

    // A second interaction in the same browser cannot continue the first one's flow.
    const second = await browser.page(authUrl(issuer, pkce().challenge));
    const otherUid = interactionUid(second);
    assert.notEqual(otherUid, uid);
    const crossed = await hosted(browser, otherUid, { auth_session: String(mine.body.auth_session), password: SEEDED_USER.password });
    assert.equal(crossed.status, 400);
    assert.equal(crossed.body.error, 'invalid_session');
    // Without this interaction's cookie, or for a uid that is not this browser's, nothing to sign in to.
    const stranger = new Browser(issuer);
    assert.equal((await hosted(stranger, uid, { username: SEEDED_USER.email })).body.error, 'invalid_session', 'no interaction cookie');
    assert.equal((await hosted(browser, 'made-up-uid', { username: SEEDED_USER.email })).body.error, 'invalid_session');
    assert.equal((await hosted(browser, otherUid, { auth_session: 'made-up' })).body.error, 'invalid_session');

    // The flows kept working for their own interaction.
    const own = await hosted(browser, otherUid, { username: SEEDED_USER.email });
    assert.equal((await hosted(browser, otherUid, { auth_session: String(own.body.auth_session), password: SEEDED_USER.password })).status, 200);
  });

  it('rejects malformed requests like /challenge does', async () => {
    const { browser, uid } = await onLoginPage();
    assert.equal((await hosted(browser, uid, {})).body.error, 'invalid_request', 'username is required');
    assert.equal((await hosted(browser, uid, { action: 'delete', username: 'a@example.com' })).body.error, 'invalid_request');
    const url = new URL(`/interaction/${uid}/challenge`, issuer);
    const twice = await httpFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.jar.header(url) },
      body: 'username=a%40example.com&username=b%40example.com',
    });
    assert.equal(twice.status, 400);
    assert.equal(((await twice.json()) as { error: string }).error, 'invalid_request');
    const json = await httpFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: browser.jar.header(url) }, body: '{}' });
    assert.equal(json.status, 415);
    assert.equal((await httpFetch(url)).status, 405);
  });
});

describe('demo OP: without elementsDir', () => {
  const server = useTestOp();

  it('keeps the server-rendered sign-in page and serves no elements', async () => {
    const issuer = server().op.issuer;
    const page = await new Browser(issuer).page(authUrl(issuer, pkce().challenge));
    assert.equal(page.headers.get('content-security-policy'), "default-src 'self'; base-uri 'none'; frame-ancestors 'none'");
    assert.doesNotMatch(page.body, /<ciam-login|<script|<noscript>/);
    assert.match(page.body, /<h1>Sign in to Demo ID<\/h1>\n<p class="lede">to continue to <strong>Demo App<\/strong><\/p>\n\n<form method="post"/);
    assert.equal((await httpFetch(new URL('/assets/elements/ciam-login.js', issuer))).status, 404);
  });
});

describe('demo OP: hosted mode, rate limits shared with /challenge', () => {
  const server = useHostedOp({ attempts: 3, starts: 2, ipAttempts: 100, ipStarts: 100, delaySeconds: 600, windowSeconds: 600 });

  it('counts failures at both endpoints together (no doubled budget), with 429 + Retry-After', async () => {
    const issuer = server().op.issuer;
    const viaChallenge = await start(issuer, { username: SEEDED_USER.email });
    for (let i = 0; i < 2; i++) {
      assert.equal((await next(issuer, viaChallenge.authSession, { password: `wrong password ${i}` })).body.reason, 'invalid_credentials');
    }
    const browser = new Browser(issuer);
    const uid = interactionUid(await browser.page(authUrl(issuer, pkce().challenge)));
    const first = await hosted(browser, uid, { username: SEEDED_USER.email });
    const authSession = String(first.body.auth_session);
    assert.equal((await hosted(browser, uid, { auth_session: authSession, password: 'wrong password 2' })).body.reason, 'invalid_credentials');
    const limited = await hosted(browser, uid, { auth_session: authSession, password: SEEDED_USER.password });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 590 && retryAfter <= 600, `Retry-After ${retryAfter}`);
    assert.deepEqual(limited.body, { error: 'rate_limited', retry_after: retryAfter });
    assert.equal((await next(issuer, viaChallenge.authSession, { password: SEEDED_USER.password })).status, 429);

    // Code emails too: one recovery start at each endpoint, then the third is refused.
    assert.equal((await start(issuer, { action: 'recover', email: 'grace@example.com' })).status, 400);
    assert.equal((await hosted(browser, uid, { action: 'recover', email: 'grace@example.com' })).status, 400);
    assert.equal((await hosted(browser, uid, { action: 'recover', email: 'Grace@example.com' })).status, 429);
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { Browser, authUrl, exchangeCode, consentForm, formAction, jwtPayload, pkce, tokenRequest } from './helpers.js';
import { latestCode, mailbox, registerByForm, shape } from './challenge-helpers.js';
import { continueToApp, hosted, interactionUid, useHostedOp } from './hosted-helpers.js';

const GOOD_PASSWORD = 'tidal amber lantern orchard';
const NEW_PASSWORD = 'quiet harbor violet engine';

describe('demo OP: hosted mode, sign-up and recovery at /interaction/:uid/challenge', () => {
  const server = useHostedOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  async function onPage(extra: Record<string, string> = {}, browser = new Browser(issuer)) {
    const { verifier, challenge } = pkce();
    const page = await browser.page(authUrl(issuer, challenge, extra));
    return { browser, verifier, uid: interactionUid(page), page };
  }

  it('signs up via prompt=create with an emailed code, and ends at the app signed in as the new user', async () => {
    const { browser, verifier, uid, page } = await onPage({ prompt: 'create' });
    assert.match(page.body, /intent="sign-up"><span slot="header"><\/span><\/ciam-login>/);

    const weak = await hosted(browser, uid, { action: 'signup', email: 'grace@example.com', password: 'too short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.reason, 'weak_password');
    assert.equal(weak.body.password_reason, 'too_short');

    const first = await hosted(browser, uid, { action: 'signup', email: 'Grace@Example.com', name: 'Grace Hopper', password: GOOD_PASSWORD });
    const authSession = String(first.body.auth_session);
    assert.deepEqual(first.body, {
      error: 'insufficient_authorization',
      auth_session: authSession,
      methods: ['email_verification'],
      code_sent: true,
      resend_after: 30,
    });
    assert.equal(server().op.db.users.findByEmail('grace@example.com'), undefined, 'no account before the email is verified');
    const [mail] = await mailbox(issuer, 'grace@example.com');
    assert.equal(mail.subject, 'Confirm your email for Demo ID');

    const done = await hosted(browser, uid, { auth_session: authSession, code: mail.code! });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body, { redirect_to: `${issuer}/auth/${uid}` });
    const user = server().op.db.users.findByEmail('grace@example.com');
    assert.ok(user);
    assert.equal(user.emailVerified, true);
    assert.equal(user.name, 'Grace Hopper');

    // The create prompt is settled: consent next (a new user), then the app.
    const callback = await continueToApp(browser, done.body.redirect_to);
    assert.ok(callback.searchParams.get('code'), callback.href);
    const id = jwtPayload((await exchangeCode(issuer, callback, verifier)).id_token);
    assert.equal(id.sub, user.id);
    assert.equal(id.email, 'grace@example.com');
    assert.equal(id.email_verified, true);
  });

  it('answers a sign-up for a registered email the same, and mails its owner a notice instead', async () => {
    const fresh = await onPage({ prompt: 'create' });
    const taken = await onPage({ prompt: 'create' });
    const a = await hosted(fresh.browser, fresh.uid, { action: 'signup', email: 'katherine@example.com', password: GOOD_PASSWORD });
    const b = await hosted(taken.browser, taken.uid, { action: 'signup', email: SEEDED_USER.email, password: GOOD_PASSWORD });
    assert.deepEqual(shape(b), shape(a));
    const [notice] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(notice.code, undefined);
    assert.match(notice.subject, /Someone tried to create/);
  });

  it('"Already have an account?": a password sign-in also settles prompt=create', async () => {
    const { browser, verifier, uid } = await onPage({ prompt: 'create' });
    const first = await hosted(browser, uid, { username: SEEDED_USER.email });
    const done = await hosted(browser, uid, { auth_session: String(first.body.auth_session), password: SEEDED_USER.password });
    assert.equal(done.status, 200);
    const callback = await continueToApp(browser, done.body.redirect_to);
    assert.equal(jwtPayload((await exchangeCode(issuer, callback, verifier)).id_token).email, SEEDED_USER.email);
  });

  it('refuses to sign in for an interaction that needs no sign-in (consent)', async () => {
    // Grace (registered above) signs in, then the app asks for consent again.
    const browser = new Browser(issuer);
    const login = await onPage({}, browser);
    const first = await hosted(browser, login.uid, { username: 'grace@example.com' });
    const done = await hosted(browser, login.uid, { auth_session: String(first.body.auth_session), password: GOOD_PASSWORD });
    await continueToApp(browser, done.body.redirect_to);

    const consent = await onPage({ prompt: 'consent' }, browser);
    assert.match(consent.page.body, /<h1>Allow access<\/h1>/);
    assert.doesNotMatch(consent.page.body, /<ciam-login/, 'consent stays server-rendered');
    const answer = await hosted(browser, consent.uid, { username: 'grace@example.com' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'invalid_request');
  });

  it('recovers an account: new password, everything else revoked, notice mailed, signed in here', async () => {
    // Ada's earlier sign-in elsewhere (refresh token) must not survive the reset.
    const elsewhere = await onPage();
    const signIn = await hosted(elsewhere.browser, elsewhere.uid, { username: SEEDED_USER.email });
    const signedIn = await hosted(elsewhere.browser, elsewhere.uid, { auth_session: String(signIn.body.auth_session), password: SEEDED_USER.password });
    const oldTokens = await exchangeCode(issuer, await continueToApp(elsewhere.browser, signedIn.body.redirect_to), elsewhere.verifier);

    const { browser, verifier, uid } = await onPage();
    const first = await hosted(browser, uid, { action: 'recover', email: SEEDED_USER.email });
    const authSession = String(first.body.auth_session);
    assert.deepEqual(first.body, {
      error: 'insufficient_authorization',
      auth_session: authSession,
      methods: ['recovery_code'],
      code_sent: true,
      resend_after: 30,
    });
    const ghost = await hosted(browser, uid, { action: 'recover', email: 'ghost@example.com' });
    assert.deepEqual(shape(ghost), shape(first));
    assert.deepEqual(await mailbox(issuer, 'ghost@example.com'), []);

    const code = await latestCode(issuer, SEEDED_USER.email);
    const weak = await hosted(browser, uid, { auth_session: authSession, code, new_password: 'short' });
    assert.equal(weak.body.reason, 'weak_password');
    const done = await hosted(browser, uid, { auth_session: authSession, code, new_password: NEW_PASSWORD });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body, { redirect_to: `${issuer}/auth/${uid}` });
    assert.equal((await mailbox(issuer, SEEDED_USER.email))[0].subject, 'Your password was changed');

    const callback = await continueToApp(browser, done.body.redirect_to);
    assert.equal(jwtPayload((await exchangeCode(issuer, callback, verifier)).id_token).email, SEEDED_USER.email);
    const old = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: oldTokens.refresh_token });
    assert.equal(old.status, 400, 'the earlier refresh token is revoked');
    const silent = await elsewhere.browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }));
    assert.equal(silent.searchParams.get('error'), 'login_required', 'the other browser is signed out');

    // The new password works (and the old one no longer does).
    const again = await onPage();
    const a = await hosted(again.browser, again.uid, { username: SEEDED_USER.email });
    assert.equal(
      (await hosted(again.browser, again.uid, { auth_session: String(a.body.auth_session), password: SEEDED_USER.password })).body.reason,
      'invalid_credentials',
    );
    assert.equal((await hosted(again.browser, again.uid, { auth_session: String(a.body.auth_session), password: NEW_PASSWORD })).status, 200);
  });

  it('recovers from an interaction of a session of the same account (prompt=login while signed in)', async () => {
    const browser = new Browser(issuer);
    const login = await onPage({}, browser);
    const a = await hosted(browser, login.uid, { username: SEEDED_USER.email });
    const signedIn = await hosted(browser, login.uid, { auth_session: String(a.body.auth_session), password: NEW_PASSWORD });
    await continueToApp(browser, signedIn.body.redirect_to);

    // Signed in as Ada, the app asks her to sign in again; she has forgotten the password.
    const { verifier, uid } = await onPage({ prompt: 'login' }, browser);
    const first = await hosted(browser, uid, { action: 'recover', email: SEEDED_USER.email });
    const code = await latestCode(issuer, SEEDED_USER.email);
    const done = await hosted(browser, uid, { auth_session: String(first.body.auth_session), code, new_password: GOOD_PASSWORD });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const callback = await continueToApp(browser, done.body.redirect_to);
    assert.ok(callback.searchParams.get('code'), callback.href);
    assert.equal(jwtPayload((await exchangeCode(issuer, callback, verifier)).id_token).email, SEEDED_USER.email);
    // Signed in again with a fresh session in this browser.
    const silent = await browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }));
    assert.ok(silent.searchParams.get('code'), silent.href);
  });

  it('keeps the server-rendered registration working as the no-JS fallback', async () => {
    const { browser, verifier, page } = await onPage({ prompt: 'create' });
    const next = await registerByForm(browser, page, { name: 'Dorothy Vaughan', email: 'dorothy@example.com', password: 'fortran for the whole team' });
    const callback = 'location' in next ? next.location : await browser.leave(formAction(next.body, '/confirm'), consentForm(next.body));
    assert.equal(jwtPayload((await exchangeCode(issuer, callback, verifier)).id_token).email, 'dorothy@example.com');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { Browser, authUrl, exchangeCode, consentForm, formAction, jwtPayload, pkce, tokenRequest, useTestOp } from './helpers.js';
import { hiddenValue, latestCode, mailbox, registerByForm, wrongCode } from './challenge-helpers.js';

const NEW_USER = { name: 'Grace Hopper', email: 'Grace@Example.com', password: 'a ship in port is safe' };

describe('demo OP: prompt=create registration and persistence across restarts', () => {
  const server = useTestOp();

  it('registers via prompt=create, signs the user in, and survives a restart', async () => {
    const issuer = server().op.issuer;
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();

    const form = await browser.page(authUrl(issuer, challenge, { prompt: 'create' }));
    assert.equal(form.status, 200);
    assert.match(form.body, /<h1>Create your Demo ID account<\/h1>/);
    assert.match(form.body, /<label for="name">Full name<\/label>/);
    assert.match(form.body, /<input id="name" name="name" type="text" autocomplete="name"/);
    assert.match(form.body, /<input id="email" name="email" type="email" autocomplete="email"/);
    assert.match(form.body, /name="password" type="password" autocomplete="new-password" required minlength="15"/);
    assert.match(form.body, /<button type="submit" class="primary">Create account<\/button>/);
    const action = formAction(form.body, '/register');

    const short = await browser.page(action, { ...NEW_USER, password: 'too short' });
    assert.match(short.body, /role="alert">Use at least 15 characters\.<\/p>/);
    assert.match(short.body, /value="Grace Hopper"/);
    assert.match(short.body, /value="Grace@Example.com"/);

    // The shared password policy (src/core/policy/password.ts), as at the challenge endpoint.
    const common = await browser.page(action, { ...NEW_USER, password: 'passwordpassword' });
    assert.match(common.body, /role="alert">This password is too common\. Choose another one\.<\/p>/);

    const bad = await browser.page(action, { ...NEW_USER, email: 'not-an-email' });
    assert.match(bad.body, /role="alert">Enter a valid email address/);

    // A registered address gets the same page as a new one (its owner gets a notice, no code).
    const taken = await browser.page(action, { ...NEW_USER, email: SEEDED_USER.email.toUpperCase() });
    assert.doesNotMatch(taken.body, /already exists/);
    assert.match(taken.body, /<h1>Check your email<\/h1>/);
    assert.equal((await mailbox(issuer, SEEDED_USER.email))[0].subject, 'Someone tried to create a Demo ID account with your email');

    // Not signed in before the address is proven: the code from the email does that.
    const check = await browser.page(action, NEW_USER);
    assert.match(check.body, /<h1>Check your email<\/h1>/);
    assert.equal(server().op.db.users.findByEmail('grace@example.com'), undefined, 'no account before the code');
    const verify = formAction(check.body, '/verify');
    const authSession = hiddenValue(check.body, 'auth_session');
    const code = await latestCode(issuer, 'grace@example.com');
    const wrong = await browser.page(verify, { auth_session: authSession, code: wrongCode(code) });
    assert.match(wrong.body, /role="alert">That code is not right\.<\/p>/);
    const consent = await browser.page(verify, { auth_session: authSession, code });
    assert.match(consent.body, /<h1>Allow access<\/h1>/);
    assert.match(consent.body, /grace@example.com/);
    const callback = await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));
    const tokens = await exchangeCode(issuer, callback, verifier);

    const user = server().op.db.users.findByEmail('grace@example.com');
    assert.ok(user);
    assert.equal(user.emailVerified, true);
    assert.equal(user.name, 'Grace Hopper');
    assert.equal(jwtPayload(tokens.id_token).sub, user.id);
    assert.equal(jwtPayload(tokens.id_token).email_verified, true);

    const op = await server().restart();
    assert.equal(op.issuer, issuer);
    assert.ok(op.db.users.findByEmail('GRACE@example.com'), 'user persisted');

    // Session cookie + grant from before the restart still work, silently.
    const silent = await browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }));
    assert.ok(silent.searchParams.get('code'), `expected a code, got ${silent.href}`);
    const again = pkce();
    const next = await browser.leave(authUrl(issuer, again.challenge));
    const nextTokens = await exchangeCode(issuer, next, again.verifier);
    assert.equal(jwtPayload(nextTokens.id_token).sub, user.id);

    // And so does the refresh token issued before the restart.
    const refreshed = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(refreshed.status, 200);
  });

  it('reaches registration from the login page via "Create an account"', async () => {
    const issuer = server().op.issuer;
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();
    const login = await browser.page(authUrl(issuer, challenge));
    const link = /<a href="([^"]+)">Create an account<\/a>/.exec(login.body)![1];
    const form = await browser.page(link);
    assert.match(form.body, /Create your Demo ID account/);
    const next = await registerByForm(browser, form, { name: 'Katherine Johnson', email: 'katherine@example.com', password: 'orbital mechanics by hand' });
    assert.ok(!('location' in next));
    const callback = await browser.leave(formAction(next.body, '/confirm'), consentForm(next.body));
    const tokens = await exchangeCode(issuer, callback, verifier);
    assert.equal(jwtPayload(tokens.id_token).email, 'katherine@example.com');
  });

  it('prompt=create while signed in still shows registration; "Sign in" instead resolves it', async () => {
    const issuer = server().op.issuer;
    const browser = new Browser(issuer);
    const login = await browser.page(authUrl(issuer, pkce().challenge));
    const consent = await browser.page(formAction(login.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));

    const { verifier, challenge } = pkce();
    const form = await browser.page(authUrl(issuer, challenge, { prompt: 'create' }));
    assert.match(form.body, /Create your Demo ID account/);
    const signIn = await browser.page(/<a href="([^"]+)">Sign in<\/a>/.exec(form.body)![1]);
    assert.match(signIn.body, /Sign in to Demo ID/);
    const callback = await browser.leave(formAction(signIn.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    const tokens = await exchangeCode(issuer, callback, verifier);
    assert.equal(jwtPayload(tokens.id_token).email, SEEDED_USER.email);
  });
});

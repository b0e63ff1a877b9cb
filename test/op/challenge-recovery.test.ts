import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { Browser, authUrl, consentForm, formAction, jwtPayload, pkce, startTestOp, useTestOp } from './helpers.js';
import { RELAXED_LIMITS, latestCode, mailbox, next, redeem, refresh, shape, start, wrongCode } from './challenge-helpers.js';

const NEW_PASSWORD = 'quiet harbor violet engine';

describe('demo OP: authorization challenge endpoint, account recovery', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('answers an unknown email like a known one, and mails only the known one', async () => {
    const known = await start(issuer, { action: 'recover', email: SEEDED_USER.email });
    const unknown = await start(issuer, { action: 'recover', email: 'ghost@example.com' });
    assert.equal(known.status, 400);
    assert.deepEqual(known.body, {
      error: 'insufficient_authorization',
      auth_session: known.authSession,
      methods: ['recovery_code'],
      code_sent: true,
      resend_after: 30,
    });
    assert.deepEqual(shape(unknown), shape(known));
    assert.deepEqual(await mailbox(issuer, 'ghost@example.com'), []);
    const [mail] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(mail.subject, 'Reset your Demo ID password');
    assert.match(mail.code ?? '', /^\d{6}$/);

    // Guessing at the unknown account's flow looks like any wrong code.
    const guess = await next(issuer, unknown.authSession, { code: mail.code!, new_password: NEW_PASSWORD });
    const wrong = await next(issuer, known.authSession, { code: wrongCode(mail.code!), new_password: NEW_PASSWORD });
    assert.deepEqual(shape(guess), shape(wrong));
    assert.equal(wrong.body.reason, 'invalid_code');

    const invalid = await start(issuer, { action: 'recover', email: 'nope' });
    assert.equal(invalid.body.reason, 'invalid_email');
  });

  it('resets the password, revokes every session, grant and refresh token, and signs in here', async () => {
    // Ada is signed in twice before: in a browser (OP session) and in an app
    // via the challenge endpoint (refresh token).
    const browser = new Browser(issuer);
    const login = await browser.page(authUrl(issuer, pkce().challenge));
    const consent = await browser.page(formAction(login.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));
    assert.ok((await browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }))).searchParams.get('code'), 'browser session works');

    const earlier = await start(issuer, { username: SEEDED_USER.email });
    const earlierCode = await next(issuer, earlier.authSession, { password: SEEDED_USER.password });
    const oldTokens = await redeem(issuer, earlierCode.body.authorization_code, earlier.verifier);
    // A sign-in code mailed before the reset must not work after it.
    const pending = await start(issuer, { username: SEEDED_USER.email });
    await next(issuer, pending.authSession, { method: 'email_code' });
    const pendingCode = await latestCode(issuer, SEEDED_USER.email);

    const flow = await start(issuer, { action: 'recover', email: SEEDED_USER.email });
    const code = await latestCode(issuer, SEEDED_USER.email);

    const weak = await next(issuer, flow.authSession, { code, new_password: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error, 'invalid_request');
    assert.equal(weak.body.reason, 'weak_password');
    assert.equal(weak.body.password_reason, 'too_short');
    const named = await next(issuer, flow.authSession, { code, new_password: 'ada@example.com!' });
    assert.equal(named.body.password_reason, 'contains_identifier');

    // Session and code were kept through the weak attempts.
    const done = await next(issuer, flow.authSession, { code, new_password: NEW_PASSWORD });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const tokens = await redeem(issuer, done.body.authorization_code, flow.verifier);
    assert.equal(jwtPayload(tokens.id_token).email, SEEDED_USER.email);
    assert.equal((await refresh(issuer, tokens.refresh_token)).status, 200, 'the new sign-in keeps working');

    const [notice] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(notice.subject, 'Your password was changed');
    assert.equal(notice.code, undefined);

    // Everything from before is gone.
    const old = await refresh(issuer, oldTokens.refresh_token);
    assert.equal(old.status, 400);
    assert.equal(old.body.error, 'invalid_grant');
    const userinfo = await fetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${oldTokens.access_token}` } });
    assert.equal(userinfo.status, 401, 'old access token revoked');
    const silent = await browser.leave(authUrl(issuer, pkce().challenge, { prompt: 'none' }));
    assert.equal(silent.searchParams.get('error'), 'login_required', 'browser session ended');
    assert.equal((await next(issuer, pending.authSession, { code: pendingCode })).body.error, 'invalid_session', 'pending flows ended');

    // The code is used up.
    const replay = await next(issuer, flow.authSession, { code, new_password: 'another fine passphrase' });
    assert.equal(replay.body.error, 'invalid_session');

    const oldPassword = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, oldPassword.authSession, { password: SEEDED_USER.password })).body.reason, 'invalid_credentials');
    const newPassword = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, newPassword.authSession, { password: NEW_PASSWORD })).status, 200);
  });

  it('keeps the flow after a wrong code and allows a resend after 30 s only', async () => {
    const flow = await start(issuer, { action: 'recover', email: SEEDED_USER.email });
    const code = await latestCode(issuer, SEEDED_USER.email);
    const wrong = await next(issuer, flow.authSession, { code: wrongCode(code), new_password: 'yet another passphrase' });
    assert.equal(wrong.body.reason, 'invalid_code');
    assert.deepEqual(wrong.body.methods, ['recovery_code']);
    const resend = await next(issuer, flow.authSession, { method: 'resend' });
    assert.equal(resend.status, 429);
    const missing = await next(issuer, flow.authSession, { code });
    assert.equal(missing.body.error, 'invalid_request', 'new_password is required with the code');
    assert.equal((await next(issuer, flow.authSession, { code, new_password: 'yet another passphrase' })).status, 200);
  });
});

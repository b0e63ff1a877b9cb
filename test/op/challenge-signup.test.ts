import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { jwtPayload, startTestOp, useTestOp } from './helpers.js';
import { RELAXED_LIMITS, latestCode, mailbox, next, redeem, refresh, shape, start, wrongCode } from './challenge-helpers.js';

const GOOD_PASSWORD = 'tidal amber lantern orchard';

describe('demo OP: authorization challenge endpoint, sign-up', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('rejects an invalid email and weak passwords with the policy reason', async () => {
    const email = await start(issuer, { action: 'signup', email: 'not-an-email', password: GOOD_PASSWORD });
    assert.equal(email.status, 400);
    assert.equal(email.body.error, 'invalid_request');
    assert.equal(email.body.reason, 'invalid_email');

    const short = await start(issuer, { action: 'signup', email: 'grace@example.com', password: 'too short' });
    assert.equal(short.status, 400);
    assert.equal(short.body.error, 'invalid_request');
    assert.equal(short.body.reason, 'weak_password');
    assert.equal(short.body.password_reason, 'too_short');
    assert.equal(short.body.auth_session, undefined);

    const common = await start(issuer, { action: 'signup', email: 'grace@example.com', password: '1qaz2wsx3edc4rfv' });
    assert.equal(common.body.reason, 'weak_password');
    assert.equal(common.body.password_reason, 'common');

    const mine = await start(issuer, { action: 'signup', email: 'grace.hopper@example.com', name: 'Grace', password: 'grace.hopper@example.com1' });
    assert.equal(mine.body.password_reason, 'contains_identifier');

    assert.deepEqual(await mailbox(issuer, 'grace@example.com'), [], 'nothing sent for rejected sign-ups');
    assert.equal(server().op.db.users.findByEmail('grace@example.com'), undefined);
  });

  it('signs up with an emailed verification code and signs the new user in', async () => {
    const first = await start(issuer, { action: 'signup', email: 'Grace@Example.com', name: 'Grace Hopper', password: GOOD_PASSWORD });
    assert.equal(first.status, 400);
    assert.deepEqual(first.body, {
      error: 'insufficient_authorization',
      auth_session: first.authSession,
      methods: ['email_verification'],
      code_sent: true,
      resend_after: 30,
    });
    assert.equal(server().op.db.users.findByEmail('grace@example.com'), undefined, 'no account before the email is verified');

    const [mail] = await mailbox(issuer, 'grace@example.com');
    assert.equal(mail.subject, 'Confirm your email for Demo ID');
    const wrong = await next(issuer, first.authSession, { code: wrongCode(mail.code!) });
    assert.equal(wrong.body.reason, 'invalid_code');
    assert.deepEqual(wrong.body.methods, ['email_verification']);

    const resend = await next(issuer, first.authSession, { method: 'resend' });
    assert.equal(resend.status, 429);
    assert.ok(Number(resend.headers.get('retry-after')) > 0);

    const done = await next(issuer, first.authSession, { code: mail.code! });
    assert.equal(done.status, 200);
    const tokens = await redeem(issuer, done.body.authorization_code, first.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, 'grace@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.name, 'Grace Hopper');
    assert.equal((await refresh(issuer, tokens.refresh_token)).status, 200);

    const user = server().op.db.users.findByEmail('grace@example.com');
    assert.ok(user);
    assert.equal(user.emailVerified, true);
    assert.equal(id.sub, user.id);

    // The new password works for a password sign-in.
    const again = await start(issuer, { username: 'grace@example.com' });
    assert.equal((await next(issuer, again.authSession, { password: GOOD_PASSWORD })).status, 200);
  });

  it('signs up without a name (no name claim)', async () => {
    const first = await start(issuer, { action: 'signup', email: 'anon@example.com', password: GOOD_PASSWORD });
    const code = await latestCode(issuer, 'anon@example.com');
    const done = await next(issuer, first.authSession, { code });
    const id = jwtPayload((await redeem(issuer, done.body.authorization_code, first.verifier)).id_token);
    assert.equal(id.email, 'anon@example.com');
    assert.equal(id.name, undefined);
  });

  it('answers a taken email exactly the same, mails a notice instead, and changes nothing', async () => {
    const before = server().op.db.users.findByEmail(SEEDED_USER.email)!;
    const fresh = await start(issuer, { action: 'signup', email: 'brand-new@example.com', password: GOOD_PASSWORD });
    const taken = await start(issuer, { action: 'signup', email: SEEDED_USER.email.toUpperCase(), name: 'Mallory', password: GOOD_PASSWORD });
    assert.deepEqual(shape(taken), shape(fresh));

    const [notice] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(notice.subject, 'Someone tried to create a Demo ID account with your email');
    assert.match(notice.text, /sign in/i);
    assert.match(notice.text, /reset your password/i);
    assert.equal(notice.code, undefined);

    for (const code of ['000000', '123456']) {
      const attempt = await next(issuer, taken.authSession, { code });
      assert.equal(attempt.status, 400);
      assert.equal(attempt.body.reason, 'invalid_code');
    }
    const after = server().op.db.users.findByEmail(SEEDED_USER.email)!;
    assert.deepEqual(after, before);
    // Ada's password is unchanged.
    const signIn = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, signIn.authSession, { password: SEEDED_USER.password })).status, 200);
  });
});

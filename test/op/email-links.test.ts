import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { REDIRECT_URI, jwtPayload, pkce, startTestOp, useTestOp } from './helpers.js';
import { RELAXED_LIMITS, challenge, mailbox, next, redeem, shape, start, type Answer } from './challenge-helpers.js';

const CHROME_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The token in the newest sign-in link mailed to `to`, with the page it opens. */
async function latestLink(issuer: string, to: string): Promise<{ page: string; token: string }> {
  const mail = (await mailbox(issuer, to)).find((m) => m.subject.includes('sign-in link'));
  const [, page = '', token = ''] = /(\S+)#ciam_link=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '') ?? [];
  if (!token) throw new Error(`no sign-in link mailed to ${to}`);
  return { page, token };
}

function openLink(issuer: string, params: Record<string, string>): Promise<Answer> {
  return challenge(issuer, params);
}

describe('demo OP: sign-in links by email', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  /** A sign-in flow for `email` that asked for a link; `browser` is the verifier the asking browser keeps. */
  async function asked(email: string = SEEDED_USER.email, userAgent?: string) {
    const flow = await start(issuer, { username: email, nonce: 'n-link' });
    const browser = pkce();
    const sent = userAgent
      ? await challengeAs(userAgent, { auth_session: flow.authSession, method: 'email_link', link_challenge: browser.challenge })
      : await next(issuer, flow.authSession, { method: 'email_link', link_challenge: browser.challenge });
    return { flow, sent, verifier: browser.verifier };
  }

  async function challengeAs(userAgent: string, params: Record<string, string>): Promise<Answer> {
    const res = await fetch(new URL('/challenge', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
      body: new URLSearchParams({ client_id: 'demo-app', ...params }).toString(),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  const poll = (authSession: string) => next(issuer, authSession, { method: 'email_link_status' });
  /** Status requests come no sooner than the OP's interval (else slow_down). */
  const waitInterval = () => new Promise((done) => setTimeout(done, 1100));

  it('a sign-in link for the browser that asked: waiting, approved by its verifier, then the code (acr otp, amr email)', async () => {
    const { flow, sent, verifier } = await asked();
    assert.equal(sent.status, 400);
    assert.deepEqual(sent.body, {
      error: 'insufficient_authorization',
      auth_session: flow.authSession,
      methods: ['email_link'],
      link_sent: true,
      resend_after: 30,
      interval: 2,
    });
    const { page, token } = await latestLink(issuer, SEEDED_USER.email);
    assert.equal(page, REDIRECT_URI, 'the link opens the flow’s registered page, the token in its fragment');

    const waiting = await poll(flow.authSession);
    assert.deepEqual(waiting.body, { error: 'authorization_pending', auth_session: flow.authSession, interval: 2 });

    const opened = await openLink(issuer, { link: token, link_verifier: verifier });
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.body, { link_status: 'approved', same_browser: true });

    await waitInterval();
    const done = await poll(flow.authSession);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const tokens = await redeem(issuer, done.body.authorization_code, flow.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.nonce, 'n-link');
    assert.equal(id.acr, 'otp');
    assert.deepEqual(id.amr, ['email']);

    // Single use, and the flow is over.
    const again = await openLink(issuer, { link: token, link_verifier: verifier });
    assert.deepEqual([again.status, again.body.error], [400, 'invalid_link']);
    assert.equal((await poll(flow.authSession)).body.error, 'invalid_session');
  });

  it('opened on another device: it names the asking device and changes nothing until approved there; the asking flow signs in', async () => {
    const { flow, verifier } = await asked(SEEDED_USER.email, CHROME_ON_MAC);
    const { token } = await latestLink(issuer, SEEDED_USER.email);

    const looked = await openLink(issuer, { link: token });
    assert.equal(looked.status, 200);
    assert.equal(looked.body.link_status, 'confirm');
    assert.equal(looked.body.device, 'Chrome on macOS');
    assert.ok(Math.abs(Number(looked.body.requested_at) - Date.now() / 1000) < 60);
    // A verifier that is not the asking browser's proves nothing: it asks too.
    assert.equal((await openLink(issuer, { link: token, link_verifier: pkce().verifier })).body.link_status, 'confirm');
    assert.equal((await poll(flow.authSession)).body.error, 'authorization_pending', 'looking approved nothing');

    const approved = await openLink(issuer, { link: token, approve: 'yes' });
    assert.deepEqual(approved.body, { link_status: 'approved' });
    // Decided once: neither the asking browser's verifier nor a second click changes it.
    assert.equal((await openLink(issuer, { link: token, approve: 'no' })).body.error, 'invalid_link');
    assert.equal((await openLink(issuer, { link: token, link_verifier: verifier })).body.error, 'invalid_link');

    await waitInterval();
    const done = await poll(flow.authSession);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.ok(done.body.authorization_code);
  });

  it('"No, it wasn’t me" ends the asking flow with access_denied', async () => {
    const { flow } = await asked();
    const { token } = await latestLink(issuer, SEEDED_USER.email);
    assert.deepEqual((await openLink(issuer, { link: token, approve: 'no' })).body, { link_status: 'declined' });
    const denied = await poll(flow.authSession);
    assert.equal(denied.body.error, 'access_denied');
    assert.equal((await next(issuer, flow.authSession, { password: SEEDED_USER.password })).body.error, 'invalid_session');
  });

  it('an address without an account gets the same answer and no email; the next email of the flow waits 30 s', async () => {
    const unknown = await asked('nobody-links@example.com');
    const known = await asked();
    assert.deepEqual(shape(unknown.sent), shape(known.sent));
    assert.equal((await mailbox(issuer, 'nobody-links@example.com')).length, 0);
    // The same flow, at once: a code or another link waits 30 s (they share the email spacing).
    const code = await next(issuer, known.flow.authSession, { method: 'email_code' });
    assert.equal(code.status, 429);
    const link = await next(issuer, known.flow.authSession, { method: 'email_link', link_challenge: pkce().challenge });
    assert.equal(link.status, 429);
    assert.ok(Number(link.headers.get('retry-after')) > 0);
  });

  it('a browser that keeps no verifier still gets a link: every device, that one too, is asked first', async () => {
    const flow = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, flow.authSession, { method: 'email_link' })).body.link_sent, true);
    const { token } = await latestLink(issuer, SEEDED_USER.email);
    assert.equal((await openLink(issuer, { link: token, link_verifier: '' })).body.link_status, 'confirm');
    assert.equal((await openLink(issuer, { link: token, link_verifier: 'x'.repeat(43) })).body.link_status, 'confirm');
    assert.equal((await openLink(issuer, { link: token, approve: 'yes' })).body.link_status, 'approved');
  });

  it('an expired link signs nobody in, and the waiting browser hears expired_token', async () => {
    const { flow, verifier } = await asked();
    const { token } = await latestLink(issuer, SEEDED_USER.email);
    server()
      .op.db.sqlite.prepare('UPDATE email_links SET expires_at = ?')
      .run(Date.now() - 1);
    assert.equal((await openLink(issuer, { link: token, link_verifier: verifier })).body.error, 'invalid_link');
    assert.equal((await poll(flow.authSession)).body.error, 'expired_token');
  });

  it('a waiting browser that asks too often is told slow_down', async () => {
    const { flow } = await asked();
    assert.equal((await poll(flow.authSession)).body.error, 'authorization_pending');
    const fast = await poll(flow.authSession);
    assert.equal(fast.body.error, 'slow_down');
    assert.equal(fast.body.interval, 4);
  });

  it('refuses malformed link requests', async () => {
    const { flow } = await asked();
    const { token } = await latestLink(issuer, SEEDED_USER.email);
    const cases: [Record<string, string>, string][] = [
      [{ link: token, approve: 'maybe' }, 'invalid_request'],
      [{ link: token, auth_session: flow.authSession }, 'invalid_request'],
      [{ link: token, action: 'signin' }, 'invalid_request'],
      [{ link: 'not-a-link' }, 'invalid_link'],
      [{ link: 'A'.repeat(43) }, 'invalid_link'],
    ];
    for (const [params, error] of cases) assert.equal((await openLink(issuer, params)).body.error, error, JSON.stringify(params));
    // Another client cannot decide this client's flow.
    assert.equal((await challenge(issuer, { client_id: 'demo-bff', link: token, approve: 'yes' })).body.error, 'invalid_link');
    // A link request needs the browser's challenge; a flow without a link has no status.
    const other = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, other.authSession, { method: 'email_link', link_challenge: 'short' })).body.error, 'invalid_request');
    assert.equal((await poll(other.authSession)).body.error, 'invalid_request');
    // The link still works after all that.
    assert.equal((await openLink(issuer, { link: token, approve: 'yes' })).body.link_status, 'approved');
  });
});

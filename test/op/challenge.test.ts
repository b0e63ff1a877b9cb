import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { APP_ORIGIN, CLIENT_ID, REDIRECT_URI, httpFetch, jwtPayload, pkce, startTestOp, useTestOp } from './helpers.js';
import { RELAXED_LIMITS, challenge, latestCode, mailbox, next, redeem, refresh, shape, start, wrongCode } from './challenge-helpers.js';

const FOREIGN = 'http://127.0.0.1:6666';

describe('demo OP: authorization challenge endpoint, sign-in', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('is published in discovery', async () => {
    const meta = (await (await fetch(new URL('/.well-known/openid-configuration', issuer))).json()) as Record<string, unknown>;
    assert.equal(meta.authorization_challenge_endpoint, `${issuer}/challenge`);
    assert.deepEqual(meta.acr_values_supported, ['pwd', 'otp', 'phr', 'guest']);
  });

  it('signs in with a password in exactly 3 requests (challenge, challenge, token), and refresh works', async () => {
    const first = await start(issuer, { username: SEEDED_USER.email, nonce: 'n-1' });
    assert.equal(first.status, 400);
    assert.deepEqual(first.body, { error: 'insufficient_authorization', auth_session: first.authSession, methods: ['password', 'email_code', 'email_link'] });
    assert.ok(first.authSession.length >= 43, 'auth_session carries at least 256 bits');
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(first.headers.get('access-control-allow-origin'), APP_ORIGIN);

    const second = await next(issuer, first.authSession, { password: SEEDED_USER.password });
    assert.equal(second.status, 200);
    assert.deepEqual(Object.keys(second.body), ['authorization_code']);
    assert.equal(second.headers.get('cache-control'), 'no-store');

    const tokens = await redeem(issuer, second.body.authorization_code, first.verifier);
    assert.ok(tokens.access_token);
    assert.ok(tokens.refresh_token);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.name, SEEDED_USER.name);
    assert.equal(id.email_verified, true);
    assert.equal(id.nonce, 'n-1');
    assert.equal(id.acr, 'pwd');
    assert.deepEqual(id.amr, ['pwd']);
    assert.equal(typeof id.auth_time, 'number');

    // The SPA has no OP session cookie: the refresh token must not need one.
    const renewed = await refresh(issuer, tokens.refresh_token);
    assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
    assert.ok(renewed.body.access_token);
    assert.notEqual(renewed.body.refresh_token, tokens.refresh_token);
    assert.equal(jwtPayload(renewed.body.id_token).email, SEEDED_USER.email);
    const userinfo = await fetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${renewed.body.access_token}` } });
    assert.equal(((await userinfo.json()) as Record<string, unknown>).email, SEEDED_USER.email);

    // The auth_session was used up by the code.
    const again = await next(issuer, first.authSession, { password: SEEDED_USER.password });
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_session');
  });

  it('keeps the auth_session after a wrong password; the right one then works', async () => {
    const first = await start(issuer, { username: 'ADA@example.com' });
    const wrong = await next(issuer, first.authSession, { password: 'not the password at all' });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body, {
      error: 'insufficient_authorization',
      auth_session: first.authSession,
      methods: ['password', 'email_code', 'email_link'],
      reason: 'invalid_credentials',
      error_description: 'Wrong email or password.',
    });
    const right = await next(issuer, first.authSession, { password: SEEDED_USER.password });
    assert.equal(right.status, 200);
    const tokens = await redeem(issuer, right.body.authorization_code, first.verifier);
    assert.equal(jwtPayload(tokens.id_token).email, SEEDED_USER.email);
  });

  it('answers an unknown account exactly like a known one (start and wrong password)', async () => {
    const known = await start(issuer, { username: SEEDED_USER.email });
    const unknown = await start(issuer, { username: 'nobody@example.com' });
    assert.deepEqual(shape(unknown), shape(known));
    assert.notEqual(unknown.authSession, known.authSession);

    const knownWrong = await next(issuer, known.authSession, { password: 'wrong wrong wrong wrong' });
    const unknownWrong = await next(issuer, unknown.authSession, { password: 'wrong wrong wrong wrong' });
    assert.deepEqual(shape(unknownWrong), shape(knownWrong));
    assert.equal(unknownWrong.body.auth_session, unknown.authSession);

    // Asking for a code: same answer, but only the real account gets mail.
    const knownCode = await next(issuer, known.authSession, { method: 'email_code' });
    const unknownCode = await next(issuer, unknown.authSession, { method: 'email_code' });
    assert.deepEqual(shape(unknownCode), shape(knownCode));
    assert.deepEqual(await mailbox(issuer, 'nobody@example.com'), []);
  });

  it('signs in with an emailed code (single-use), and a code of an unknown account never works', async () => {
    const first = await start(issuer, { username: SEEDED_USER.email });
    const sent = await next(issuer, first.authSession, { method: 'email_code' });
    assert.equal(sent.status, 400);
    assert.deepEqual(sent.body, {
      error: 'insufficient_authorization',
      auth_session: first.authSession,
      methods: ['email_code'],
      code_sent: true,
      resend_after: 30,
    });
    const mail = (await mailbox(issuer, SEEDED_USER.email))[0];
    assert.equal(mail.subject, 'Your Demo ID sign-in code');
    assert.match(mail.code ?? '', /^\d{6}$/);
    assert.ok(mail.text.includes(mail.code!));
    assert.equal(mail.to, SEEDED_USER.email);
    assert.ok(mail.id !== undefined && mail.created_at);

    const wrong = await next(issuer, first.authSession, { code: wrongCode(mail.code!) });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.reason, 'invalid_code');
    assert.equal(wrong.body.auth_session, first.authSession);

    const right = await next(issuer, first.authSession, { code: mail.code! });
    assert.equal(right.status, 200);
    const tokens = await redeem(issuer, right.body.authorization_code, first.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.acr, 'otp');
    assert.deepEqual(id.amr, ['otp']);
    assert.equal((await refresh(issuer, tokens.refresh_token)).status, 200);

    const reused = await next(issuer, first.authSession, { code: mail.code! });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_session');
  });

  it('limits resends to one per 30 s (429 + Retry-After)', async () => {
    const first = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, first.authSession, { method: 'email_code' })).status, 400);
    const again = await next(issuer, first.authSession, { method: 'email_code' });
    assert.equal(again.status, 429);
    const retryAfter = Number(again.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.deepEqual(again.body, { error: 'rate_limited', retry_after: retryAfter });
    assert.equal(again.headers.get('access-control-expose-headers'), 'Retry-After');
    // The flow itself is still usable.
    const code = await latestCode(issuer, SEEDED_USER.email);
    assert.equal((await next(issuer, first.authSession, { code })).status, 200);
  });

  it('expires a code after 5 wrong tries', async () => {
    const first = await start(issuer, { username: SEEDED_USER.email });
    await next(issuer, first.authSession, { method: 'email_code' });
    const code = await latestCode(issuer, SEEDED_USER.email);
    for (let i = 0; i < 5; i++) {
      assert.equal((await next(issuer, first.authSession, { code: wrongCode(code) })).body.reason, 'invalid_code');
    }
    const late = await next(issuer, first.authSession, { code });
    assert.equal(late.status, 400);
    assert.equal(late.body.error, 'insufficient_authorization');
    assert.equal(late.body.reason, 'code_expired');
  });

  it('rejects made-up, missing-client and malformed requests', async () => {
    const madeUp = await challenge(issuer, { auth_session: 'made-up-session', password: SEEDED_USER.password });
    assert.equal(madeUp.status, 400);
    assert.equal(madeUp.body.error, 'invalid_session');
    assert.equal(madeUp.headers.get('cache-control'), 'no-store');

    const client = await challenge(issuer, { client_id: 'someone-else', username: SEEDED_USER.email });
    assert.equal(client.status, 400);
    assert.equal(client.body.error, 'invalid_client');

    const { challenge: codeChallenge } = pkce();
    const base = { username: SEEDED_USER.email, code_challenge: codeChallenge, code_challenge_method: 'S256', redirect_uri: REDIRECT_URI };
    const noPkce = await challenge(issuer, { username: SEEDED_USER.email, redirect_uri: REDIRECT_URI });
    assert.equal(noPkce.body.error, 'invalid_request');
    const plain = await challenge(issuer, { ...base, code_challenge_method: 'plain' });
    assert.equal(plain.body.error, 'invalid_request');
    const noRedirect = await challenge(issuer, { ...base, redirect_uri: '' });
    assert.equal(noRedirect.body.error, 'invalid_request');
    const foreignRedirect = await challenge(issuer, { ...base, redirect_uri: 'http://127.0.0.1:6666/' });
    assert.equal(foreignRedirect.body.error, 'invalid_request');
    const scope = await challenge(issuer, { ...base, scope: 'openid admin' });
    assert.equal(scope.body.error, 'invalid_scope');
    const action = await challenge(issuer, { ...base, action: 'delete' });
    assert.equal(action.body.error, 'invalid_request');

    // The same session sent twice in one request is not "one" session.
    const twice = await httpFetch(new URL('/challenge', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
      body: 'client_id=demo-app&auth_session=a&auth_session=b',
    });
    assert.equal(twice.status, 400);
    assert.equal(((await twice.json()) as { error: string }).error, 'invalid_request');

    const json = await httpFetch(new URL('/challenge', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP_ORIGIN },
      body: JSON.stringify({ client_id: CLIENT_ID }),
    });
    assert.equal(((await json.json()) as { error: string }).error, 'invalid_request');
  });

  it('answers redirect_to_web for acr_values it cannot satisfy', async () => {
    const web = await start(issuer, { username: SEEDED_USER.email, acr_values: 'phr urn:example:mfa' });
    assert.equal(web.status, 403);
    assert.equal(web.body.error, 'redirect_to_web');
    assert.equal(web.body.auth_session, undefined);
    const ok = await start(issuer, { username: SEEDED_USER.email, acr_values: 'phr pwd', max_age: '0' });
    assert.equal(ok.body.error, 'insufficient_authorization');
  });

  it('allows CORS for the app origin only, without credentials', async () => {
    const preflight = await fetch(new URL('/challenge', issuer), {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

    const foreignPreflight = await fetch(new URL('/challenge', issuer), {
      method: 'OPTIONS',
      headers: { origin: FOREIGN, 'access-control-request-method': 'POST' },
    });
    assert.equal(foreignPreflight.headers.get('access-control-allow-origin'), null);

    const mine = await challenge(issuer, { auth_session: 'x' });
    assert.equal(mine.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(mine.headers.get('access-control-allow-credentials'), null);

    // A foreign page could POST a form without a preflight: refused before any work.
    const before = (await mailbox(issuer, SEEDED_USER.email)).length;
    const theirs = await start(issuer, { username: SEEDED_USER.email }).then(async (s) =>
      challenge(issuer, { auth_session: s.authSession, method: 'email_code' }, FOREIGN),
    );
    assert.equal(theirs.status, 400);
    assert.equal(theirs.body.error, 'invalid_request');
    assert.equal(theirs.headers.get('access-control-allow-origin'), null);
    assert.equal((await mailbox(issuer, SEEDED_USER.email)).length, before, 'no mail sent for a foreign origin');

    // Without an Origin (not a browser) it works, like the token endpoint.
    const server = await challenge(issuer, { auth_session: 'x' }, null);
    assert.equal(server.body.error, 'invalid_session');
    assert.equal(server.headers.get('access-control-allow-origin'), null);
  });

  it('shows the dev mailbox as a page without inline scripts or styles', async () => {
    const res = await fetch(new URL(`/mailbox?to=${encodeURIComponent(SEEDED_USER.email)}`, issuer));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const body = await res.text();
    assert.match(body, /<h1>Dev mailbox<\/h1>/);
    assert.match(body, /<link rel="stylesheet" href="\/op.css">/);
    assert.match(body, /Your Demo ID sign-in code/);
    assert.ok(!/<script|style=/.test(body));
    const all = (await (await fetch(new URL('/mailbox.json', issuer))).json()) as { created_at: string }[];
    assert.ok(all.length > 0);
    const times = all.map((m) => m.created_at);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  });
});

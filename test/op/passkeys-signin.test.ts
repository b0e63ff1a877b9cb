import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { Answer } from './challenge-helpers.js';
import { continueToApp, hosted, interactionUid } from './hosted-helpers.js';
import { Browser, authUrl, httpFetch, jwtPayload, pkce, tokenRequest, useTestOp } from './helpers.js';
import {
  APP,
  APP_REDIRECT,
  api,
  challengeAt,
  passkeyOptions,
  passkeyTokens,
  passwordTokens,
  redeemAt,
  registerPasskey,
  startFlow,
  startPasskeyOp,
} from './passkey-helpers.js';
import type { PasskeyView } from './passkey-helpers.js';
import { SoftAuthenticator } from './soft-authenticator.js';

describe('demo OP: passkey sign-in at the challenge endpoints', () => {
  const server = useTestOp(startPasskeyOp);
  let issuer: string;
  let token: string;
  const authenticator = new SoftAuthenticator({ multiDevice: true });
  let passkey: PasskeyView;
  before(async () => {
    issuer = server().op.issuer;
    token = (await passwordTokens(issuer)).access_token!;
    passkey = await registerPasskey(issuer, token, authenticator);
  });

  const finish = (authSession: string, response: unknown) => challengeAt(issuer, { auth_session: authSession, passkey: JSON.stringify(response) });
  const refused = (answer: Answer, authSession: string, previousChallenge: string) => {
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'insufficient_authorization');
    assert.equal(answer.body.reason, 'invalid_passkey');
    assert.equal(answer.body.auth_session, authSession, 'same auth_session');
    assert.deepEqual(answer.body.methods, ['passkey']);
    assert.equal(typeof answer.body.error_description, 'string');
    assert.notEqual(passkeyOptions(answer).challenge, previousChallenge, 'fresh challenge');
  };

  it('publishes "phr" among the acr values', async () => {
    const meta = (await (await httpFetch(new URL('/.well-known/openid-configuration', issuer))).json()) as Record<string, unknown>;
    assert.deepEqual(meta.acr_values_supported, ['pwd', 'otp', 'phr', 'guest']);
  });

  it('signs in with a passkey in three requests: start, finish, token', async () => {
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : input).pathname}`);
      return realFetch(input, init);
    };
    let tokens: Record<string, string>;
    let started: Awaited<ReturnType<typeof startFlow>>;
    try {
      started = await startFlow(issuer, { action: 'passkey', nonce: 'n-0S6' });
      const done = await finish(started.authSession, authenticator.get(passkeyOptions(started), { origin: APP }));
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(Object.keys(done.body), ['authorization_code']);
      tokens = await redeemAt(issuer, done.body.authorization_code, started.verifier);
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.deepEqual(seen, ['POST /challenge', 'POST /challenge', 'POST /token']);

    // The start: the draft's error, our auth_session, and options for navigator.credentials.get().
    assert.equal(started.status, 400);
    assert.deepEqual(Object.keys(started.body).sort(), ['auth_session', 'error', 'methods', 'passkey_options']);
    assert.deepEqual(started.body.methods, ['passkey']);
    const options = passkeyOptions(started);
    assert.equal(options.rpId, 'localhost');
    assert.deepEqual(options.allowCredentials, [], 'discoverable credentials: nobody is named');
    assert.equal(options.userVerification, 'required');
    assert.equal(options.timeout, 60000);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);

    assert.ok(tokens.access_token && tokens.refresh_token && tokens.id_token);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.email, SEEDED_USER.email);
    assert.equal(id.nonce, 'n-0S6');
    assert.equal(id.acr, 'phr');
    assert.deepEqual(id.amr, ['webauthn']);

    const [stored] = (await api(issuer, 'GET', '/api/passkeys', { token })).body as PasskeyView[];
    assert.ok(stored.last_used_at && Date.parse(stored.last_used_at) >= Date.parse(passkey.created_at), 'last_used_at set');
    assert.equal(server().op.db.passkeys.find(passkey.id)!.counter, authenticator.credentials[0].signCount, 'counter stored');
  });

  it('keeps the counter moving and refuses a response that goes back', async () => {
    await passkeyTokens(issuer, authenticator);
    const counter = server().op.db.passkeys.find(passkey.id)!.counter;
    assert.equal(counter, authenticator.credentials[0].signCount);
    assert.ok(counter >= 2);

    // A clone of the authenticator still at an older count: the OP has seen higher.
    const started = await startFlow(issuer, { action: 'passkey' });
    authenticator.credentials[0].signCount = counter - 2;
    const answer = await finish(started.authSession, authenticator.get(passkeyOptions(started), { origin: APP }));
    authenticator.credentials[0].signCount = counter;
    refused(answer, started.authSession, passkeyOptions(started).challenge);
    assert.match(String(answer.body.error_description), /counter/);
  });

  it('refuses an unknown passkey with fresh options on the same auth_session, which then work', async () => {
    const stranger = new SoftAuthenticator();
    // A passkey for this RP the OP never registered (e.g. deleted here, still on the device).
    stranger.create((await api(issuer, 'POST', '/api/passkeys/options', { token })).body as PublicKeyCredentialCreationOptionsJSON, { origin: APP });
    const started = await startFlow(issuer, { action: 'passkey' });
    const answer = await finish(started.authSession, stranger.get(passkeyOptions(started), { origin: APP }));
    refused(answer, started.authSession, passkeyOptions(started).challenge);
    assert.match(String(answer.body.error_description), /not registered/);

    const retry = await finish(started.authSession, authenticator.get(passkeyOptions(answer), { origin: APP }));
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    assert.ok(retry.body.authorization_code);
  });

  it('refuses missing user verification, a wrong origin, a replay and a stale challenge', async () => {
    for (const [ceremony, pattern] of [
      [{ origin: APP, userVerified: false }, /verif/i],
      [{ origin: 'http://localhost:6666' }, /origin/],
      [{ origin: 'http://127.0.0.1:5173' }, /origin/],
    ] as const) {
      const started = await startFlow(issuer, { action: 'passkey' });
      const answer = await finish(started.authSession, authenticator.get(passkeyOptions(started), ceremony));
      refused(answer, started.authSession, passkeyOptions(started).challenge);
      assert.match(String(answer.body.error_description), pattern);
    }

    // A challenge is gone after one try, failed or not: a good response to it comes too late.
    const started = await startFlow(issuer, { action: 'passkey' });
    const first = await finish(started.authSession, authenticator.get(passkeyOptions(started), { origin: APP, userVerified: false }));
    refused(first, started.authSession, passkeyOptions(started).challenge);
    const stale = await finish(started.authSession, authenticator.get(passkeyOptions(started), { origin: APP }));
    refused(stale, started.authSession, passkeyOptions(first).challenge);
    assert.match(String(stale.body.error_description), /challenge/);
    // A response that signed someone in does not work again, in another flow either.
    const other = await startFlow(issuer, { action: 'passkey' });
    const good = authenticator.get(passkeyOptions(other), { origin: APP });
    assert.equal((await finish(other.authSession, good)).status, 200);
    assert.equal((await finish(other.authSession, good)).body.error, 'invalid_session');
    const elsewhere = await startFlow(issuer, { action: 'passkey' });
    refused(await finish(elsewhere.authSession, good), elsewhere.authSession, passkeyOptions(elsewhere).challenge);

    // Asking again without a response repeats the pending challenge.
    const repeat = await challengeAt(issuer, { auth_session: started.authSession });
    assert.equal(passkeyOptions(repeat).challenge, passkeyOptions(stale).challenge);
    // Not JSON of a credential: a malformed request, nothing used up.
    const garbage = await challengeAt(issuer, { auth_session: started.authSession, passkey: '{"id":1}' });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error, 'invalid_request');
  });

  it('meets acr_values=phr only with action=passkey', async () => {
    assert.equal((await startFlow(issuer, { action: 'passkey', acr_values: 'phr' })).body.error, 'insufficient_authorization');
    assert.equal((await startFlow(issuer, { action: 'passkey', acr_values: 'urn:example:mfa phr' })).body.error, 'insufficient_authorization');
    const pwd = await startFlow(issuer, { action: 'passkey', acr_values: 'pwd' });
    assert.equal(pwd.status, 403);
    assert.equal(pwd.body.error, 'redirect_to_web');
    assert.match(String(pwd.body.error_description), /supported: phr\)/);
    const password = await startFlow(issuer, { username: SEEDED_USER.email, acr_values: 'phr' });
    assert.equal(password.body.error, 'redirect_to_web');
  });

  it('leaves the first step of a password sign-in unchanged (no hint of passkeys)', async () => {
    const withPasskey = await startFlow(issuer, { username: SEEDED_USER.email });
    const without = await startFlow(issuer, { username: 'nobody@example.com' });
    for (const answer of [withPasskey, without]) {
      assert.equal(answer.status, 400);
      assert.deepEqual(Object.keys(answer.body).sort(), ['auth_session', 'error', 'methods']);
      assert.deepEqual(answer.body.methods, ['password', 'email_code', 'email_link']);
    }
  });

  it('signs in on the hosted page: /interaction/<uid>/challenge ends with redirect_to', async () => {
    const browser = new Browser(issuer);
    const { verifier, challenge } = pkce();
    const page = await browser.page(authUrl(issuer, challenge, { redirect_uri: APP_REDIRECT }));
    const uid = interactionUid(page);
    const started = await hosted(browser, uid, { action: 'passkey' });
    assert.equal(started.status, 400);
    const options = passkeyOptions(started);
    assert.deepEqual(options.allowCredentials, []);
    // A ceremony on the OP's own page: the issuer is the origin.
    const done = await hosted(browser, uid, {
      auth_session: String(started.body.auth_session),
      passkey: JSON.stringify(authenticator.get(options, { origin: issuer })),
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.redirect_to, `${issuer}/auth/${uid}`);
    assert.equal(done.headers.get('cache-control'), 'no-store');

    const back = await continueToApp(browser, done.body.redirect_to);
    assert.equal(back.origin, APP);
    const res = await tokenRequest(
      issuer,
      { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: APP_REDIRECT, code_verifier: verifier },
      APP,
    );
    const tokens = (await res.json()) as Record<string, string>;
    assert.equal(res.status, 200, JSON.stringify(tokens));
    assert.equal(jwtPayload(tokens.id_token).email, SEEDED_USER.email);

    // A hosted passkey flow is not usable at /challenge, nor the other way round.
    const other = await hosted(new Browser(issuer), uid, { action: 'passkey' });
    assert.equal(other.body.error, 'invalid_session');
    const atChallenge = await startFlow(issuer, { action: 'passkey' });
    const crossed = await hosted(browser, uid, { auth_session: atChallenge.authSession });
    assert.equal(crossed.body.error, 'invalid_session');
  });

  it('refuses a deleted passkey', async () => {
    const spare = new SoftAuthenticator();
    const added = await registerPasskey(issuer, token, spare);
    await passkeyTokens(issuer, spare);
    assert.equal((await api(issuer, 'DELETE', `/api/passkeys/${added.id}`, { token })).status, 204);
    const started = await startFlow(issuer, { action: 'passkey' });
    const answer = await finish(started.authSession, spare.get(passkeyOptions(started), { origin: APP }));
    refused(answer, started.authSession, passkeyOptions(started).challenge);
    assert.match(String(answer.body.error_description), /not registered/);
  });

  it('keeps passkeys and user handles across a restart', async () => {
    const handle = (await api(issuer, 'POST', '/api/passkeys/options', { token })).body as PublicKeyCredentialCreationOptionsJSON;
    await server().restart();
    assert.equal(server().op.issuer, issuer);
    const tokens = await passkeyTokens(issuer, authenticator);
    const again = (await api(issuer, 'POST', '/api/passkeys/options', { token: tokens.access_token })).body as PublicKeyCredentialCreationOptionsJSON;
    assert.equal(again.user.id, handle.user.id);
  });
});

describe('demo OP: passkey failures count in the attempt limit', () => {
  const server = useTestOp(() => startPasskeyOp({ rateLimit: { attempts: 2, ipAttempts: 100 } }));

  it('answers 429 after too many failures with one credential, and the flow goes on', async () => {
    const issuer = server().op.issuer;
    const token = (await passwordTokens(issuer)).access_token;
    const authenticator = new SoftAuthenticator();
    await registerPasskey(issuer, token, authenticator);
    const started = await startFlow(issuer, { action: 'passkey' });
    let options = passkeyOptions(started);
    for (let i = 0; i < 2; i++) {
      const answer = await challengeAt(issuer, {
        auth_session: started.authSession,
        passkey: JSON.stringify(authenticator.get(options, { origin: APP, userVerified: false })),
      });
      assert.equal(answer.body.reason, 'invalid_passkey');
      options = passkeyOptions(answer);
    }
    const limited = await challengeAt(issuer, { auth_session: started.authSession, passkey: JSON.stringify(authenticator.get(options, { origin: APP })) });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);

    // Another passkey on the same device (another credential ID) is not held back by it.
    const other = new SoftAuthenticator();
    await registerPasskey(issuer, token, other);
    const done = await challengeAt(issuer, { auth_session: started.authSession, passkey: JSON.stringify(other.get(options, { origin: APP })) });
    assert.equal(done.status, 200, JSON.stringify(done.body));
  });
});

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { before, describe, it } from 'node:test';
import { createLocalJWKSet } from 'jose';
import { openDb } from '../../demo/op/db.js';
import { GUEST_MERGED_EVENT, GuestMergedReceiver, publicJwks, signGuestMerged } from '../../demo/op/guest-merge-event.js';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { RunningOp } from '../../demo/op/server.js';
import { searchPow } from '../../src/core/pow.js';
import { RELAXED_LIMITS, challenge, latestCode, mailbox, next, redeem, refresh, start } from './challenge-helpers.js';
import { httpFetch, jwtPayload, pkce, startTestOp, useTestOp } from './helpers.js';
import { cart, newGuest, signInAsGuest } from './guest-helpers.js';
import { APP, challengeAt, passkeyOptions, passwordTokens, redeemAt, registerPasskey, startFlow, startPasskeyOp } from './passkey-helpers.js';
import { call } from './profile-helpers.js';
import { SoftAuthenticator } from './soft-authenticator.js';

const GOOD_PASSWORD = 'tidal amber lantern orchard';

/** The one value of a one-row, one-column query. */
function scalar(op: RunningOp, sql: string, ...params: unknown[]): unknown {
  return Object.values(op.db.sqlite.prepare(sql).get(...params) as Record<string, unknown>)[0];
}

async function userinfo(issuer: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await httpFetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : {} };
}

describe('demo OP: guest sessions (guests.ts, guest-flows.ts)', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: { ...RELAXED_LIMITS, guests: 1000 } }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('action=guest gives a code at once; its tokens say is_anonymous and acr guest, and nothing personal', async () => {
    const started = await start(issuer, { action: 'guest', nonce: 'n-1' });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.deepEqual(Object.keys(started.body), ['authorization_code']);
    const tokens = await redeem(issuer, started.body.authorization_code, started.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.is_anonymous, true);
    assert.equal(id.acr, 'guest');
    assert.equal(id.amr, undefined, 'no method was used: no amr');
    assert.equal(id.nonce, 'n-1');
    assert.equal(id.email, undefined);
    assert.equal(id.name, undefined);
    const user = server().op.db.users.findById(String(id.sub));
    assert.ok(user?.guestExpiresAt);
    assert.ok(user.guestExpiresAt - Date.now() > 29 * 24 * 3600_000, 'lives 30 days');
    assert.deepEqual((await userinfo(issuer, tokens.access_token)).body, { sub: id.sub, is_anonymous: true });
    assert.equal((await refresh(issuer, tokens.refresh_token)).status, 200, 'a guest session renews like any other');

    const discovery = (await (await httpFetch(new URL('/.well-known/openid-configuration', issuer))).json()) as Record<string, string[]>;
    assert.ok(discovery.acr_values_supported.includes('guest'));
    assert.ok(discovery.claims_supported.includes('is_anonymous'));
  });

  it('a registered user is is_anonymous false', async () => {
    const first = await start(issuer, { username: SEEDED_USER.email });
    const done = await next(issuer, first.authSession, { password: SEEDED_USER.password });
    const id = jwtPayload((await redeem(issuer, done.body.authorization_code, first.verifier)).id_token);
    assert.equal(id.is_anonymous, false);
  });

  it('takes no guest_token with action=guest or recover, and refuses one that is not a guest session', async () => {
    const guest = await newGuest(issuer);
    for (const action of ['guest', 'recover']) {
      const answer = await start(issuer, { action, email: 'x@example.com', guest_token: guest.access_token });
      assert.equal(answer.body.error, 'invalid_request', action);
    }
    const made = await start(issuer, { username: SEEDED_USER.email, guest_token: 'made-up' });
    assert.deepEqual([made.status, made.body.error, made.body.reason], [400, 'invalid_request', 'invalid_guest']);
    assert.equal(made.body.auth_session, undefined, 'nothing started');
  });

  it('sign-up from a guest keeps the sub: the guest becomes the account, and its guest tokens stop working', async () => {
    const guest = await newGuest(issuer);
    assert.equal((await cart(issuer, guest.access_token, [{ id: 'book', qty: 2 }])).status, 200);
    const email = 'guest-signs-up@example.com';
    const first = await start(issuer, { action: 'signup', email, password: GOOD_PASSWORD, name: 'Gus', guest_token: guest.access_token });
    assert.equal(first.body.code_sent, true, JSON.stringify(first.body));
    const done = await next(issuer, first.authSession, { code: await latestCode(issuer, email) });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const tokens = await redeem(issuer, done.body.authorization_code, first.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.sub, guest.sub, 'same sub');
    assert.equal(id.is_anonymous, false);
    assert.equal(id.email, email);
    assert.equal(id.acr, 'otp');
    const user = server().op.db.users.findById(guest.sub);
    assert.ok(user);
    assert.deepEqual([user.email, user.name, user.emailVerified, user.hasPassword, user.guestExpiresAt], [email, 'Gus', true, true, null]);
    // The cart is the sub's: still there, for the new account's token.
    assert.deepEqual((await cart(issuer, tokens.access_token)).body.items, [{ id: 'book', qty: 2 }]);
    assert.equal((await cart(issuer, guest.access_token)).status, 401, 'the guest token is revoked');
    assert.equal((await refresh(issuer, guest.refresh_token)).status, 400);
    const again = await start(issuer, { username: email });
    assert.equal((await next(issuer, again.authSession, { password: GOOD_PASSWORD })).status, 200, 'the password works');
  });

  it('sign-up from a guest with a registered email changes nothing (the owner gets the notice)', async () => {
    const guest = await newGuest(issuer);
    const first = await start(issuer, { action: 'signup', email: SEEDED_USER.email, password: GOOD_PASSWORD, guest_token: guest.access_token });
    assert.equal(first.body.code_sent, true);
    const wrong = await next(issuer, first.authSession, { code: '123456' });
    assert.equal(wrong.body.reason, 'invalid_code');
    assert.ok(server().op.db.users.findById(guest.sub)?.guestExpiresAt, 'still a guest');
    assert.equal((await cart(issuer, guest.access_token)).status, 200);
  });

  it('sign-in from a guest asks guest_merge; move adds the guest cart to the account and ends the guest', async () => {
    const { op } = server();
    // The account's own cart, from an earlier sign-in.
    const own = await start(issuer, { username: SEEDED_USER.email });
    const ownDone = await next(issuer, own.authSession, { password: SEEDED_USER.password });
    const account = await redeem(issuer, ownDone.body.authorization_code, own.verifier);
    await cart(issuer, account.access_token, [
      { id: 'pen', qty: 1 },
      { id: 'book', qty: 1 },
    ]);

    const guest = await newGuest(issuer);
    await cart(issuer, guest.access_token, [
      { id: 'book', qty: 2 },
      { id: 'mug', qty: 3 },
    ]);
    const { verifier, authSession, asked } = await signInAsGuest(issuer, guest.access_token);
    assert.deepEqual(asked.body, { error: 'insufficient_authorization', auth_session: authSession, methods: ['guest_merge'], guest_merge: { guest: true } });
    // Asking again changes nothing; a password now is not another try.
    assert.deepEqual((await next(issuer, authSession, {})).body, asked.body);
    assert.deepEqual((await next(issuer, authSession, { password: 'wrong' })).body, asked.body);
    assert.equal((await next(issuer, authSession, { guest_merge: 'both' })).body.error, 'invalid_request');

    const moved = await next(issuer, authSession, { guest_merge: 'move' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const tokens = await redeem(issuer, moved.body.authorization_code, verifier);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.acr, 'pwd', "the sign-in's own acr");
    assert.equal(id.is_anonymous, false);
    assert.notEqual(id.sub, guest.sub);
    assert.deepEqual((await cart(issuer, tokens.access_token)).body.items, [
      { id: 'pen', qty: 1 },
      { id: 'book', qty: 3 },
      { id: 'mug', qty: 3 },
    ]);
    assert.equal((await cart(issuer, guest.access_token)).status, 401, 'the guest is gone');
    assert.equal((await refresh(issuer, guest.refresh_token)).status, 400);
    assert.equal(scalar(op, 'SELECT COUNT(*) FROM users WHERE id = ?', guest.sub), 0, 'the guest account went');
    assert.equal(scalar(op, 'SELECT COUNT(*) FROM carts WHERE sub = ?', guest.sub), 0, "the guest's cart went");
    assert.equal(scalar(op, 'SELECT account_id FROM guest_merges WHERE guest_id = ?', guest.sub), id.sub, 'recorded');
    assert.equal((await next(issuer, authSession, { guest_merge: 'move' })).body.error, 'invalid_session', 'once');
    await cart(issuer, tokens.access_token, []);
  });

  it('keep_separate signs in without touching the guest: both carts stay', async () => {
    const guest = await newGuest(issuer);
    await cart(issuer, guest.access_token, [{ id: 'lamp', qty: 1 }]);
    const { verifier, authSession } = await signInAsGuest(issuer, guest.access_token);
    const kept = await next(issuer, authSession, { guest_merge: 'keep_separate' });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    const tokens = await redeem(issuer, kept.body.authorization_code, verifier);
    assert.deepEqual((await cart(issuer, tokens.access_token)).body.items, []);
    assert.deepEqual((await cart(issuer, guest.access_token)).body.items, [{ id: 'lamp', qty: 1 }]);
    assert.equal((await next(issuer, authSession, { guest_merge: 'move' })).body.error, 'invalid_session');
  });

  it('an emailed-code sign-in from a guest asks too', async () => {
    const guest = await newGuest(issuer);
    const first = await start(issuer, { username: SEEDED_USER.email, guest_token: guest.access_token });
    await next(issuer, first.authSession, { method: 'email_code' });
    const asked = await next(issuer, first.authSession, { code: await latestCode(issuer, SEEDED_USER.email) });
    assert.deepEqual(asked.body.methods, ['guest_merge']);
    const done = await next(issuer, first.authSession, { guest_merge: 'move' });
    assert.equal(jwtPayload((await redeem(issuer, done.body.authorization_code, first.verifier)).id_token).acr, 'otp');
  });

  it('a sign-in link from a guest asks too, once the waiting browser learns the link was used', async () => {
    const guest = await newGuest(issuer);
    const first = await start(issuer, { username: SEEDED_USER.email, guest_token: guest.access_token });
    const browser = pkce();
    assert.equal((await next(issuer, first.authSession, { method: 'email_link', link_challenge: browser.challenge })).body.link_sent, true);
    const mail = (await mailbox(issuer, SEEDED_USER.email)).find((m) => m.text.includes('#ciam_link='));
    const token = /#ciam_link=([\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    assert.equal((await challenge(issuer, { link: token, link_verifier: browser.verifier })).body.link_status, 'approved');
    await new Promise((done) => setTimeout(done, 1100)); // the poll interval
    const asked = await next(issuer, first.authSession, { method: 'email_link_status' });
    assert.deepEqual(asked.body.methods, ['guest_merge'], JSON.stringify(asked.body));
    const done = await next(issuer, first.authSession, { guest_merge: 'keep_separate' });
    const id = jwtPayload((await redeem(issuer, done.body.authorization_code, first.verifier)).id_token);
    assert.deepEqual([id.acr, id.amr], ['otp', ['email']]);
  });

  it('refuses guest_merge before anyone signed in, and in a flow without a guest', async () => {
    const guest = await newGuest(issuer);
    const first = await start(issuer, { username: SEEDED_USER.email, guest_token: guest.access_token });
    const early = await next(issuer, first.authSession, { guest_merge: 'move' });
    assert.deepEqual([early.status, early.body.error], [400, 'invalid_request']);
    const wrong = await next(issuer, first.authSession, { password: 'not the password, surely' });
    assert.equal(wrong.body.reason, 'invalid_credentials');
    assert.equal((await next(issuer, first.authSession, { guest_merge: 'move' })).body.error, 'invalid_request', 'a wrong password verifies nobody');
    const plain = await start(issuer, { username: SEEDED_USER.email });
    assert.equal((await next(issuer, plain.authSession, { guest_merge: 'move' })).body.error, 'invalid_request');
    assert.ok(server().op.db.users.findById(guest.sub), 'the guest is untouched');
  });

  it("the account APIs refuse a guest's token with 403 guest_not_allowed", async () => {
    const guest = await newGuest(issuer);
    for (const path of ['/api/passkeys', '/api/sessions', '/api/connections', '/api/consents']) {
      const answer = await call(issuer, 'GET', path, guest.access_token);
      assert.deepEqual([answer.status, answer.body.error], [403, 'guest_not_allowed'], path);
    }
    const scim = await call(issuer, 'GET', '/scim/v2/Me', guest.access_token);
    assert.equal(scim.status, 403);
    assert.equal(scim.body.status, '403');
  });
});

describe('demo OP: guest sessions expire', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));

  it('an expired guest is refused at once (tokens, refresh, guest_token) and purged at the next start', async () => {
    const { issuer } = server().op;
    const guest = await newGuest(issuer);
    await cart(issuer, guest.access_token, [{ id: 'book', qty: 1 }]);
    server()
      .op.db.sqlite.prepare('UPDATE users SET guest_expires_at = ? WHERE id = ?')
      .run(Date.now() - 1000, guest.sub);
    assert.equal((await cart(issuer, guest.access_token)).status, 401);
    assert.equal((await userinfo(issuer, guest.access_token)).status, 401);
    assert.equal((await refresh(issuer, guest.refresh_token)).status, 400);
    const bind = await start(issuer, { username: SEEDED_USER.email, guest_token: guest.access_token });
    assert.equal(bind.body.reason, 'invalid_guest');

    const op = await server().restart();
    const count = (table: string, column: string) => scalar(op, `SELECT COUNT(*) FROM ${table} WHERE ${column} = ?`, guest.sub);
    assert.equal(count('users', 'id'), 0, 'purged');
    assert.equal(count('carts', 'sub'), 0, 'its cart too');
    assert.equal(scalar(op, "SELECT COUNT(*) FROM oidc_payloads WHERE json_extract(payload, '$.accountId') = ?", guest.sub), 0);
  });

  it('guestTtlDays sets the lifetime', async () => {
    const t = await startTestOp({ rateLimit: RELAXED_LIMITS, guestTtlDays: 1 });
    try {
      const guest = await newGuest(t.op.issuer);
      const expires = t.op.db.users.findById(guest.sub)!.guestExpiresAt!;
      assert.ok(Math.abs(expires - Date.now() - 24 * 3600_000) < 60_000);
    } finally {
      await t.stop();
    }
  });
});

describe('demo OP: guest creation is limited per address and behind the bot check', () => {
  it('answers 429 rate_limited after `guests` creations from one address in an hour', async () => {
    const t = await startTestOp({ rateLimit: { ...RELAXED_LIMITS, guests: 3 } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await start(t.op.issuer, { action: 'guest' }));
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 200, 429],
      );
      const limited = answers[3];
      assert.equal(limited.body.error, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 3500);
      assert.equal(limited.body.retry_after, Number(limited.headers.get('retry-after')));
    } finally {
      await t.stop();
    }
  });

  it('asks for a bot check first when the OP says always, and creates nothing until the proof comes', async () => {
    const t = await startTestOp({ rateLimit: RELAXED_LIMITS, botCheck: { when: 'always', provider: { type: 'pow', difficulty: 8 } } });
    try {
      const count = () => scalar(t.op, 'SELECT COUNT(*) FROM users WHERE guest_expires_at IS NOT NULL');
      const asked = await start(t.op.issuer, { action: 'guest' });
      assert.equal(asked.body.error, 'bot_check_required');
      assert.equal(count(), 0);
      const { challenge, difficulty } = asked.body.bot_challenge as { challenge: string; difficulty: number };
      const done = await start(t.op.issuer, { action: 'guest', bot_proof: `pow:${challenge}:${searchPow(challenge, difficulty, 0, 10_000_000)}` });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(count(), 1);
    } finally {
      await t.stop();
    }
  });
});

describe('demo OP: the guest-merged event (guest-merge-event.ts)', () => {
  it('is a SET the receiver checks: signature, iss, aud, iat, jti once, the event; refusals say why (RFC 8935)', async () => {
    const rsa = (kid: string) => ({
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid,
      alg: 'RS256',
      use: 'sig',
    });
    const jwks = { keys: [rsa('k1')] };
    const receiver = new GuestMergedReceiver({ issuer: 'http://op.test', audience: 'demo-app', keys: createLocalJWKSet(publicJwks(jwks)) });
    const event = { issuer: 'http://op.test', clientId: 'demo-app', guestSub: 'guest-1', sub: 'account-1' };
    const set = await signGuestMerged(jwks, event);
    const [header, payload] = set
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    assert.deepEqual([header.typ, header.alg, header.kid], ['secevent+jwt', 'RS256', 'k1']);
    assert.deepEqual(Object.keys(payload).sort(), ['aud', 'events', 'iat', 'iss', 'jti']);
    assert.deepEqual(payload.events, { [GUEST_MERGED_EVENT]: { guest_sub: 'guest-1', sub: 'account-1' } });

    assert.deepEqual(await receiver.check(set), { ok: true, guestSub: 'guest-1', sub: 'account-1' });
    const err = async (token: string, now?: number) => {
      const checked = await receiver.check(token, now);
      return checked.ok ? 'accepted' : checked.err;
    };
    assert.equal(await err(set), 'invalid_request', 'jti used');
    assert.equal(await err(await signGuestMerged({ keys: [rsa('k1')] }, event)), 'invalid_key');
    assert.equal(await err(await signGuestMerged(jwks, { ...event, clientId: 'other' })), 'invalid_audience');
    assert.equal(await err(await signGuestMerged(jwks, { ...event, issuer: 'http://evil.test' })), 'invalid_issuer');
    assert.equal(await err(await signGuestMerged(jwks, event, Date.now() - 6 * 60_000)), 'invalid_request', 'too old');
    assert.equal(await err('a.b.c'), 'invalid_request');
  });
});

describe('demo OP: a passkey sign-in from a guest', () => {
  const server = useTestOp(startPasskeyOp);

  it('asks guest_merge after the passkey, and move ends the guest with acr phr', async () => {
    const { issuer } = server().op;
    const authenticator = new SoftAuthenticator();
    await registerPasskey(issuer, (await passwordTokens(issuer)).access_token, authenticator);
    const guestStart = await startFlow(issuer, { action: 'guest' });
    const guest = await redeemAt(issuer, guestStart.body.authorization_code, guestStart.verifier);
    const guestSub = String(jwtPayload(guest.id_token).sub);

    const started = await startFlow(issuer, { action: 'passkey', guest_token: guest.access_token });
    const assertion = authenticator.get(passkeyOptions(started), { origin: APP });
    const asked = await challengeAt(issuer, { auth_session: started.authSession, passkey: JSON.stringify(assertion) });
    assert.deepEqual(asked.body.methods, ['guest_merge']);
    const moved = await challengeAt(issuer, { auth_session: started.authSession, guest_merge: 'move' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const id = jwtPayload((await redeemAt(issuer, moved.body.authorization_code, started.verifier)).id_token);
    assert.deepEqual([id.acr, id.amr, id.is_anonymous], ['phr', ['webauthn'], false]);
    assert.equal(server().op.db.users.findById(guestSub), undefined, 'the guest is gone');
  });
});

describe('demo OP: guest accounts in a database from before them', () => {
  it('gains guest_expires_at on open; its users stay registered, and guests can be made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-op-old-db-'));
    const path = join(dir, 'op.sqlite');
    const old = new Database(path);
    // The users table as first released: no profile or guest columns.
    old.exec(`CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, email_verified INTEGER NOT NULL DEFAULT 0,
      password_hash TEXT NOT NULL, name TEXT NOT NULL, given_name TEXT, family_name TEXT, created_at TEXT NOT NULL)`);
    old.prepare("INSERT INTO users VALUES ('old-1', 'old@example.com', 1, '', 'Old', NULL, NULL, '2020-01-01T00:00:00.000Z')").run();
    old.close();
    const db = await openDb(path);
    try {
      assert.equal(db.users.findById('old-1')?.guestExpiresAt, null);
      assert.equal(db.users.findByEmail('old@example.com')?.id, 'old-1');
      const guest = db.users.createGuest(Date.now() + 60_000);
      assert.ok(guest.guestExpiresAt);
      assert.equal(db.users.findByEmail(guest.email), undefined, 'a guest has no address to be found by');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

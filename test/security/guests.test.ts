// Attack battery, guest sessions (demo/op/guests.ts, guest-flows.ts, guest-merge-event.ts, cart-api.ts):
// binding someone else's guest (a forged, foreign, expired, registered, other client's or other key's
// guest_token), finishing a merge twice or without a sign-in, feeding the app's merge receiver forged or
// replayed events, abusing the cart API, and a guest reaching the account APIs.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT, importJWK } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { GUEST_MERGED_EVENT, SET_MEDIA_TYPE, signGuestMerged } from '../../demo/op/guest-merge-event.js';
import { BFF_CLIENT } from '../../demo/op/provider.js';
import { SEEDED_USER } from '../../demo/op/server.js';
import { RELAXED_LIMITS, mailbox, next, redeem, start } from '../op/challenge-helpers.js';
import { APP_ORIGIN, httpFetch, startTestOp } from '../op/helpers.js';
import { BFF_REDIRECT_URI, redeemAsBff } from './op-helpers.js';
import type { TestOp } from '../op/helpers.js';
import { cart, newGuest, signInAsGuest, startWithProof } from '../op/guest-helpers.js';
import type { Guest } from '../op/guest-helpers.js';
import { call } from '../op/profile-helpers.js';
import { categoryTallies } from './battery.js';

const BROWSER = 'battery|guest-browser';
/** The first requests that may carry a guest_token, by action. */
const FLOWS: Record<string, Record<string, string>> = {
  signin: { username: SEEDED_USER.email },
  signup: { email: 'binder@example.com', password: 'tidal amber lantern orchard' },
  passkey: {},
};
const THIEF = 'battery|guest-thief';

describe('security battery: guest sessions', () => {
  let t: TestOp;
  let issuer: string;
  const { count, record } = categoryTallies();
  before(async () => {
    t = await startTestOp({ rateLimit: { ...RELAXED_LIMITS, guests: 1000 } });
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    record();
  });

  const invalidGuest = (answer: { status: number; body: Record<string, unknown> }) =>
    answer.status === 400 && answer.body.error === 'invalid_request' && answer.body.reason === 'invalid_guest' && answer.body.auth_session === undefined;

  it('binds no guest but a live guest of this client, proven with its DPoP key when bound', async () => {
    const expired = await newGuest(issuer);
    t.op.db.sqlite.prepare('UPDATE users SET guest_expires_at = ? WHERE id = ?').run(Date.now() - 1, expired.sub);
    const own = await start(issuer, { username: SEEDED_USER.email });
    const registered = await redeem(issuer, (await next(issuer, own.authSession, { password: SEEDED_USER.password })).body.authorization_code, own.verifier);
    const bound = await newGuest(issuer, BROWSER);
    assert.equal(bound.token_type, 'DPoP');
    const foreignOp = await startTestOp({ rateLimit: RELAXED_LIMITS });
    const foreign = await newGuest(foreignOp.op.issuer).finally(() => foreignOp.stop());
    const otherClient = await bffGuestToken(issuer);

    const vectors: [string, Record<string, string>, string?][] = [
      ['a made-up token', { guest_token: randomBytes(32).toString('base64url') }],
      ['garbage', { guest_token: "'; DROP TABLE users; --" }],
      ['a huge token', { guest_token: 'A'.repeat(8000) }],
      ["another OP's guest token", { guest_token: foreign.access_token }],
      ["an expired guest's token", { guest_token: expired.access_token }],
      ["a registered user's token", { guest_token: registered.access_token }],
      ["a guest's refresh token", { guest_token: bound.refresh_token }],
      ["a guest's ID token", { guest_token: bound.id_token }],
      ["another client's guest token", { guest_token: otherClient }],
      ['a DPoP-bound guest token without a proof', { guest_token: bound.access_token }],
      ["a DPoP-bound guest token with the thief's proof", { guest_token: bound.access_token }, THIEF],
    ];
    for (const [what, params, key] of vectors) {
      for (const [action, flow] of Object.entries(FLOWS)) {
        const answer = await startWithProof(issuer, { action, ...flow, ...params }, key);
        count('guest binding', invalidGuest(answer));
        assert.ok(invalidGuest(answer), `${what} (${action}): ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    // The owner's key binds it.
    const owner = await startWithProof(issuer, { username: SEEDED_USER.email, guest_token: bound.access_token }, BROWSER);
    assert.equal(owner.body.error, 'insufficient_authorization', JSON.stringify(owner.body));
    assert.deepEqual(await mailbox(issuer, 'binder@example.com'), [], 'no sign-up went ahead');
  });

  it('a guest has no way in of its own: its placeholder address takes no password and gets no code', async () => {
    const guest = await newGuest(issuer);
    for (const username of [`Guest:${guest.sub}`, `guest:${guest.sub}`, guest.sub]) {
      const first = await start(issuer, { username });
      for (const password of ['', ' ', 'x'.repeat(20)]) {
        const answer = await next(issuer, first.authSession, password ? { password } : { method: 'password' });
        const refused = answer.status === 400 && answer.body.error === 'insufficient_authorization';
        count('guest binding', refused);
        assert.ok(refused, `${username} / ${JSON.stringify(password)}`);
      }
      const code = await next(issuer, first.authSession, { method: 'email_code' });
      assert.equal(code.body.code_sent, true);
      await new Promise((resolve) => setImmediate(resolve));
      const mailed = (await mailbox(issuer, username.toLowerCase())).length + (await mailbox(issuer, username)).length;
      count('guest binding', mailed === 0);
      assert.equal(mailed, 0, `a code went to ${username}`);
    }
  });

  it('a merge is answered once, after a verified sign-in, with one of two choices', async () => {
    const guest = await newGuest(issuer);
    const early = await start(issuer, { username: SEEDED_USER.email, guest_token: guest.access_token });
    const plain = await start(issuer, { username: SEEDED_USER.email });
    const attempts: [string, () => Promise<{ status: number; body: Record<string, unknown> }>, string][] = [
      ['guest_merge before the password', () => next(issuer, early.authSession, { guest_merge: 'move' }), 'invalid_request'],
      [
        'guest_merge after a wrong password',
        async () => {
          await next(issuer, early.authSession, { password: 'not it, not even close' });
          return next(issuer, early.authSession, { guest_merge: 'keep_separate' });
        },
        'invalid_request',
      ],
      ['guest_merge in a flow without a guest', () => next(issuer, plain.authSession, { guest_merge: 'move' }), 'invalid_request'],
    ];
    for (const [what, attempt, error] of attempts) {
      const answer = await attempt();
      count('guest binding', answer.body.error === error);
      assert.equal(answer.body.error, error, what);
    }

    const asked = await signInAsGuest(issuer, guest.access_token);
    for (const choice of ['MOVE', 'merge', 'move ', 'keep']) {
      const answer = await next(issuer, asked.authSession, { guest_merge: choice });
      count('guest binding', answer.body.error === 'invalid_request');
      assert.equal(answer.body.error, 'invalid_request', choice);
    }
    // Two racing moves: one code, one merge.
    const raced = await Promise.all([next(issuer, asked.authSession, { guest_merge: 'move' }), next(issuer, asked.authSession, { guest_merge: 'move' })]);
    assert.deepEqual(raced.map((a) => a.status).sort(), [200, 400]);
    for (const choice of ['move', 'keep_separate']) {
      const replay = await next(issuer, asked.authSession, { guest_merge: choice });
      count('guest binding', replay.body.error === 'invalid_session');
      assert.equal(replay.body.error, 'invalid_session', `replayed ${choice}`);
    }
    assert.equal(mergeCount(guest.sub), 1, 'merged once');
    const kept = await newGuest(issuer);
    const separate = await signInAsGuest(issuer, kept.access_token);
    assert.equal((await next(issuer, separate.authSession, { guest_merge: 'keep_separate' })).status, 200);
    const after = await next(issuer, separate.authSession, { guest_merge: 'move' });
    count('guest binding', after.body.error === 'invalid_session' && mergeCount(kept.sub) === 0);
    assert.equal(after.body.error, 'invalid_session', 'move after keep_separate');
  });

  function mergeCount(guestSub: string): number {
    return (t.op.db.sqlite.prepare('SELECT COUNT(*) AS n FROM guest_merges WHERE guest_id = ?').get(guestSub) as { n: number }).n;
  }

  it("the app's merge receiver takes only the issuer's fresh, unused guest-merged events for this app", async () => {
    const jwks = JSON.parse(t.op.db.getSetting('jwks')!) as { keys: (JWK & { kid: string })[] };
    const [opKey] = jwks.keys;
    const guest = await newGuest(issuer);
    const account = await newGuest(issuer);
    await cart(issuer, guest.access_token, [{ id: 'loot', qty: 9 }]);
    const claims = (extra: JWTPayload = {}): JWTPayload => ({
      iss: issuer,
      aud: 'demo-app',
      iat: Math.floor(Date.now() / 1000),
      jti: randomBytes(16).toString('base64url'),
      events: { [GUEST_MERGED_EVENT]: { guest_sub: guest.sub, sub: account.sub } },
      ...extra,
    });
    const signed = async (payload: JWTPayload, header: Record<string, unknown> = {}, key: JWK = opKey) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: opKey.kid, typ: 'secevent+jwt', ...header }).sign(await importJWK(key, 'RS256'));
    const stranger = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: opKey.kid } as JWK;
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const replayed = await signGuestMerged(jwks, { issuer, clientId: 'demo-app', guestSub: guest.sub, sub: account.sub });

    const vectors: [string, () => Promise<string>, string?][] = [
      ['signed by another key under the same kid', () => signed(claims(), {}, stranger)],
      ['alg none', () => Promise.resolve(`${part({ alg: 'none', typ: 'secevent+jwt' })}.${part(claims())}.`)],
      ['a forged signature', async () => `${(await signed(claims())).split('.').slice(0, 2).join('.')}.${randomBytes(256).toString('base64url')}`],
      ['another audience', () => signed(claims({ aud: 'demo-bff' }))],
      ['another issuer', () => signed(claims({ iss: 'http://evil.example' }))],
      ['10 minutes old', () => signed(claims({ iat: Math.floor(Date.now() / 1000) - 600 }))],
      ['from the future', () => signed(claims({ iat: Math.floor(Date.now() / 1000) + 600 }))],
      ['no iat', () => signed(claims({ iat: undefined }))],
      ['no jti', () => signed(claims({ jti: undefined }))],
      [
        'another event type',
        () => signed(claims({ events: { 'https://schemas.openid.net/secevent/risc/event-type/account-disabled': { sub: account.sub } } })),
      ],
      ['a second event beside it', () => signed(claims({ events: { [GUEST_MERGED_EVENT]: { guest_sub: guest.sub, sub: account.sub }, 'urn:other': {} } }))],
      ['no guest_sub', () => signed(claims({ events: { [GUEST_MERGED_EVENT]: { sub: account.sub } } }))],
      ['typ JWT (an ID token shape)', () => signed(claims(), { typ: 'JWT' })],
      ['not a JWT', () => Promise.resolve('not.a.jwt')],
      ['the wrong content type', () => signed(claims()), 'application/json'],
      ['too large', () => Promise.resolve('x'.repeat(20_000))],
    ];
    for (const [what, make, type] of vectors) {
      const status = await deliver(await make(), type);
      count('merge events', status >= 400);
      assert.ok(status >= 400, `${what}: ${status}`);
    }
    assert.deepEqual((await cart(issuer, guest.access_token)).body.items, [{ id: 'loot', qty: 9 }], 'nothing moved');
    assert.equal(await deliver(replayed), 202, 'the real one');
    const again = await deliver(replayed);
    count('merge events', again === 400);
    assert.equal(again, 400, 'replayed jti');
    assert.deepEqual((await cart(issuer, account.access_token)).body.items, [{ id: 'loot', qty: 9 }]);
  });

  async function deliver(set: string, type = SET_MEDIA_TYPE): Promise<number> {
    const res = await httpFetch(new URL('/api/guest-merged', issuer), { method: 'POST', headers: { 'content-type': type }, body: set });
    await res.arrayBuffer();
    return res.status;
  }

  it('the cart API wants a live token and takes only a small, well-formed cart', async () => {
    const guest = await newGuest(issuer);
    const vectors: [string, () => Promise<number>][] = [
      ['GET without a token', async () => (await cart(issuer, undefined)).status],
      ['PUT without a token', async () => (await cart(issuer, undefined, [{ id: 'a', qty: 1 }])).status],
      ['a made-up token', async () => (await cart(issuer, randomBytes(32).toString('base64url'))).status],
      ['oversized', () => put(guest, JSON.stringify({ items: [{ id: 'a', qty: 1 }], pad: 'x'.repeat(5000) }))],
      ['invalid JSON', () => put(guest, '{"items": [')],
      ['an array', () => put(guest, '[]')],
      ['items not an array', () => put(guest, '{"items": {"a": 1}}')],
      ['qty 0', () => put(guest, '{"items": [{"id": "a", "qty": 0}]}')],
      ['qty 100', () => put(guest, '{"items": [{"id": "a", "qty": 100}]}')],
      ['qty 1.5', () => put(guest, '{"items": [{"id": "a", "qty": 1.5}]}')],
      ['qty as a string', () => put(guest, '{"items": [{"id": "a", "qty": "2"}]}')],
      ['an id with markup', () => put(guest, '{"items": [{"id": "<img src=x>", "qty": 1}]}')],
      ['a 65-character id', () => put(guest, JSON.stringify({ items: [{ id: 'a'.repeat(65), qty: 1 }] }))],
      ['the same id twice', () => put(guest, '{"items": [{"id": "a", "qty": 1}, {"id": "a", "qty": 1}]}')],
      ['an extra item field', () => put(guest, '{"items": [{"id": "a", "qty": 1, "price": 0}]}')],
      ['an extra top-level field', () => put(guest, '{"items": [], "owner": "someone-else"}')],
      ['51 items', () => put(guest, JSON.stringify({ items: Array.from({ length: 51 }, (_, i) => ({ id: `i${i}`, qty: 1 })) }))],
      ['a form post', () => put(guest, 'items=a', 'application/x-www-form-urlencoded')],
    ];
    for (const [what, attempt] of vectors) {
      const status = await attempt();
      count('cart api', status >= 400);
      assert.ok(status >= 400, `${what}: ${status}`);
    }
    assert.deepEqual((await cart(issuer, guest.access_token)).body.items, [], 'nothing stored');
  });

  async function put(guest: Guest, body: string, type = 'application/json'): Promise<number> {
    const res = await httpFetch(new URL('/api/cart', issuer), {
      method: 'PUT',
      headers: { authorization: `Bearer ${guest.access_token}`, 'content-type': type, origin: APP_ORIGIN },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  // Its own session's end (GET /api/sessions/events) a guest may hear: <ciam-session events> listens for every session.
  it('a guest reaches none of the account APIs', async () => {
    const guest = await newGuest(issuer);
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/passkeys'],
      ['POST', '/api/passkeys/options'],
      ['POST', '/api/passkeys', { response: {} }],
      ['GET', '/api/sessions'],
      ['DELETE', '/api/sessions'],
      ['DELETE', '/api/sessions/some-id'],
      ['GET', '/api/connections'],
      ['POST', '/api/connections', { provider: 'social', return_to: `${APP_ORIGIN}/` }],
      ['GET', '/api/consents'],
      ['GET', '/scim/v2/Me'],
      ['PATCH', '/scim/v2/Me', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] }],
    ];
    for (const [method, path, body] of calls) {
      const answer = await call(issuer, method, path, guest.access_token, body === undefined ? {} : { body });
      const refused = answer.status === 403 && (answer.body.error === 'guest_not_allowed' || answer.body.status === '403');
      count('guest limits', refused);
      assert.ok(refused, `${method} ${path}: ${answer.status} ${answer.text}`);
    }
  });
});

/** A guest session of the confidential BFF client (its secret is the demo's): a token of another client. */
async function bffGuestToken(issuer: string): Promise<string> {
  const started = await start(issuer, { action: 'guest', client_id: BFF_CLIENT.id, redirect_uri: BFF_REDIRECT_URI });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  return redeemAsBff(issuer, started.body.authorization_code, started.verifier);
}

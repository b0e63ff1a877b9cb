// Attack battery, DPoP-bound tokens (RFC 9449): someone who copied an access or
// refresh token out of a browser, without its non-extractable key, tries the
// demo OP's APIs (demo/op/api.ts, checkAccessToken), its userinfo and its token
// endpoint with every proof they could make or replay. One honest request per
// resource is answered, so each refusal is the check's and not a broken setup.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { dpopProof } from '../../src/connectors/dpop.js';
import { RELAXED_LIMITS, next, start } from '../op/challenge-helpers.js';
import { CLIENT_ID, httpFetch, startTestOp, type TestOp } from '../op/helpers.js';
import { APP_ORIGIN } from '../op/helpers.js';
import { recordVectors } from './battery.js';
import { forgedProof as forged } from './op-helpers.js';
import { redeemWith } from '../op/guest-helpers.js';

/** The browser's key (connectors/dpop.ts keeps it by this name; in Node, in memory). */
const BROWSER = 'battery|browser';

interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
}

/** An embedded sign-in whose token request proves `key` (or none): bound tokens, or Bearer ones. */
async function signIn(issuer: string, key: string | null): Promise<Tokens> {
  const { verifier, authSession } = await start(issuer, { username: SEEDED_USER.email });
  const done = await next(issuer, authSession, { password: SEEDED_USER.password });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return redeemWith(issuer, done.body.authorization_code, verifier, key ?? undefined);
}

describe('security battery: DPoP-bound tokens are worth nothing without the browser key', () => {
  let t: TestOp;
  let issuer: string;
  let bound: Tokens;
  let bearer: Tokens;
  const tally = { tried: 0, rejected: 0 };
  before(async () => {
    t = await startTestOp({ rateLimit: RELAXED_LIMITS });
    issuer = t.op.issuer;
    bound = await signIn(issuer, BROWSER);
    bearer = await signIn(issuer, null);
  });
  after(async () => {
    await t.stop();
    recordVectors('token binding', tally.tried, tally.rejected);
  });

  it('issues bound tokens to a proof, Bearer ones without', () => {
    assert.deepEqual([bound.token_type, bearer.token_type], ['DPoP', 'Bearer']);
  });

  for (const [method, path] of [
    ['GET', '/api/sessions'],
    ['GET', '/api/passkeys'],
    ['POST', '/api/payout'],
    ['GET', '/me'], // the provider's own userinfo
  ] as const) {
    it(`${method} ${path}: a copied token is refused with every proof but the browser's fresh one`, async () => {
      const url = new URL(path, issuer).href;
      const at = bound.access_token;
      const send = (authorization: string, dpop?: string) =>
        httpFetch(url, { method, headers: { authorization, origin: APP_ORIGIN, ...(dpop ? { dpop } : {}) } });
      const now = Math.floor(Date.now() / 1000);
      const own = await dpopProof(BROWSER, method, url, { accessToken: at });
      const answered = await send(`DPoP ${at}`, own);
      assert.ok(
        answered.status < 400 || (answered.status === 401 && /insufficient_user_authentication/.test(answered.headers.get('www-authenticate') ?? '')),
        `${path}: ${answered.status}`,
      );

      const ath = (await dpopProof(BROWSER, method, url, { accessToken: at })).split('.')[1];
      const athClaim = (JSON.parse(Buffer.from(ath, 'base64url').toString()) as { ath: string }).ath;
      const attempts: [string, () => Promise<Response>][] = [
        ['Bearer scheme', () => send(`Bearer ${at}`)],
        ['no proof', () => send(`DPoP ${at}`)],
        ["the thief's own key", async () => send(`DPoP ${at}`, await dpopProof('battery|thief', method, url, { accessToken: at }))],
        ['the replayed proof', () => send(`DPoP ${at}`, own)],
        ['another method', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method === 'GET' ? 'POST' : 'GET', url, { accessToken: at }))],
        ['another URL', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, new URL('/api/other', issuer).href, { accessToken: at }))],
        ['another origin', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, `http://evil.example${path}`, { accessToken: at }))],
        ["another token's hash", async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, url, { accessToken: bearer.access_token }))],
        ['no ath', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, url))],
        ['10 minutes old', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, url, { accessToken: at, now: Date.now() - 600_000 }))],
        ['10 minutes ahead', async () => send(`DPoP ${at}`, await dpopProof(BROWSER, method, url, { accessToken: at, now: Date.now() + 600_000 }))],
        ['alg none', () => send(`DPoP ${at}`, forged({ alg: 'none' }, { htm: method, htu: url, ath: athClaim }, ''))],
        ['alg HS256', () => send(`DPoP ${at}`, forged({ alg: 'HS256' }, { htm: method, htu: url, ath: athClaim }))],
        ['typ JWT', () => send(`DPoP ${at}`, forged({ typ: 'JWT' }, { htm: method, htu: url, ath: athClaim }))],
        ['a private key in the header', () => send(`DPoP ${at}`, forged({ jwk: 'with-d' }, { htm: method, htu: url, ath: athClaim }))],
        [
          'a signature that does not verify',
          async () => send(`DPoP ${at}`, `${own.split('.').slice(0, 2).join('.')}.${randomBytes(64).toString('base64url')}`),
        ],
        ['not a JWS', () => send(`DPoP ${at}`, 'not.a.proof')],
        ['a token with a space', async () => send(`DPoP ${at} x`, await dpopProof(BROWSER, method, url, { accessToken: at }))],
        [
          "a Bearer token sent as DPoP with the thief's proof",
          async () => send(`DPoP ${bearer.access_token}`, await dpopProof('battery|thief', method, url, { accessToken: bearer.access_token })),
        ],
        ['a fresh proof of another key, every claim right', () => send(`DPoP ${at}`, forged({}, { htm: method, htu: url, ath: athClaim, iat: now }))],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        const refused = res.status === 401 || res.status === 400;
        tally.tried++;
        if (refused) tally.rejected++;
        assert.ok(refused, `${method} ${path}, ${what}: ${res.status}`);
      }
    });
  }

  it('a copied refresh token is refused at the token endpoint without the key; with it, it works', async () => {
    const token = new URL('/token', issuer).href;
    const refresh = async (dpop?: string) =>
      httpFetch(token, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN, ...(dpop ? { dpop } : {}) },
        body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: bound.refresh_token }).toString(),
      });
    const attempts = [
      await refresh(),
      await refresh(await dpopProof('battery|thief', 'POST', token)),
      await refresh(forged({}, { htm: 'POST', htu: token })),
      await refresh(await dpopProof(BROWSER, 'POST', new URL('/api/other', issuer).href)),
    ];
    for (const res of attempts) {
      tally.tried++;
      if (res.status === 400) tally.rejected++;
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, attempts.indexOf(res) === 3 ? 'invalid_dpop_proof' : 'invalid_grant');
    }
    const own = await refresh(await dpopProof(BROWSER, 'POST', token));
    assert.equal(own.status, 200, 'the browser that holds the key renews');
    assert.equal(((await own.json()) as Tokens).token_type, 'DPoP');
  });
});

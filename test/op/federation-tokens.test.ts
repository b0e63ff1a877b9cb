// The ID token checks of Demo ID as a relying party (upstream-client.ts), on
// tokens we sign ourselves, and once end to end with a rogue upstream whose
// token endpoint hands out a token for another nonce.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { UpstreamError, verifyIdToken } from '../../demo/op/upstream-client.js';
import { Browser, authUrl, pkce, startTestOp } from './helpers.js';
import type { TestOp } from './helpers.js';

const ISSUER = 'http://127.0.0.1:1';
const CLIENT = 'demo-id';

describe('demo OP: ID tokens from upstreams', () => {
  let keys: ReturnType<typeof createLocalJWKSet>;
  let sign: (claims: Record<string, unknown>, options?: { expiresIn?: string; key?: CryptoKey }) => Promise<string>;
  let stranger: CryptoKey;
  before(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    stranger = (await generateKeyPair('RS256')).privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
    sign = (claims, options = {}) =>
      new SignJWT({ nonce: 'n-1', email: 'Sam@Social.test', email_verified: true, name: 'Sam', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
        .setAudience((claims.aud as string | string[] | undefined) ?? CLIENT)
        .setSubject('u-1')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(options.key ?? privateKey);
  });
  const expected = () => ({ issuer: ISSUER, clientId: CLIENT, nonce: 'n-1', keys });

  it('accepts a good one and keeps subject, email (lower-cased), email_verified and name', async () => {
    assert.deepEqual(await verifyIdToken(await sign({}), expected()), {
      issuer: ISSUER,
      subject: 'u-1',
      email: 'sam@social.test',
      emailVerifiedClaim: true,
      name: 'Sam',
    });
    const unverified = await verifyIdToken(await sign({ email_verified: 'true' }), expected());
    assert.equal(unverified.emailVerifiedClaim, false, 'only the boolean true counts');
  });

  for (const [what, make] of [
    ['a wrong nonce', (s: typeof sign) => s({ nonce: 'n-2' })],
    ['no nonce', (s: typeof sign) => s({ nonce: undefined })],
    ['a wrong iss', (s: typeof sign) => s({ iss: 'http://127.0.0.1:2' })],
    ['a wrong aud', (s: typeof sign) => s({ aud: 'someone-else' })],
    ['several audiences without us as azp', (s: typeof sign) => s({ aud: [CLIENT, 'other'] })],
    ['an expired one', (s: typeof sign) => s({}, { expiresIn: '-1m' })],
    ['a signature by another key', (s: typeof sign) => s({}, { key: stranger })],
  ] as const) {
    it(`refuses ${what}`, async () => {
      await assert.rejects(verifyIdToken(await make(sign), expected()), UpstreamError);
    });
  }

  it('refuses an unsigned token (alg none) and a tampered payload', async () => {
    const good = await sign({});
    const [header, , signature] = good.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: ISSUER, aud: CLIENT, sub: 'admin', nonce: 'n-1', iat: 1, exp: 9e9 })).toString('base64url');
    await assert.rejects(verifyIdToken(`${header}.${payload}.${signature}`, expected()), UpstreamError);
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await assert.rejects(verifyIdToken(`${none}.${payload}.`, expected()), UpstreamError);
  });
});

describe('demo OP: a rogue upstream whose ID token carries another nonce', () => {
  let t: TestOp;
  let rogue: ReturnType<typeof createServer>;
  let rogueIssuer = '';
  before(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'r1', alg: 'RS256', use: 'sig' };
    rogue = createServer((req, res) => {
      const url = new URL(req.url ?? '/', rogueIssuer);
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/.well-known/openid-configuration') {
        return json({
          issuer: rogueIssuer,
          authorization_endpoint: `${rogueIssuer}/auth`,
          token_endpoint: `${rogueIssuer}/token`,
          jwks_uri: `${rogueIssuer}/jwks`,
          authorization_response_iss_parameter_supported: true,
        });
      }
      if (url.pathname === '/jwks') return json({ keys: [jwk] });
      if (url.pathname === '/auth') {
        // Signs everyone in at once, as whoever.
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.search = new URLSearchParams({ code: 'c-1', state: url.searchParams.get('state')!, iss: rogueIssuer }).toString();
        return res.writeHead(303, { location: back.href }).end();
      }
      if (url.pathname === '/token') {
        void new SignJWT({ nonce: 'a-nonce-from-another-flow', email: 'ada@example.com', email_verified: true })
          .setProtectedHeader({ alg: 'RS256', kid: 'r1' })
          .setIssuer(rogueIssuer)
          .setAudience('demo-id')
          .setSubject('victim')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey)
          .then((idToken) => json({ access_token: 'a', token_type: 'Bearer', id_token: idToken }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
    rogueIssuer = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
    t = await startTestOp({ upstreams: [{ id: 'rogue', name: 'Rogue', issuer: rogueIssuer, clientId: 'demo-id', clientSecret: 's', kind: 'social' }] });
  });
  after(async () => {
    await t?.stop();
    rogue?.closeAllConnections();
    await new Promise((resolve) => rogue?.close(resolve));
  });

  it('refuses the sign-in and signs nobody in', async () => {
    const browser = new Browser(t.op.issuer);
    const res = await browser.request(authUrl(t.op.issuer, pkce().challenge, { idp: 'rogue' }));
    let next = new URL(res.headers.get('location')!, t.op.issuer);
    let answer: Response = res;
    // Follow through the rogue upstream and back, wherever it goes.
    for (let hops = 0; hops < 6; hops++) {
      answer = await browser.request(next);
      const location = answer.headers.get('location');
      if (!location) break;
      next = new URL(location, next);
    }
    assert.equal(answer.status, 400);
    assert.match(await answer.text(), /The answer from Rogue could not be verified/);
    assert.equal((t.op.db.sqlite.prepare('SELECT COUNT(*) AS n FROM federated_identities').get() as { n: number }).n, 0);
  });
});

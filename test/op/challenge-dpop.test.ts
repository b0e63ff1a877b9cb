import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { dpopProof as proofOf } from '../../src/connectors/dpop.js';

/** This page's key (one per app: issuer and client). */
const dpopProof = (method: string, url: string) => proofOf('demo-op|demo-app', method, url);
import { APP_ORIGIN, CLIENT_ID, REDIRECT_URI, httpFetch, pkce, startTestOp, useTestOp } from './helpers.js';
import type { Answer } from './challenge-helpers.js';
import { RELAXED_LIMITS, redeem } from './challenge-helpers.js';

/** Another browser's key: a proof made with node:crypto, as a proxy with its own key would. */
function otherKeyProof(privateKey: KeyObject, publicKey: KeyObject, url: string): string {
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } })}.${part({
    jti: randomBytes(16).toString('base64url'),
    htm: 'POST',
    htu: url,
    iat: Math.floor(Date.now() / 1000),
  })}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

async function post(issuer: string, params: Record<string, string>, proof?: string): Promise<Answer> {
  const url = new URL('/challenge', issuer);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN };
  if (proof) headers.dpop = proof;
  const res = await httpFetch(url, { method: 'POST', headers, body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString() });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('demo OP: the auth_session is bound to the DPoP key that started the flow', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  let endpoint: string;
  before(() => {
    issuer = server().op.issuer;
    endpoint = new URL('/challenge', issuer).href;
  });

  async function startBound() {
    const { verifier, challenge } = pkce();
    const first = await post(
      issuer,
      { username: SEEDED_USER.email, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: REDIRECT_URI },
      await dpopProof('POST', endpoint),
    );
    assert.equal(first.body.error, 'insufficient_authorization');
    return { verifier, authSession: String(first.body.auth_session) };
  }

  it('advertises DPoP with ES256 in discovery', async () => {
    const discovery = (await (await httpFetch(new URL('/.well-known/openid-configuration', issuer))).json()) as Record<string, unknown>;
    assert.ok((discovery.dpop_signing_alg_values_supported as string[]).includes('ES256'));
  });

  it('refuses a continuation without a proof, or with another key, as if the flow did not exist', async () => {
    const { authSession } = await startBound();
    const without = await post(issuer, { auth_session: authSession, password: SEEDED_USER.password });
    assert.equal(without.status, 400);
    assert.equal(without.body.error, 'invalid_session');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreign = await post(
      issuer,
      { auth_session: authSession, password: SEEDED_USER.password },
      otherKeyProof(other.privateKey, other.publicKey, endpoint),
    );
    assert.deepEqual({ status: foreign.status, error: foreign.body.error }, { status: 400, error: 'invalid_session' });
    // The refusals did not use the flow up: its own key still finishes it.
    const own = await post(issuer, { auth_session: authSession, password: SEEDED_USER.password }, await dpopProof('POST', endpoint));
    assert.equal(own.status, 200, JSON.stringify(own.body));
  });

  it('finishes a bound flow with proofs of its key, and the code redeems as usual', async () => {
    const { verifier, authSession } = await startBound();
    const wrong = await post(issuer, { auth_session: authSession, password: 'not the password at all' }, await dpopProof('POST', endpoint));
    assert.equal(wrong.body.reason, 'invalid_credentials');
    const done = await post(issuer, { auth_session: authSession, password: SEEDED_USER.password }, await dpopProof('POST', endpoint));
    assert.equal(done.status, 200);
    assert.ok((await redeem(issuer, done.body.authorization_code, verifier)).access_token);
  });

  it('refuses bad proofs with invalid_dpop_proof: replayed, for another URL, malformed', async () => {
    const { authSession } = await startBound();
    const proof = await dpopProof('POST', endpoint);
    assert.equal((await post(issuer, { auth_session: authSession, password: 'wrong guess number one' }, proof)).body.reason, 'invalid_credentials');
    const replay = await post(issuer, { auth_session: authSession, password: SEEDED_USER.password }, proof);
    assert.deepEqual({ status: replay.status, error: replay.body.error }, { status: 400, error: 'invalid_dpop_proof' });
    const elsewhere = await post(issuer, { auth_session: authSession, password: SEEDED_USER.password }, await dpopProof('POST', `${issuer}/token`));
    assert.equal(elsewhere.body.error, 'invalid_dpop_proof');
    assert.equal((await post(issuer, { auth_session: authSession }, 'garbage')).body.error, 'invalid_dpop_proof');
  });

  it('leaves flows started without a proof unbound (clients that do not use DPoP)', async () => {
    const { challenge } = pkce();
    const first = await post(issuer, { username: SEEDED_USER.email, code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: REDIRECT_URI });
    const done = await post(issuer, { auth_session: String(first.body.auth_session), password: SEEDED_USER.password });
    assert.equal(done.status, 200);
  });
});

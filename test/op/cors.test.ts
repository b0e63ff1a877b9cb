import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_ORIGIN, CLIENT_ID, tokenRequest, useTestOp } from './helpers.js';

const FOREIGN = 'http://127.0.0.1:6666';

describe('demo OP: CORS', () => {
  const server = useTestOp();

  it('answers the token preflight', async () => {
    const res = await fetch(new URL('/token', server().op.issuer), {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('gives the app origin an allow-origin header even on token errors', async () => {
    const res = await tokenRequest(server().op.issuer, {
      grant_type: 'authorization_code',
      code: 'nope',
      redirect_uri: `${APP_ORIGIN}/`,
      code_verifier: 'x'.repeat(43),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
  });

  it('does not allow a foreign origin at the token endpoint', async () => {
    const res = await tokenRequest(
      server().op.issuer,
      { grant_type: 'authorization_code', code: 'nope', redirect_uri: `${APP_ORIGIN}/`, code_verifier: 'x'.repeat(43) },
      FOREIGN,
    );
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
  });

  it('does not allow a foreign origin at the revocation endpoint', async () => {
    const res = await fetch(new URL('/token/revocation', server().op.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN },
      body: new URLSearchParams({ client_id: CLIENT_ID, token: 'whatever' }),
    });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('lets the app origin (only) read end_session', async () => {
    const url = new URL('/session/end', server().op.issuer);
    const mine = await fetch(url, { headers: { origin: APP_ORIGIN } });
    assert.equal(mine.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(mine.headers.get('access-control-allow-credentials'), null);
    const theirs = await fetch(url, { headers: { origin: FOREIGN } });
    assert.equal(theirs.headers.get('access-control-allow-origin'), null);
  });
});

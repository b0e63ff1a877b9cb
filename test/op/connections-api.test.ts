import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { mailbox, redeem, start, next } from './challenge-helpers.js';
import { APP_ORIGIN, exchangeCode, httpFetch, useTestOp } from './helpers.js';
import { FederationBrowser, UPSTREAM_PASSWORD, confirmLink, federatedSignIn, startFederationOp, toApp, upstreamSignIn } from './federation-helpers.js';
import type { FederationOp } from './federation-helpers.js';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function api(issuer: string, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const res = await httpFetch(new URL(path, issuer), {
    method,
    headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A password sign-in at /challenge (a fresh sign-in, so changes need no step-up). */
async function passwordToken(issuer: string, email: string, password: string): Promise<string> {
  const first = await start(issuer, { username: email });
  const done = await next(issuer, first.authSession, { password });
  return (await redeem(issuer, done.body.authorization_code, first.verifier)).access_token;
}

describe('demo OP: connections API (/api/connections)', () => {
  const server = useTestOp(startFederationOp) as () => FederationOp;
  let t: FederationOp;
  /** sam: made by Social ID, passwordless, one connection. */
  let sam: string;
  let ada: string;
  before(async () => {
    t = server();
    const signedIn = await federatedSignIn(t, 'social', 'sam');
    sam = (await exchangeCode(t.op.issuer, await toApp(signedIn.browser, signedIn.result), signedIn.verifier)).access_token;
    ada = await passwordToken(t.op.issuer, SEEDED_USER.email, SEEDED_USER.password);
  });

  it('lists the connections, the providers and which can go; no tokens', async () => {
    const answer = await api(t.op.issuer, 'GET', '/api/connections', sam);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const connections = answer.body.connections as Record<string, unknown>[];
    assert.equal(connections.length, 1);
    const [c] = connections;
    assert.deepEqual(Object.keys(c).sort(), ['email', 'id', 'issuer', 'linked_at', 'name', 'provider']);
    assert.equal(c.provider, 'social');
    assert.equal(c.name, 'Social ID');
    assert.equal(c.issuer, t.social.issuer);
    assert.equal(c.email, 'sam@social.test');
    assert.ok(!Number.isNaN(Date.parse(String(c.linked_at))));
    assert.deepEqual(answer.body.providers, [
      { id: 'social', name: 'Social ID' },
      { id: 'acme', name: 'Acme Corp SSO' },
    ]);
    assert.deepEqual(answer.body.can_unlink, { [String(c.id)]: false });
    assert.deepEqual((await api(t.op.issuer, 'GET', '/api/connections', ada)).body.connections, []);
  });

  it('DELETE: 409 last_method for the only way in, 404 for someone else’s (like an unknown id), 401 without a token', async () => {
    const id = String(((await api(t.op.issuer, 'GET', '/api/connections', sam)).body.connections as { id: string }[])[0].id);
    const last = await api(t.op.issuer, 'DELETE', `/api/connections/${id}`, sam);
    assert.equal(last.status, 409);
    assert.equal(last.body.error, 'last_method');
    assert.equal(typeof last.body.error_description, 'string');
    const foreign = await api(t.op.issuer, 'DELETE', `/api/connections/${id}`, ada);
    const unknown = await api(t.op.issuer, 'DELETE', '/api/connections/00000000-0000-0000-0000-000000000000', ada);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, unknown.body);
    assert.equal((await api(t.op.issuer, 'GET', '/api/connections', 'made-up')).status, 401);
  });

  it('POST checks provider and return_to (exact app origin, no open redirect)', async () => {
    for (const body of [
      { provider: 'social', return_to: 'https://evil.example/' },
      { provider: 'social', return_to: 'http://127.0.0.1:5174/' },
      { provider: 'social', return_to: 'http://user@127.0.0.1:5173/' },
      { provider: 'social', return_to: '/relative' },
      { provider: 'social', return_to: 'javascript:alert(1)' },
      { provider: 'social' },
      { provider: 'nope', return_to: `${APP_ORIGIN}/` },
    ]) {
      const answer = await api(t.op.issuer, 'POST', '/api/connections', ada, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error, 'invalid_request');
    }
  });

  it('links through the browser: single-use URL, upstream sign-in, back to return_to with linked=…; then it can be removed, with a notice', async () => {
    const started = await api(t.op.issuer, 'POST', '/api/connections', ada, { provider: 'social', return_to: `${APP_ORIGIN}/settings.html?tab=security` });
    assert.equal(started.status, 200);
    const url = String(started.body.url);
    assert.match(url, new RegExp(`^${t.op.issuer}/federation/link/[\\w-]{43}$`));

    const browser = FederationBrowser.for(t);
    // Asking changes nothing (a link passed to someone else, a preview): it names the account and can be cancelled.
    const asked = await browser.page(url);
    assert.match(asked.body, /<h1>Connect Social ID to <span class="email" title="ada@example\.com">/);
    assert.match(asked.body, /href="http:\/\/[^"]+\/settings\.html\?tab=security&amp;link_error=access_denied"/);
    const upstream = await confirmLink(browser, url);
    assert.equal(upstream.url.origin, new URL(t.social.issuer).origin);
    const back = await upstreamSignIn(browser, upstream, 'kim', UPSTREAM_PASSWORD);
    assert.ok('location' in back);
    assert.equal(back.location.origin, APP_ORIGIN);
    assert.equal(back.location.pathname, '/settings.html');
    assert.equal(back.location.searchParams.get('tab'), 'security');
    assert.equal(back.location.searchParams.get('linked'), 'social');
    assert.ok((await mailbox(t.op.issuer, SEEDED_USER.email)).some((m) => m.subject === 'Social ID was connected to your account'));

    // Single-use.
    const again = await FederationBrowser.for(t).page(url);
    assert.equal(again.status, 400);

    const list = await api(t.op.issuer, 'GET', '/api/connections', ada);
    const [connection] = list.body.connections as { id: string; email: string }[];
    assert.equal(connection.email, 'kim@social.test');
    assert.deepEqual(list.body.can_unlink, { [connection.id]: true }, 'ada has a password');
    const removed = await api(t.op.issuer, 'DELETE', `/api/connections/${connection.id}`, ada);
    assert.equal(removed.status, 204);
    assert.deepEqual((await api(t.op.issuer, 'GET', '/api/connections', ada)).body.connections, []);
    assert.equal((await mailbox(t.op.issuer, SEEDED_USER.email))[0].subject, 'Social ID was disconnected from your account');
  });

  it("never moves someone else's upstream identity: link_error=already_linked", async () => {
    const started = await api(t.op.issuer, 'POST', '/api/connections', ada, { provider: 'social', return_to: `${APP_ORIGIN}/` });
    const browser = FederationBrowser.for(t);
    const back = await upstreamSignIn(browser, await confirmLink(browser, String(started.body.url)), 'sam', UPSTREAM_PASSWORD);
    assert.ok('location' in back);
    assert.equal(back.location.searchParams.get('link_error'), 'already_linked');
    assert.equal(back.location.searchParams.get('linked'), null);
    assert.deepEqual((await api(t.op.issuer, 'GET', '/api/connections', ada)).body.connections, []);
  });

  it('cancelled at the upstream: link_error=access_denied', async () => {
    const started = await api(t.op.issuer, 'POST', '/api/connections', ada, { provider: 'social', return_to: `${APP_ORIGIN}/` });
    const browser = FederationBrowser.for(t);
    const page = await confirmLink(browser, String(started.body.url));
    const abort = /action="([^"]*\/abort)"/.exec(page.body)![1];
    const back = await browser.go(new URL(abort, page.url), {});
    assert.ok('location' in back);
    assert.equal(back.location.searchParams.get('link_error'), 'access_denied');
  });

  it('answers the CORS preflight for app origins only', async () => {
    const preflight = (origin: string) =>
      httpFetch(new URL('/api/connections', t.op.issuer), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const ok = await preflight(APP_ORIGIN);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, POST');
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
  });
});

describe('demo OP: connections API wants a recent sign-in to change things', () => {
  const server = useTestOp(() => startFederationOp({ recentAuthMaxAgeSeconds: -1 })) as () => FederationOp;

  it('POST and DELETE answer 401 insufficient_user_authentication (RFC 9470); GET does not', async () => {
    const t = server();
    const token = await passwordToken(t.op.issuer, SEEDED_USER.email, SEEDED_USER.password);
    assert.equal((await api(t.op.issuer, 'GET', '/api/connections', token)).status, 200);
    for (const [method, path, body] of [
      ['POST', '/api/connections', { provider: 'social', return_to: `${APP_ORIGIN}/` }],
      ['DELETE', '/api/connections/00000000-0000-0000-0000-000000000000', undefined],
    ] as const) {
      const answer = await api(t.op.issuer, method, path, token, body);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error, 'insufficient_user_authentication');
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_user_authentication".*max_age=-1$/);
    }
  });
});

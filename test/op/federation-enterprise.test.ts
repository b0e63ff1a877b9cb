import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { challenge, start } from './challenge-helpers.js';
import { CLIENT_ID, REDIRECT_URI, authUrl, exchangeCode, formAction, jwtPayload, pkce, useTestOp } from './helpers.js';
import { FederationBrowser, UPSTREAM_PASSWORD, startFederationOp, toApp, upstreamSignIn } from './federation-helpers.js';
import type { FederationOp } from './federation-helpers.js';
import { fakeElements, hosted, interactionUid } from './hosted-helpers.js';

describe('demo OP: company sign-in (email-first, Acme Corp SSO)', () => {
  const server = useTestOp(startFederationOp) as () => FederationOp;
  let t: FederationOp;
  before(() => {
    t = server();
  });

  it('/challenge answers a company email with redirect_to_web, and the follow-up /auth goes to Acme and back with a code', async () => {
    const answer = await start(t.op.issuer, { username: 'Bob@Acme.test' });
    assert.equal(answer.status, 403);
    assert.deepEqual(
      { ...answer.body, error_description: undefined },
      { error: 'redirect_to_web', error_description: undefined, idp: 'acme', domain_hint: 'acme.test', login_hint: 'Bob@Acme.test' },
    );
    assert.equal(typeof answer.body.error_description, 'string');
    assert.equal(answer.headers.get('cache-control'), 'no-store');

    // What the element does next: a normal redirect sign-in with the hints.
    const browser = FederationBrowser.for(t);
    const { verifier, challenge: codeChallenge } = pkce();
    const page = await browser.page(authUrl(t.op.issuer, codeChallenge, { idp: 'acme', login_hint: 'bob@acme.test', domain_hint: 'acme.test' }));
    assert.equal(page.url.origin, new URL(t.acme.issuer).origin, 'straight to Acme');
    assert.match(page.body, /<h1>Sign in with Acme Corp SSO<\/h1>/);
    assert.match(page.body, /name="login" type="text" autocomplete="username" required value="bob@acme.test"/, 'login_hint passed on');
    const location = await toApp(browser, await upstreamSignIn(browser, page, 'bob@acme.test', UPSTREAM_PASSWORD));
    assert.equal(location.origin + location.pathname, REDIRECT_URI);
    const id = jwtPayload((await exchangeCode(t.op.issuer, location, verifier)).id_token);
    const bob = t.op.db.users.findByEmail('bob@acme.test');
    assert.ok(bob);
    assert.equal(id.sub, bob.id);
    // Acme sends no email_verified; its own domain counts as verified.
    assert.equal(id.email_verified, true);
  });

  it('domain_hint alone routes too; an unknown idp or domain is the normal sign-in page', async () => {
    const routed = await FederationBrowser.for(t).page(authUrl(t.op.issuer, pkce().challenge, { domain_hint: 'acme.test' }));
    assert.equal(routed.url.origin, new URL(t.acme.issuer).origin);
    for (const extra of [{ idp: 'unknown' }, { domain_hint: 'example.com' }, { idp: '' }] as Record<string, string>[]) {
      const page = await FederationBrowser.for(t).page(authUrl(t.op.issuer, pkce().challenge, extra));
      assert.equal(page.url.origin, new URL(t.op.issuer).origin, JSON.stringify(extra));
      assert.match(page.body, /<h1>Sign in to Demo ID<\/h1>/);
    }
  });

  it('a company email cannot sign up with a password here: sign-up goes to its IdP too', async () => {
    const answer = await start(t.op.issuer, { action: 'signup', email: 'carol@acme.test', password: 'a-long-enough-passphrase-44', name: 'Carol' });
    assert.equal(answer.status, 403);
    assert.deepEqual([answer.body.error, answer.body.idp, answer.body.login_hint], ['redirect_to_web', 'acme', 'carol@acme.test']);
    assert.equal(t.op.db.users.findByEmail('carol@acme.test'), undefined);
    const other = await start(t.op.issuer, { action: 'signup', email: 'carol@example.com', password: 'a-long-enough-passphrase-44', name: 'Carol' });
    assert.equal(other.body.error, 'insufficient_authorization');
  });

  it('other domains get the usual insufficient_authorization, and nothing lists the routed domains', async () => {
    const answer = await start(t.op.issuer, { username: SEEDED_USER.email });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.methods, ['password', 'email_code', 'email_link']);
    const lookalike = await start(t.op.issuer, { username: 'bob@acme.test.example.com' });
    assert.equal(lookalike.body.error, 'insufficient_authorization');
    const meta = await (await fetch(new URL('/.well-known/openid-configuration', t.op.issuer))).text();
    assert.doesNotMatch(meta, /acme/i);
    const login = await FederationBrowser.for(t).page(authUrl(t.op.issuer, pkce().challenge));
    assert.doesNotMatch(login.body, /acme/i);
  });

  it('answers routed and unrouted emails in comparable time', async () => {
    const { challenge: codeChallenge } = pkce();
    const params = (username: string) => ({
      username,
      scope: 'openid',
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      redirect_uri: REDIRECT_URI,
    });
    const time = async (username: string) => {
      const started = performance.now();
      await challenge(t.op.issuer, params(username));
      return performance.now() - started;
    };
    const routed: number[] = [];
    const unrouted: number[] = [];
    for (let i = 0; i < 5; i++) await Promise.all([time('warm@acme.test'), time('warm@example.com')]);
    for (let i = 0; i < 30; i++) {
      // Interleaved, so drift hits both alike.
      routed.push(await time(`user${i}@acme.test`));
      unrouted.push(await time(`user${i}@example.com`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [r, u] = [median(routed), median(unrouted)];
    // Same order of magnitude (the brief for this check); the routed answer does no database work at all.
    assert.ok(Math.max(r, u) / Math.min(r, u) < 10, `routed ${r.toFixed(2)} ms vs unrouted ${u.toFixed(2)} ms`);
  });

  it('the plain login form is email-first: a company email goes to its IdP, another email without a password gets the password step', async () => {
    const browser = FederationBrowser.for(t);
    const page = await browser.page(authUrl(t.op.issuer, pkce().challenge));
    const action = formAction(page.body, '/login');
    const step = await browser.page(action, { email: SEEDED_USER.email, password: '' });
    assert.match(step.body, /name="email" type="email" autocomplete="username" required value="ada@example.com"/);
    assert.match(step.body, /name="password" type="password" autocomplete="current-password" autofocus>/);
    assert.doesNotMatch(step.body, /role="alert"/);

    const acme = await browser.page(action, { email: 'bob@acme.test', password: 'anything typed here is never checked' });
    assert.equal(acme.url.origin, new URL(t.acme.issuer).origin);
    assert.match(acme.body, /value="bob@acme.test"/);
  });
});

describe('demo OP: company sign-in on the hosted page', () => {
  let elements: ReturnType<typeof fakeElements> | undefined;
  const server = useTestOp(() => {
    elements = fakeElements();
    return startFederationOp({ elementsDir: elements.dir });
  }) as () => FederationOp;
  after(() => elements?.cleanup());

  it('/interaction/:uid/challenge answers a company email with redirect_to its IdP', async () => {
    const t = server();
    const browser = FederationBrowser.for(t);
    const { verifier, challenge: codeChallenge } = pkce();
    const page = await browser.page(authUrl(t.op.issuer, codeChallenge));
    const uid = interactionUid(page);
    const answer = await hosted(browser, uid, { username: 'bob@acme.test' });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      redirect_to: `${t.op.issuer}/interaction/${uid}/federate/acme?login_hint=bob%40acme.test&domain_hint=acme.test`,
    });
    const other = await hosted(browser, uid, { username: SEEDED_USER.email });
    assert.equal(other.body.error, 'insufficient_authorization');

    const acme = await browser.page(String(answer.body.redirect_to));
    assert.equal(acme.url.origin, new URL(t.acme.issuer).origin);
    const location = await toApp(browser, await upstreamSignIn(browser, acme, 'bob', UPSTREAM_PASSWORD));
    const id = jwtPayload((await exchangeCode(t.op.issuer, location, verifier)).id_token);
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.email, 'bob@acme.test');
  });

  it('the hosted page offers the social upstreams to its element, and action=federate answers where that sign-in starts', async () => {
    const t = server();
    const browser = FederationBrowser.for(t);
    const { challenge: codeChallenge } = pkce();
    const page = await browser.page(authUrl(t.op.issuer, codeChallenge));
    assert.match(page.body, /<ciam-login mode="hosted"[^>]* social="social=Social ID"/);
    const uid = interactionUid(page);
    const answer = await hosted(browser, uid, { action: 'federate', idp: 'social' });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { redirect_to: `${t.op.issuer}/interaction/${uid}/federate/social` });
    const social = await browser.page(String(answer.body.redirect_to));
    assert.equal(social.url.origin, new URL(t.social.issuer).origin);
    for (const idp of ['nobody', '']) {
      const refused = await hosted(browser, uid, { action: 'federate', idp });
      assert.equal(refused.status, 400, idp);
      assert.equal(refused.body.error, 'invalid_request');
    }
  });
});

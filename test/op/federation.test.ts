import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { mailbox } from './challenge-helpers.js';
import { REDIRECT_URI, authUrl, exchangeCode, formAction, jwtPayload, pkce, tokenRequest, useTestOp } from './helpers.js';
import type { Page } from './helpers.js';
import { FederationBrowser, UPSTREAM_PASSWORD, federatedSignIn, startFederationOp, toApp } from './federation-helpers.js';
import type { FederationOp } from './federation-helpers.js';

function asPage(result: Page | { location: URL }): Page {
  assert.ok(!('location' in result), `expected an OP page, went to ${'location' in result ? result.location.href : ''}`);
  return result;
}

function links(t: FederationOp, userId: string): { issuer: string; subject: string; provider_id: string }[] {
  return t.op.db.sqlite.prepare('SELECT issuer, subject, provider_id FROM federated_identities WHERE user_id = ?').all(userId) as never[];
}

function userCount(t: FederationOp): number {
  return (t.op.db.sqlite.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

describe('demo OP: federation with Social ID (sign-in, JIT accounts, linking)', () => {
  const server = useTestOp(startFederationOp) as () => FederationOp;
  let t: FederationOp;
  before(() => {
    t = server();
  });

  it('idp=social goes straight to Social ID; a first sign-in creates the account (JIT) and links it', async () => {
    const { browser, verifier, result } = await federatedSignIn(t, 'social', 'sam', { acr_values: 'pwd' });
    const location = await toApp(browser, result);
    assert.equal(location.origin + location.pathname, REDIRECT_URI);
    const tokens = await exchangeCode(t.op.issuer, location, verifier);
    const id = jwtPayload(tokens.id_token);
    const user = t.op.db.users.findByEmail('sam@social.test');
    assert.ok(user, 'account created');
    assert.equal(id.sub, user.id);
    assert.equal(id.email, 'sam@social.test');
    assert.equal(id.email_verified, true);
    assert.equal(id.name, 'Sam Social');
    assert.equal(user.hasPassword, false, 'passwordless: it signs in through Social ID');
    assert.deepEqual(links(t, user.id), [{ issuer: t.social.issuer, subject: 'social-1001', provider_id: 'social' }]);
  });

  it('a second sign-in with the same Social ID user lands in the same account', async () => {
    const before = userCount(t);
    const { browser, verifier, result } = await federatedSignIn(t, 'social', 'sam@social.test');
    const tokens = await exchangeCode(t.op.issuer, await toApp(browser, result), verifier);
    assert.equal(jwtPayload(tokens.id_token).sub, t.op.db.users.findByEmail('sam@social.test')!.id);
    assert.equal(userCount(t), before);
  });

  it('a verified email of an existing account asks for proof: a wrong password links nothing, the right one links and mails a notice', async () => {
    const ada = t.op.db.users.findByEmail(SEEDED_USER.email)!;
    const { browser, verifier, result } = await federatedSignIn(t, 'social', 'ada');
    const proof = asPage(result);
    assert.equal(proof.status, 200);
    assert.match(proof.url.pathname, /^\/interaction\/[\w-]+\/federated$/);
    assert.match(proof.body, /<h1>Connect Social ID to your account<\/h1>/);
    assert.match(proof.body, /An account with <strong><span class="email" title="ada@example.com">/);
    assert.doesNotMatch(proof.body, /<script|style="/);
    assert.equal(proof.headers.get('content-security-policy'), "default-src 'self'; base-uri 'none'; frame-ancestors 'none'");

    const action = formAction(proof.body, '/federated');
    const wrong = await browser.page(action, { password: 'not the password at all' });
    assert.match(wrong.body, /role="alert">That password is not right\.<\/p>/);
    assert.deepEqual(links(t, ada.id), []);

    const right = await browser.go(action, { password: SEEDED_USER.password });
    const tokens = await exchangeCode(t.op.issuer, await toApp(browser, right), verifier);
    assert.equal(jwtPayload(tokens.id_token).sub, ada.id);
    assert.deepEqual(links(t, ada.id), [{ issuer: t.social.issuer, subject: 'social-1002', provider_id: 'social' }]);

    const notice = (await mailbox(t.op.issuer, SEEDED_USER.email)).find((m) => m.subject === 'Social ID was connected to your account');
    assert.ok(notice, 'notice mailed');
    const unlink = new RegExp(`${t.op.issuer}/federation/unlink/[\\w-]{43}`).exec(notice.text)?.[0];
    assert.ok(unlink, notice.text);

    // Next time Social ID's ada goes straight in, no proof asked.
    const again = await federatedSignIn(t, 'social', 'ada');
    assert.equal(jwtPayload((await exchangeCode(t.op.issuer, await toApp(again.browser, again.result), again.verifier)).id_token).sub, ada.id);

    // "This wasn't me": GET only asks.
    const mailReader = new FederationBrowser(t.op.issuer, [t.op.issuer]);
    const confirm = await mailReader.page(unlink);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /<h1>Disconnect Social ID\?<\/h1>/);
    assert.equal(links(t, ada.id).length, 1, 'GET changed nothing');
    assert.equal((await mailReader.page(unlink)).status, 200, 'and can be opened again');

    const done = await mailReader.page(formAction(confirm.body, new URL(unlink).pathname), {});
    assert.match(done.body, /<h1>Social ID is disconnected<\/h1>/);
    assert.deepEqual(links(t, ada.id), []);
    // Every session and token of the account ended.
    const refreshed = await tokenRequest(t.op.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(refreshed.status, 400);
    // Single-use.
    assert.equal((await mailReader.page(unlink)).status, 400);
    assert.equal(((await mailReader.go(unlink, {})) as Page).status, 400);
  });

  it('proof by an emailed code (the existing limits and mailbox), then linked', async () => {
    const kim = await t.op.db.users.create({ email: 'kim@social.test', password: 'a-long-enough-passphrase-42', name: 'Kim Local' });
    const { browser, verifier, result } = await federatedSignIn(t, 'social', 'kim');
    const proof = asPage(result);
    const action = formAction(proof.body, '/federated');
    const sent = await browser.page(action, { method: 'email_code' });
    assert.match(sent.body, /We sent a 6-digit code to/);
    const mail = (await mailbox(t.op.issuer, 'kim@social.test'))[0];
    assert.equal(mail.subject, 'Your code to connect Social ID');
    const tooSoon = await browser.page(action, { method: 'email_code' });
    assert.equal(tooSoon.status, 429);
    const wrong = await browser.page(action, { code: mail.code === '000000' ? '111111' : '000000' });
    assert.match(wrong.body, /That code is not right\./);
    const tokens = await exchangeCode(t.op.issuer, await toApp(browser, await browser.go(action, { code: mail.code! })), verifier);
    assert.equal(jwtPayload(tokens.id_token).sub, kim.id);
    assert.equal(links(t, kim.id).length, 1);
    // Kim's address was never verified: the password was set by whoever made the account, maybe not Kim
    // (pre-hijacking). The code proved the address, so the password goes and the address counts as verified.
    assert.equal(kim.emailVerified, false);
    assert.equal(await t.op.db.users.verifyCredentials('kim@social.test', 'a-long-enough-passphrase-42'), undefined);
    assert.equal(t.op.db.users.findById(kim.id)?.emailVerified, true);
  });

  it('a code proof keeps the password of an account whose address was verified', async () => {
    // Sam's account (made by the first Social ID sign-in above, verified) gets a password and loses its link.
    const sam =
      t.op.db.users.findByEmail('sam@social.test') ?? (await t.op.db.users.create({ email: 'sam@social.test', password: 'x'.repeat(20), name: 'Sam' }));
    await t.op.db.users.setPassword(sam.id, 'a-long-enough-passphrase-43', true);
    t.op.db.sqlite.prepare('DELETE FROM federated_identities WHERE user_id = ?').run(sam.id);
    const { browser, verifier, result } = await federatedSignIn(t, 'social', 'sam');
    const action = formAction(asPage(result).body, '/federated');
    await browser.page(action, { method: 'email_code' });
    const mail = (await mailbox(t.op.issuer, 'sam@social.test'))[0];
    const tokens = await exchangeCode(t.op.issuer, await toApp(browser, await browser.go(action, { code: mail.code! })), verifier);
    assert.equal(jwtPayload(tokens.id_token).sub, sam.id);
    assert.equal((await t.op.db.users.verifyCredentials('sam@social.test', 'a-long-enough-passphrase-43'))?.id, sam.id);
  });

  it('an unverified email never links and never creates an account, and says the same whether or not the email is taken', async () => {
    const users = userCount(t);
    const taken = await federatedSignIn(t, 'social', 'mallory');
    const page = asPage(taken.result);
    assert.match(page.body, /<h1>Social ID did not confirm your email<\/h1>/);
    assert.match(page.body, /Social ID did not confirm this email address\. Sign in with your password, then connect Social ID from your account\./);
    assert.doesNotMatch(page.body, /ada@example\.com/);
    const free = asPage((await federatedSignIn(t, 'social', 'pat')).result);
    const strip = (body: string) => body.replaceAll(/\/interaction\/[\w-]+/g, '/interaction/UID');
    assert.equal(strip(free.body), strip(page.body), 'no email-existence oracle');
    assert.equal(userCount(t), users);
    assert.equal(t.op.db.users.findByEmail('pat@social.test'), undefined);
    assert.deepEqual(links(t, t.op.db.users.findByEmail(SEEDED_USER.email)!.id), []);

    const cancelled = await taken.browser.leave(formAction(page.body, '/abort'), {});
    assert.equal(cancelled.searchParams.get('error'), 'access_denied');
  });

  it('an unknown idp is just the sign-in page; cancelling at the upstream comes back to it (no loop)', async () => {
    const browser = FederationBrowser.for(t);
    const page = await browser.page(authUrl(t.op.issuer, pkce().challenge, { idp: 'nope' }));
    assert.equal(new URL(page.url).origin, new URL(t.op.issuer).origin);
    assert.match(page.body, /<h1>Sign in to Demo ID<\/h1>/);
    assert.match(page.body, /Continue with Social ID/);
    assert.doesNotMatch(page.body, /Acme/, 'company IdPs are not listed');

    const upstream = await browser.page(authUrl(t.op.issuer, pkce().challenge, { idp: 'social' }));
    const back = await browser.page(new URL(formAction(upstream.body, '/abort'), upstream.url), {});
    assert.match(back.body, /<h1>Sign in to Demo ID<\/h1>/);
    assert.equal(new URL(back.url).origin, new URL(t.op.issuer).origin);
  });
});

describe('demo OP: federation security', () => {
  const server = useTestOp(startFederationOp) as () => FederationOp;
  let t: FederationOp;
  before(() => {
    t = server();
  });

  /** Up to the upstream's redirect back to us; returns the callback URL without following it. */
  async function callbackUrl(browser: FederationBrowser, login: string): Promise<URL> {
    const upstream = await browser.page(authUrl(t.op.issuer, pkce().challenge, { idp: 'social' }));
    let step = await browser.step(new URL(formAction(upstream.body, '/login'), upstream.url), { login, password: UPSTREAM_PASSWORD });
    while (step.location && step.location.origin !== new URL(t.op.issuer).origin) step = await browser.step(step.location);
    assert.ok(step.location, 'redirected back');
    assert.equal(step.location.pathname, '/federation/callback');
    return step.location;
  }

  it('sends state, nonce, PKCE S256 and login_hint to the upstream, and a browser-binding cookie', async () => {
    const browser = FederationBrowser.for(t);
    const res = await browser.request(authUrl(t.op.issuer, pkce().challenge, { idp: 'social', login_hint: 'sam@social.test' }));
    const interaction = new URL(res.headers.get('location')!, t.op.issuer);
    const start = await browser.step(interaction);
    const federate = start.location!;
    assert.match(federate.pathname, /\/federate\/social$/);
    assert.equal(federate.searchParams.get('login_hint'), 'sam@social.test');
    const toUpstream = await browser.request(federate);
    const url = new URL(toUpstream.headers.get('location')!);
    assert.equal(url.origin, new URL(t.social.issuer).origin);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge')!, /^[\w-]{43}$/);
    assert.match(url.searchParams.get('state')!, /^[\w-]{43}$/);
    assert.match(url.searchParams.get('nonce')!, /^[\w-]{43}$/);
    assert.equal(url.searchParams.get('login_hint'), 'sam@social.test');
    assert.equal(url.searchParams.get('redirect_uri'), `${t.op.issuer}/federation/callback`);
    assert.match(toUpstream.headers.get('set-cookie') ?? '', /^fed_[\w-]{16}=[\w-]{43}; Path=\/federation\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  it('refuses a replayed callback (state is single-use)', async () => {
    const browser = FederationBrowser.for(t);
    const callback = await callbackUrl(browser, 'sam');
    const first = await browser.step(callback);
    assert.equal(first.status, 303);
    assert.match(first.location!.pathname, /\/federated$/);
    const replay = await browser.step(callback);
    assert.equal(replay.status, 400);
    assert.match(replay.body, /expired or was already used/);
  });

  it('refuses a callback in another browser (login CSRF), and a made-up state', async () => {
    const callback = await callbackUrl(FederationBrowser.for(t), 'sam');
    const victim = FederationBrowser.for(t);
    const planted = await victim.step(callback);
    assert.equal(planted.status, 400);
    assert.match(planted.body, /started in another browser/);
    const madeUp = new URL(callback);
    madeUp.searchParams.set('state', 'x'.repeat(43));
    assert.equal((await victim.step(madeUp)).status, 400);
  });

  it('refuses a callback with a wrong iss (mix-up) or a code the upstream never issued', async () => {
    const browser = FederationBrowser.for(t);
    const callback = await callbackUrl(browser, 'sam');
    const mixed = new URL(callback);
    mixed.searchParams.set('iss', t.acme.issuer);
    const answer = await browser.step(mixed);
    assert.equal(answer.status, 400);
    assert.match(answer.body, /could not be verified/);

    const other = FederationBrowser.for(t);
    const forged = await callbackUrl(other, 'sam');
    forged.searchParams.set('code', 'made-up-code');
    assert.equal((await other.step(forged)).status, 400);
  });
});

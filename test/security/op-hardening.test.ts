// Attack battery, the demo OP's other controls: the Host header (DNS
// rebinding), one credential path with one password policy (the plain forms
// included), no sign-in before the address is proven, a reset that leaves no
// planted passkey, and the embedded flow's auth_session bound to its DPoP key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { dpopProof as proofOf } from '../../src/connectors/dpop.js';

/** This page's key (one per app: issuer and client). */
const dpopProof = (method: string, url: string) => proofOf('demo-op|demo-app', method, url);
import { RELAXED_LIMITS, latestCode, next, start } from '../op/challenge-helpers.js';
import { Browser, CLIENT_ID, authUrl, formAction, pkce, startTestOp } from '../op/helpers.js';
import type { TestOp } from '../op/helpers.js';
import { categoryTallies } from './battery.js';
import { forgedProof, postFrom } from './op-helpers.js';

/** A GET with the Host header we choose (fetch() would not let us). */
function getWithHost(issuer: string, path: string, host: string): Promise<number> {
  const url = new URL(issuer);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', agent: false, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security battery: demo OP hardening', () => {
  let t: TestOp;
  let issuer: string;
  const { count, record } = categoryTallies();
  before(async () => {
    t = await startTestOp({ rateLimit: RELAXED_LIMITS });
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    record();
  });

  it('answers only to its own Host: a rebinding page cannot read the mailbox or drive the flows', async () => {
    const { port } = new URL(issuer);
    const hosts = [`evil.example:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`, `127.0.0.2:${port}`];
    for (const host of hosts) {
      for (const path of ['/mailbox.json?to=ada@example.com', '/mailbox', '/.well-known/openid-configuration']) {
        const status = await getWithHost(issuer, path, host);
        count('host header', status === 421);
        assert.equal(status, 421, `${host} ${path}`);
      }
    }
    // The issuer's own name still works.
    assert.equal(await getWithHost(issuer, '/healthz', new URL(issuer).host), 200);
  });

  it('one password policy everywhere: the plain form and /challenge refuse the same weak passwords', async () => {
    const weak = ['passwordpassword', 'short one', 'aaaaaaaaaaaaaaaaaaaa', 'policy-test@example.com!!', 'long '.repeat(60)];
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge, { prompt: 'create' }));
    const action = formAction(page.body, '/register');
    for (const password of weak) {
      const form = await browser.page(action, { name: 'Policy Test', email: 'policy-test@example.com', password });
      const refusedByForm = /role="alert"/.test(form.body) && !/Check your email/.test(form.body);
      count('credential path', refusedByForm);
      assert.ok(refusedByForm, `the form took ${password}`);
      const api = await start(issuer, { action: 'signup', email: 'policy-test@example.com', password });
      count('credential path', api.body.reason === 'weak_password');
      assert.equal(api.body.reason, 'weak_password', password);
    }
  });

  it('no sign-in before the address is proven: a registration without the code leaves nothing to sign in to', async () => {
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge, { prompt: 'create' }));
    await browser.page(formAction(page.body, '/register'), { name: 'Squatter', email: 'victim@example.com', password: 'tidal amber lantern orchard' });
    const flow = await start(issuer, { username: 'victim@example.com' });
    const signIn = await next(issuer, flow.authSession, { password: 'tidal amber lantern orchard' });
    count('credential path', signIn.status !== 200);
    assert.equal(signIn.body.reason, 'invalid_credentials');
    assert.equal(t.op.db.users.findByEmail('victim@example.com'), undefined);
  });

  it('a password reset removes every passkey, so a planted one does not outlive it, and says so', async () => {
    const owner = await t.op.db.users.create({ email: 'owner@example.com', name: 'Owner', password: 'the owners own passphrase' });
    t.op.db.passkeys.add({
      id: randomBytes(16).toString('base64url'),
      userId: owner.id,
      publicKey: new Uint8Array(randomBytes(77)),
      counter: 0,
      transports: [],
      deviceType: 'singleDevice',
      backedUp: false,
      name: 'Planted passkey',
    });
    const flow = await start(issuer, { action: 'recover', email: 'owner@example.com' });
    const code = await latestCode(issuer, 'owner@example.com');
    const done = await next(issuer, flow.authSession, { code, new_password: 'a brand new passphrase here' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const left = t.op.db.passkeys.listByUser(owner.id);
    count('recovery', left.length === 0);
    assert.deepEqual(left, []);
    const notice = t.op.db.mails.list('owner@example.com').find((mail) => mail.subject === 'Your password was changed');
    assert.match(notice?.text ?? '', /Your passkeys were removed too.*Planted passkey/s);
  });

  it('a bound auth_session cannot be continued without its key (a proxy, or whoever read the value)', async () => {
    const endpoint = new URL('/challenge', issuer).href;
    const { challenge } = pkce();
    const first = await postFrom(
      '127.0.0.1',
      issuer,
      '/challenge',
      { client_id: CLIENT_ID, username: SEEDED_USER.email, code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: 'http://127.0.0.1:5173/' },
      { dpop: await dpopProof('POST', endpoint) },
    );
    const session = String(first.body.auth_session);
    const foreignProof = forgedProof({}, { htm: 'POST', htu: endpoint });
    const attempts = [
      await postFrom('127.0.0.3', issuer, '/challenge', { client_id: CLIENT_ID, auth_session: session, password: SEEDED_USER.password }),
      await postFrom(
        '127.0.0.3',
        issuer,
        '/challenge',
        { client_id: CLIENT_ID, auth_session: session, password: SEEDED_USER.password },
        { dpop: foreignProof },
      ),
      await postFrom('127.0.0.3', issuer, '/challenge', { client_id: CLIENT_ID, auth_session: session, method: 'email_code' }),
    ];
    for (const answer of attempts) {
      count('auth_session binding', answer.body.error === 'invalid_session');
      assert.equal(answer.body.error, 'invalid_session');
    }
  });
});

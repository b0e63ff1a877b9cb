import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { SEEDED_USER } from '../../demo/op/server.js';
import { latestCode } from './challenge-helpers.js';
import { httpFetch, useTestOp } from './helpers.js';
import { APP, api, challengeAt, passwordTokens, redeemAt, registerPasskey, startFlow, startPasskeyOp } from './passkey-helpers.js';
import type { PasskeyView } from './passkey-helpers.js';
import { SoftAuthenticator } from './soft-authenticator.js';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';

describe('demo OP: passkey management API', () => {
  const server = useTestOp(startPasskeyOp);
  let issuer: string;
  let token: string;
  /** Another user's access token. */
  let grace: string;
  before(async () => {
    issuer = server().op.issuer;
    token = (await passwordTokens(issuer)).access_token!;
    await server().op.db.users.create({ email: 'grace@example.com', password: 'a-long-enough-passphrase-42', name: 'Grace' });
    grace = (await passwordTokens(issuer, 'grace@example.com', 'a-long-enough-passphrase-42')).access_token!;
  });

  it('runs at http://localhost:<port> with the host name as RP ID', () => {
    assert.match(issuer, /^http:\/\/localhost:\d+$/);
  });

  it('hands out creation options for the signed-in user and keeps the user handle', async () => {
    const first = await api(issuer, 'POST', '/api/passkeys/options', { token });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.equal(first.headers.get('access-control-allow-origin'), APP);
    const options = first.body as PublicKeyCredentialCreationOptionsJSON;
    assert.deepEqual(options.rp, { name: 'Demo ID', id: 'localhost' });
    assert.equal(options.user.name, SEEDED_USER.email);
    assert.equal(options.user.displayName, SEEDED_USER.name);
    assert.match(options.user.id, /^[A-Za-z0-9_-]{43}$/, '32 random bytes');
    assert.equal(options.authenticatorSelection?.residentKey, 'required');
    assert.equal(options.authenticatorSelection?.userVerification, 'required');
    assert.equal(options.attestation, 'none');
    assert.equal(options.timeout, 60000);
    assert.ok(
      options.pubKeyCredParams.some((p) => p.alg === -7),
      'ES256 offered',
    );
    assert.deepEqual(options.excludeCredentials, []);

    const again = (await api(issuer, 'POST', '/api/passkeys/options', { token })).body as PublicKeyCredentialCreationOptionsJSON;
    assert.equal(again.user.id, options.user.id, 'stable user handle');
    assert.notEqual(again.challenge, options.challenge, 'fresh challenge');
  });

  it('registers passkeys, names them, and lists them newest first', async () => {
    const synced = new SoftAuthenticator({ multiDevice: true, aaguid: ICLOUD });
    const first = await registerPasskey(issuer, token, synced);
    assert.equal(first.name, 'iCloud Keychain', 'named after the known authenticator');
    assert.equal(first.device_type, 'multiDevice');
    assert.equal(first.backed_up, true);
    assert.deepEqual(first.transports, ['internal', 'hybrid']);
    assert.equal(first.last_used_at, null);
    assert.ok(!Number.isNaN(Date.parse(first.created_at)));
    assert.equal(first.id, synced.credentials[0].id);

    const local = new SoftAuthenticator();
    const second = await registerPasskey(issuer, token, local);
    assert.equal(second.name, `Passkey ${new Date().toISOString().slice(0, 10)}`, 'unknown authenticator: a dated default');
    assert.equal(second.device_type, 'singleDevice');
    assert.equal(second.backed_up, false);

    const named = await registerPasskey(issuer, token, new SoftAuthenticator(), '  Work laptop  ');
    assert.equal(named.name, 'Work laptop');

    const list = await api(issuer, 'GET', '/api/passkeys', { token });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('cache-control'), 'no-store');
    assert.deepEqual(list.body, [named, second, first]);
    for (const key of ['public_key', 'counter', 'user_id']) assert.ok(!(key in (list.body as object[])[0]), `no ${key}`);

    // The next options exclude every passkey the user has.
    const options = (await api(issuer, 'POST', '/api/passkeys/options', { token })).body as PublicKeyCredentialCreationOptionsJSON;
    assert.deepEqual(options.excludeCredentials?.map((c) => c.id).sort(), [first.id, second.id, named.id].sort());
    assert.throws(() => synced.create(options, { origin: APP }), /InvalidStateError/);
  });

  it('renames a passkey (1 to 64 characters after trimming)', async () => {
    const passkey = await registerPasskey(issuer, token, new SoftAuthenticator());
    const renamed = await api(issuer, 'PATCH', `/api/passkeys/${passkey.id}`, { token, json: { name: '  Phone ' } });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { ...passkey, name: 'Phone' });
    for (const name of ['   ', 'x'.repeat(65), 42, 'tab\there']) {
      const bad = await api(issuer, 'PATCH', `/api/passkeys/${passkey.id}`, { token, json: { name } });
      assert.equal(bad.status, 400, JSON.stringify(name));
      assert.equal((bad.body as { error: string }).error, 'invalid_request');
    }
    const longest = await api(issuer, 'PATCH', `/api/passkeys/${passkey.id}`, { token, json: { name: 'é'.repeat(64) } });
    assert.equal(longest.status, 200);
    const unknown = await api(issuer, 'PATCH', '/api/passkeys/AAAAAAAAAAAAAAAAAAAAAA', { token, json: { name: 'x' } });
    assert.equal(unknown.status, 404);
  });

  it('refuses registration responses that do not verify', async () => {
    const authenticator = new SoftAuthenticator();
    const options = async (as = token) => (await api(issuer, 'POST', '/api/passkeys/options', { token: as })).body as PublicKeyCredentialCreationOptionsJSON;
    const post = (json: unknown, as = token) => api(issuer, 'POST', '/api/passkeys', { token: as, json });
    const refused = (answer: { status: number; body: unknown }, pattern: RegExp) => {
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      const body = answer.body as Record<string, string>;
      assert.equal(body.error, 'invalid_passkey');
      assert.match(body.error_description, pattern);
    };

    refused(await post({ response: authenticator.create(await options(), { origin: 'http://localhost:6666' }) }), /origin/);
    refused(await post({ response: authenticator.create(await options(), { origin: APP, userVerified: false }) }), /verif/i);
    refused(await post({ response: { id: 'x' } }), /RegistrationResponseJSON/);
    // A challenge given to another user is not this user's.
    refused(await post({ response: authenticator.create(await options(grace), { origin: APP }) }), /challenge/);

    // A bad name is refused before the challenge is used up; the same response then works, once.
    const good = authenticator.create(await options(), { origin: APP });
    const badName = await post({ response: good, name: '' });
    assert.equal(badName.status, 400);
    assert.equal((badName.body as { error: string }).error, 'invalid_request');
    assert.equal((await post({ response: good })).status, 201);
    refused(await post({ response: good }), /challenge/);
  });

  it('answers 409 already_registered for a credential that is registered already', async () => {
    const authenticator = new SoftAuthenticator();
    const first = await registerPasskey(issuer, token, authenticator);
    // An authenticator that ignores excludeCredentials attests the same credential again.
    const options = (await api(issuer, 'POST', '/api/passkeys/options', { token })).body as PublicKeyCredentialCreationOptionsJSON;
    const again = authenticator.create(options, { origin: APP, again: authenticator.credentials[0] });
    assert.equal(again.id, first.id);
    const answer = await api(issuer, 'POST', '/api/passkeys', { token, json: { response: again } });
    assert.equal(answer.status, 409, JSON.stringify(answer.body));
    assert.equal((answer.body as { error: string }).error, 'already_registered');
    // Also when another account tries to claim it.
    const forGrace = (await api(issuer, 'POST', '/api/passkeys/options', { token: grace })).body as PublicKeyCredentialCreationOptionsJSON;
    const claimed = authenticator.create(forGrace, { origin: APP, again: authenticator.credentials[0] });
    assert.equal((await api(issuer, 'POST', '/api/passkeys', { token: grace, json: { response: claimed } })).status, 409);
  });

  it('keeps other users out: 404 for their passkeys, 401 without a valid token', async () => {
    const mine = await registerPasskey(issuer, token, new SoftAuthenticator());
    assert.deepEqual((await api(issuer, 'GET', '/api/passkeys', { token: grace })).body, []);
    assert.equal((await api(issuer, 'PATCH', `/api/passkeys/${mine.id}`, { token: grace, json: { name: 'mine now' } })).status, 404);
    assert.equal((await api(issuer, 'DELETE', `/api/passkeys/${mine.id}`, { token: grace })).status, 404);
    const list = (await api(issuer, 'GET', '/api/passkeys', { token })).body as PasskeyView[];
    assert.equal(list.find((p) => p.id === mine.id)?.name, mine.name, 'untouched');

    for (const [method, path] of [
      ['GET', '/api/passkeys'],
      ['POST', '/api/passkeys/options'],
      ['POST', '/api/passkeys'],
      ['PATCH', `/api/passkeys/${mine.id}`],
      ['DELETE', `/api/passkeys/${mine.id}`],
    ] as const) {
      for (const bad of [undefined, 'not-a-token']) {
        const answer = await api(issuer, method, path, bad ? { token: bad } : {});
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
        assert.equal(answer.headers.get('access-control-expose-headers'), 'WWW-Authenticate, DPoP-Nonce');
        assert.deepEqual(answer.body, { error: 'invalid_token' });
      }
    }
  });

  it('answers the CORS preflight for the app origins only', async () => {
    const preflight = (origin: string, path: string, method: string) =>
      httpFetch(new URL(path, issuer), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight(APP, '/api/passkeys/abc', 'DELETE');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'PATCH, DELETE');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.equal((await preflight(APP, '/api/passkeys', 'POST')).headers.get('access-control-allow-methods'), 'GET, POST');
    const other = await preflight('http://localhost:6666', '/api/passkeys', 'GET');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const wrongMethod = await api(issuer, 'PUT', '/api/passkeys', { token });
    assert.equal(wrongMethod.status, 405);
  });

  it('deletes passkeys, but not the last one of a passwordless account', async () => {
    // Users with a password may remove every passkey.
    const { access_token: ada } = await passwordTokens(issuer);
    for (const passkey of (await api(issuer, 'GET', '/api/passkeys', { token: ada })).body as PasskeyView[]) {
      const deleted = await api(issuer, 'DELETE', `/api/passkeys/${passkey.id}`, { token: ada });
      assert.equal(deleted.status, 204);
      assert.equal(deleted.body, undefined);
    }
    assert.deepEqual((await api(issuer, 'GET', '/api/passkeys', { token: ada })).body, []);

    // A passwordless account (made directly in the database) signs in with an emailed code.
    const email = 'lin@example.com';
    const lin = server().op.db.users.createWithHash({ email, name: '', passwordHash: '', emailVerified: true });
    assert.equal(lin.hasPassword, false);
    const started = await startFlow(issuer, { username: email });
    await challengeAt(issuer, { auth_session: started.authSession, method: 'email_code' });
    const done = await challengeAt(issuer, { auth_session: started.authSession, code: await latestCode(issuer, email) });
    const { access_token: linToken } = await redeemAt(issuer, done.body.authorization_code, started.verifier);

    const options = (await api(issuer, 'POST', '/api/passkeys/options', { token: linToken })).body as PublicKeyCredentialCreationOptionsJSON;
    assert.equal(options.user.displayName, email, 'no name: the email');
    const phone = await registerPasskey(issuer, linToken, new SoftAuthenticator());
    const laptop = await registerPasskey(issuer, linToken, new SoftAuthenticator());
    assert.equal((await api(issuer, 'DELETE', `/api/passkeys/${phone.id}`, { token: linToken })).status, 204);
    const last = await api(issuer, 'DELETE', `/api/passkeys/${laptop.id}`, { token: linToken });
    assert.equal(last.status, 409);
    assert.equal((last.body as { error: string }).error, 'last_credential');
    assert.match((last.body as { error_description: string }).error_description, /only passkey/);
    assert.deepEqual(
      ((await api(issuer, 'GET', '/api/passkeys', { token: linToken })).body as PasskeyView[]).map((p) => p.id),
      [laptop.id],
    );
  });
});

describe('demo OP: passkey changes want a recent sign-in (RFC 9470)', () => {
  // A max age every sign-in is already past: each change gets the step-up challenge.
  const server = useTestOp(() => startPasskeyOp({ recentAuthMaxAgeSeconds: -1 }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('refuses adding and removing a passkey with insufficient_user_authentication and max_age; listing and renaming stay open', async () => {
    const { access_token: token } = await passwordTokens(issuer);
    for (const [method, path] of [
      ['POST', '/api/passkeys/options'],
      ['POST', '/api/passkeys'],
      ['DELETE', '/api/passkeys/abc'],
    ] as const) {
      const refused = await api(issuer, method, path, { token, json: method === 'POST' ? {} : undefined });
      assert.equal(refused.status, 401, `${method} ${path}`);
      assert.equal((refused.body as { error: string }).error, 'insufficient_user_authentication');
      assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_user_authentication".*max_age=-1$/);
      assert.match(refused.headers.get('access-control-expose-headers') ?? '', /WWW-Authenticate/i);
    }
    assert.equal((await api(issuer, 'GET', '/api/passkeys', { token })).status, 200);
    assert.equal((await api(issuer, 'PATCH', '/api/passkeys/abc', { token, json: { name: 'Phone' } })).status, 404, 'checked, then not found');
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { mailbox } from './challenge-helpers.js';
import { REDIRECT_URI, exchangeCode, formAction, jwtPayload, tokenRequest, useTestOp } from './helpers.js';
import type { Page } from './helpers.js';
import { FederationBrowser, UPSTREAM_PASSWORD, federatedSignIn, startFederationOp, toApp, upstreamSignIn } from './federation-helpers.js';
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
});

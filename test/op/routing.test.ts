import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRouter, emailDomain, emailVerifiedBy } from '../../demo/op/routing.js';

describe('demo OP: home-realm routing and whose email_verified counts', () => {
  const route = createRouter({ 'Acme.test': 'acme' }, ['social', 'acme']);
  const social = { id: 'social', kind: 'social' as const };
  const acme = { id: 'acme', kind: 'enterprise' as const };

  it('routes by the exact domain after the last @, case-insensitively', () => {
    assert.deepEqual(route('Bob@ACME.test'), { idp: 'acme', domain: 'acme.test' });
    assert.equal(route('bob@sub.acme.test'), undefined);
    assert.equal(route('bob@acme.test.evil'), undefined);
    assert.equal(route('acme.test'), undefined);
    assert.equal(emailDomain('a@b@c.test '), 'c.test');
    assert.throws(() => createRouter({ 'x.test': 'missing' }, ['social']), /unknown upstream/);
  });

  it('a company IdP speaks for its own domain only; a social IdP for what it says is verified, outside company domains', () => {
    assert.equal(emailVerifiedBy(acme, { email: 'bob@acme.test', emailVerifiedClaim: false }, route), true);
    assert.equal(emailVerifiedBy(acme, { email: 'bob@gmail.test', emailVerifiedClaim: true }, route), false, 'not trusted elsewhere');
    assert.equal(emailVerifiedBy({ ...acme, trustEmailVerified: true }, { email: 'bob@gmail.test', emailVerifiedClaim: true }, route), true);
    assert.equal(emailVerifiedBy(social, { email: 'sam@social.test', emailVerifiedClaim: true }, route), true);
    assert.equal(emailVerifiedBy(social, { email: 'sam@social.test', emailVerifiedClaim: false }, route), false);
    assert.equal(emailVerifiedBy(social, { email: 'bob@acme.test', emailVerifiedClaim: true }, route), false, "Acme's domain is Acme's");
    assert.equal(emailVerifiedBy({ ...social, trustEmailVerified: false }, { email: 'sam@social.test', emailVerifiedClaim: true }, route), false);
    assert.equal(emailVerifiedBy(social, { emailVerifiedClaim: true }, route), false);
  });
});

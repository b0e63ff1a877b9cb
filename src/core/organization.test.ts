import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { config, discoveryDocument } from '../../test/fixtures/session.js';
import type { Preset } from './config.js';
import { readExchangeAnswer } from './organization-exchange.js';
import {
  exchangeBody,
  organizationRequest,
  readOrganization,
  sameMembership,
  sameOrganization,
  switchVia,
  TOKEN_EXCHANGE,
  withoutOrganization,
} from './organization.js';
import type { Discovery } from './schemas/oidc.js';

const acme = { id: 'org_4f1c2a9b7e3d5a10', alias: 'acme', name: 'Acme', roles: ['admin'] };
const plainDiscovery = discoveryDocument() as Discovery;
const ours = discoveryDocument({
  organization_parameter: 'organization',
  grant_types_supported: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE],
}) as Discovery;
const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('organizations: asking for one, per preset', () => {
  const cases: [Preset, Record<string, string>, string | undefined][] = [
    ['generic', { org_id: acme.id }, undefined],
    ['auth0', { organization: acme.id }, undefined],
    ['keycloak', {}, 'openid profile email organization:acme'],
    ['zitadel', {}, `openid profile email urn:zitadel:iam:org:id:${acme.id}`],
  ];
  for (const [preset, params, scope] of cases) {
    it(`${preset}: ${scope ? `the scope ${scope.split(' ').at(-1)}` : `the parameter ${Object.keys(params)[0]}`}`, () => {
      assert.deepEqual(organizationRequest(config({ preset }), plainDiscovery, acme), scope ? { params, scope } : { params });
    });
  }

  it('takes the parameter discovery announces (organization_parameter), and the app’s name over both', () => {
    assert.deepEqual(organizationRequest(config(), ours, acme), { params: { organization: acme.id } });
    assert.deepEqual(
      organizationRequest(config({ preset: 'keycloak' }), ours, acme),
      { params: { organization: acme.id } },
      'an announced parameter beats a scope',
    );
    assert.deepEqual(organizationRequest(config({ organizations: { param: 'tenant' } }), ours, acme), { params: { tenant: acme.id } });
  });

  it('Keycloak: replaces another organization’s scope, and names one without an alias by its id', () => {
    const kc = config({ preset: 'keycloak', scope: 'openid organization:beta email' });
    assert.deepEqual(organizationRequest(kc, plainDiscovery, { id: 'gamma' }), { params: {}, scope: 'openid email organization:gamma' });
  });
});

describe('organizations: how this OP switches', () => {
  it('exchanges where discovery lists the token exchange grant, refreshes where it only announces the parameter, else redirects', () => {
    assert.equal(switchVia(config(), ours), 'exchange');
    assert.equal(switchVia(config(), discoveryDocument({ organization_parameter: 'organization' }) as Discovery), 'refresh');
    assert.equal(switchVia(config(), plainDiscovery), 'redirect');
    assert.equal(switchVia(config({ organizations: { switch: 'redirect' } }), ours), 'redirect', 'the app may insist');
  });
});

describe('organizations: the exchange request (RFC 8693 §2.1)', () => {
  it('sends the access token as the subject, asks for an access token, names the organization, authenticates as the public client', () => {
    const body = Object.fromEntries(exchangeBody(config(), ours, acme, 'at-personal'));
    assert.deepEqual(body, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'web',
      subject_token: 'at-personal',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      organization: acme.id,
    });
  });

  it('asks by scope for scope-based presets (Keycloak), with the other scopes kept', () => {
    const body = exchangeBody(config({ preset: 'keycloak' }), plainDiscovery, acme, 'at');
    assert.equal(body.get('scope'), 'openid profile email organization:acme');
    assert.equal(body.get('organization'), null);
  });

  it('reads the answer: the access token, its expiry, and the ID token’s claims once checked (no nonce)', () => {
    const now = Date.UTC(2026, 11, 7, 10);
    const idToken = jwt({
      iss: 'https://id.example.com',
      aud: 'web',
      sub: 'user-1',
      exp: now / 1000 + 600,
      iat: now / 1000,
      org_id: acme.id,
      org_name: 'Acme',
      roles: ['admin'],
    });
    const body = {
      access_token: 'at-acme',
      token_type: 'DPoP',
      expires_in: 600,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      id_token: idToken,
    };
    const answer = readExchangeAnswer({ status: 200, headers: {}, body: JSON.stringify(body) }, now, {
      issuer: 'https://id.example.com',
      clientId: 'web',
      sub: 'user-1',
    });
    assert.ok(answer.ok);
    assert.equal(answer.value.access_token, 'at-acme');
    assert.equal(answer.value.token_type, 'DPoP');
    assert.equal(answer.value.expires_at, now / 1000 + 600);
    assert.deepEqual(readOrganization(answer.value.claims, config()), { id: acme.id, name: 'Acme', roles: ['admin'] });
  });

  it('refuses an ID token for someone else, and says not_a_member for invalid_target', () => {
    const now = Date.UTC(2026, 11, 7, 10);
    const expected = { issuer: 'https://id.example.com', clientId: 'web', sub: 'user-1' };
    const other = jwt({ iss: 'https://id.example.com', aud: 'web', sub: 'user-2', exp: now / 1000 + 600, iat: now / 1000 });
    const mismatch = readExchangeAnswer(
      { status: 200, headers: {}, body: JSON.stringify({ access_token: 'a', token_type: 'Bearer', id_token: other }) },
      now,
      expected,
    );
    assert.equal(mismatch.ok ? 'ok' : mismatch.error.code, 'account_mismatch');
    const refused = readExchangeAnswer(
      { status: 400, headers: {}, body: JSON.stringify({ error: 'invalid_target', error_description: 'not a member' }) },
      now,
      expected,
    );
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'not_a_member');
    const expired = readExchangeAnswer({ status: 400, headers: {}, body: JSON.stringify({ error: 'invalid_grant' }) }, now, expected);
    assert.equal(expired.ok ? 'ok' : expired.error.code, 'invalid_grant');
  });
});

describe('organizations: reading claims, per preset', () => {
  it('generic and Auth0: org_id, org_name, roles', () => {
    const claims = { sub: 'u', org_id: acme.id, org_name: 'Acme', roles: ['admin', 'member'] };
    assert.deepEqual(readOrganization(claims, config()), { id: acme.id, name: 'Acme', roles: ['admin', 'member'] });
    assert.deepEqual(readOrganization(claims, config({ preset: 'auth0' })), { id: acme.id, name: 'Acme', roles: ['admin', 'member'] });
    assert.equal(readOrganization({ sub: 'u' }, config()), null, 'a personal sign-in');
    assert.deepEqual(readOrganization({ sub: 'u', org_id: acme.id }, config()), { id: acme.id, name: acme.id, roles: [] }, 'without a name: the id');
  });

  it('Keycloak: the organization claim as a list of one alias, or a map of alias to id; several at once are none', () => {
    const kc = config({ preset: 'keycloak' });
    assert.deepEqual(readOrganization({ organization: ['acme'] }, kc), { id: 'acme', alias: 'acme', name: 'acme', roles: [] });
    assert.deepEqual(readOrganization({ organization: { acme: { id: 'a1b2' } }, roles: 'admin' }, kc), {
      id: 'a1b2',
      alias: 'acme',
      name: 'acme',
      roles: ['admin'],
    });
    assert.equal(readOrganization({ organization: ['acme', 'beta'] }, kc), null);
  });

  it('Zitadel: the resource owner claims and the project roles map', () => {
    const claims = {
      'urn:zitadel:iam:user:resourceowner:id': '2271',
      'urn:zitadel:iam:user:resourceowner:name': 'Acme',
      'urn:zitadel:iam:org:project:roles': { admin: { '2271': 'acme.zitadel.cloud' } },
    };
    assert.deepEqual(readOrganization(claims, config({ preset: 'zitadel' })), { id: '2271', name: 'Acme', roles: ['admin'] });
  });

  it('takes the app’s claim names: a URL-named claim, a dotted path', () => {
    const named = config({ preset: 'auth0', organizations: { claims: { roles: 'https://app.example.com/roles' } } });
    assert.deepEqual(readOrganization({ org_id: 'o1', org_name: 'One', 'https://app.example.com/roles': ['delegate'] }, named)?.roles, ['delegate']);
    const dotted = config({ organizations: { claims: { id: 'tenant.id', name: 'tenant.name', roles: 'realm_access.roles' } } });
    assert.deepEqual(readOrganization({ tenant: { id: 't1', name: 'Tenant' }, realm_access: { roles: ['customer'] } }, dotted), {
      id: 't1',
      name: 'Tenant',
      roles: ['customer'],
    });
  });

  it('matches an organization named by id or by alias, and drops the old organization’s claims', () => {
    assert.ok(sameOrganization(acme, { id: 'acme' }));
    assert.ok(!sameOrganization(acme, { id: 'org_beta', alias: 'beta' }));
    assert.ok(sameOrganization(null, null));
    assert.ok(sameMembership(acme, { ...acme, roles: ['admin'] }));
    assert.ok(!sameMembership(acme, { ...acme, roles: ['member'] }), 'other roles are news');
    assert.ok(!sameMembership(acme, null));
    assert.deepEqual(withoutOrganization({ sub: 'u', name: 'Ada', org_id: 'o', org_name: 'O', roles: [] }, config()), { sub: 'u', name: 'Ada' });
  });
});

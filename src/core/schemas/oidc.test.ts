import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoveryDocument, rawUser } from '../../../test/fixtures/session.js';
import { discoverySchema, oauthErrorSchema } from './oidc.js';
import { tokenSetSchema, userinfoSchema } from './tokens.js';

describe('discovery schema', () => {
  it('accepts a real document and keeps unknown fields', () => {
    const parsed = discoverySchema.safeParse({ ...discoveryDocument(), frontchannel_logout_supported: true });
    assert.equal(parsed.success, true);
    assert.equal(parsed.success && (parsed.data as Record<string, unknown>).frontchannel_logout_supported, true);
  });
  for (const [label, doc] of [
    ['missing issuer', discoveryDocument({ issuer: undefined })],
    ['issuer not a URL', discoveryDocument({ issuer: 'not a url' })],
    ['plain http on a public host', discoveryDocument({ token_endpoint: 'http://id.example.com/token' })],
    ['javascript: endpoint', discoveryDocument({ end_session_endpoint: 'javascript:alert(1)' })],
    ['prompt values not strings', discoveryDocument({ prompt_values_supported: [1, 2] })],
    ['response types missing', discoveryDocument({ response_types_supported: undefined })],
    ['null', null],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(discoverySchema.safeParse(doc).success, false));
  }
  it('allows http on loopback for local development', () => {
    const local = 'http://127.0.0.1:4000';
    const doc = discoveryDocument({ issuer: local, authorization_endpoint: `${local}/auth`, token_endpoint: `${local}/token` });
    assert.equal(discoverySchema.safeParse(doc).success, true);
  });
});

describe('token set schema', () => {
  it('accepts what the connector hands over', () => assert.equal(tokenSetSchema.safeParse(rawUser()).success, true));
  for (const [label, value] of [
    ['no access_token', { ...rawUser(), access_token: undefined }],
    ['empty access_token', { ...rawUser(), access_token: '' }],
    ['expires_at as text', { ...rawUser(), expires_at: 'soon' }],
    ['token_type missing', { ...rawUser(), token_type: undefined }],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(tokenSetSchema.safeParse(value).success, false));
  }
});

describe('userinfo schema', () => {
  it('accepts standard claims and null picture', () =>
    assert.equal(userinfoSchema.safeParse({ sub: 'a', picture: null, email_verified: false }).success, true));
  for (const [label, value] of [
    ['no sub', { name: 'Ada' }],
    ['empty sub', { sub: '' }],
    ['email_verified as text', { sub: 'a', email_verified: 'yes' }],
    ['name as object', { sub: 'a', name: { first: 'Ada' } }],
    ['a string', 'sub'],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(userinfoSchema.safeParse(value).success, false));
  }
});

describe('OAuth error schema', () => {
  it('reads error and description', () => {
    const parsed = oauthErrorSchema.safeParse({ error: 'invalid_grant', error_description: 'expired' });
    assert.deepEqual(parsed.success && parsed.data, { error: 'invalid_grant', error_description: 'expired' });
  });
  for (const [label, value] of [
    ['no error', { error_description: 'x' }],
    ['empty error', { error: '' }],
    ['numeric error', { error: 400 }],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(oauthErrorSchema.safeParse(value).success, false));
  }
});

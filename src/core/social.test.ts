import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSocial, partToken } from './social.js';

describe('parseSocial', () => {
  it('keeps the order, names well-known ids and takes a name after "="', () => {
    assert.deepEqual(parseSocial('github, google ,acme-sso=Acme Corp SSO'), [
      { id: 'github', name: 'GitHub' },
      { id: 'google', name: 'Google' },
      { id: 'acme-sso', name: 'Acme Corp SSO' },
    ]);
  });

  it('keeps the id as the OP knows it (case, dashes) and names an unknown one by its id', () => {
    assert.deepEqual(parseSocial('Google-OAuth2, saml-okta'), [
      { id: 'Google-OAuth2', name: 'Google-OAuth2' },
      { id: 'saml-okta', name: 'saml-okta' },
    ]);
    assert.deepEqual(parseSocial('GitHub'), [{ id: 'GitHub', name: 'GitHub' }]);
  });

  it('leaves out empty entries, repeats and ids with spaces; nothing set is no providers', () => {
    assert.deepEqual(parseSocial(' , google,,google=Again, two words, =Nameless'), [{ id: 'google', name: 'Google' }]);
    assert.deepEqual(parseSocial(''), []);
    assert.deepEqual(parseSocial(null), []);
  });

  it('an empty name falls back to the built-in one', () => {
    assert.deepEqual(parseSocial('apple='), [{ id: 'apple', name: 'Apple' }]);
  });
});

describe('partToken', () => {
  it('makes any id a single part name token', () => {
    assert.equal(partToken('Google-OAuth2'), 'google-oauth2');
    assert.equal(partToken('a b"c'), 'a-b-c');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { config, discoveryDocument } from '../../test/fixtures/session.js';
import { discoveryUrl, isAuthorizationResponse, issuerMatches, signUpMethod } from './config.js';
import { endSessionUrl, responseIssuerError, safeReturnTo, withoutAuthorizationResponse } from './redirects.js';
import type { Discovery } from './schemas/oidc.js';

const page = 'https://app.example.com/account?tab=1';

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    assert.equal(safeReturnTo('/orders?id=1#top', page), '/orders?id=1#top');
    assert.equal(safeReturnTo('https://app.example.com/x', page), '/x');
  });
  it('never returns a path that reads as another host (`//evil`)', () => {
    assert.equal(safeReturnTo('/.//evil.example.com/x', page), '/evil.example.com/x');
    assert.equal(safeReturnTo('https://app.example.com//evil.example.com/', page), '/evil.example.com/');
  });
  it('drops other origins, protocol-relative and script URLs', () => {
    for (const bad of ['https://evil.example.com/', '//evil.example.com/x', 'javascript:alert(1)', 'https://app.example.com.evil.com/']) {
      assert.equal(safeReturnTo(bad, page), null, bad);
    }
  });
});

describe('authorization response detection', () => {
  it('needs state and code (or error) on the redirect URI path', () => {
    const redirect = 'https://app.example.com/callback';
    assert.equal(isAuthorizationResponse('https://app.example.com/callback?code=a&state=b', redirect), true);
    assert.equal(isAuthorizationResponse('https://app.example.com/callback?error=access_denied&state=b', redirect), true);
    assert.equal(isAuthorizationResponse('https://app.example.com/callback?code=a', redirect), false);
    assert.equal(isAuthorizationResponse('https://app.example.com/other?code=a&state=b', redirect), false);
  });
  it('removes only the response parameters from the URL', () => {
    assert.equal(withoutAuthorizationResponse('https://app.example.com/cb?tab=2&code=a&state=b&iss=x#h'), '/cb?tab=2#h');
  });
});

describe('OP URLs', () => {
  it('builds the discovery URL without double slashes', () => {
    assert.equal(discoveryUrl('https://id.example.com/realms/x/'), 'https://id.example.com/realms/x/.well-known/openid-configuration');
  });
  it('compares issuers exactly, up to a trailing slash', () => {
    assert.equal(issuerMatches('https://id.example.com/', 'https://id.example.com'), true);
    assert.equal(issuerMatches('https://id.example.com', 'https://id.example.com/other'), false);
  });
  it('builds the RP-initiated logout URL with id_token_hint, client_id, post_logout_redirect_uri and state', () => {
    const url = new URL(
      endSessionUrl('https://id.example.com/session/end', {
        clientId: 'web',
        idTokenHint: 'tok',
        postLogoutRedirectUri: 'https://app.example.com/',
        state: 's1',
      }),
    );
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: 'web',
      id_token_hint: 'tok',
      post_logout_redirect_uri: 'https://app.example.com/',
      state: 's1',
    });
  });
  it("asks for the logout page in the elements' language (ui_locales), only when known", () => {
    const args = { clientId: 'web', postLogoutRedirectUri: 'https://app.example.com/', state: 's1' };
    assert.equal(new URL(endSessionUrl('https://id.example.com/session/end', { ...args, uiLocales: 'de' })).searchParams.get('ui_locales'), 'de');
    assert.equal(new URL(endSessionUrl('https://id.example.com/session/end', { ...args, uiLocales: null })).searchParams.has('ui_locales'), false);
  });
});

describe('"Create account"', () => {
  const withoutPrompts = discoveryDocument({ prompt_values_supported: undefined }) as Discovery;
  it('uses prompt=create when discovery lists it, whatever the preset', () => {
    assert.deepEqual(signUpMethod(config({ preset: 'auth0' }), discoveryDocument() as Discovery), { kind: 'prompt', params: { prompt: 'create' } });
  });
  it('without prompt_values_supported, uses the preset’s parameter', () => {
    assert.deepEqual(signUpMethod(config({ preset: 'auth0' }), withoutPrompts), { kind: 'prompt', params: { screen_hint: 'signup' } });
  });
  it('else the signup-url, when it is https (or http on loopback) at the OP or on the page’s origin', () => {
    assert.deepEqual(signUpMethod(config({ signupUrl: 'https://id.example.com/register' }), withoutPrompts), {
      kind: 'url',
      url: 'https://id.example.com/register',
    });
    assert.deepEqual(signUpMethod(config({ signupUrl: 'https://app.example.com/join' }), withoutPrompts), { kind: 'url', url: 'https://app.example.com/join' });
    const local = discoveryDocument({ issuer: 'http://localhost:4000', prompt_values_supported: undefined }) as Discovery;
    assert.deepEqual(signUpMethod(config({ signupUrl: 'http://localhost:4000/register' }), local), {
      kind: 'url',
      url: 'http://localhost:4000/register',
    });
  });
  it('else nothing: the button is hidden rather than dead, and unsafe URLs count as none', () => {
    assert.equal(signUpMethod(config(), withoutPrompts), null);
    assert.equal(signUpMethod(config(), discoveryDocument({ prompt_values_supported: ['none', 'login'] }) as Discovery), null);
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'http://id.example.com/register', 'not a url', 'https://evil.example/register']) {
      assert.equal(signUpMethod(config({ signupUrl: url }), withoutPrompts), null, url);
    }
  });
});

describe('RFC 9207 issuer on the authorization response', () => {
  const issuer = 'https://id.example.com/realms/shop';
  const callback = (query: string) => `https://app.example.com/?code=c&state=s${query}`;
  it('accepts the issuer the request went to', () => {
    assert.equal(responseIssuerError(callback(`&iss=${encodeURIComponent(issuer)}`), { issuer, authorization_response_iss_parameter_supported: true }), null);
  });
  it('refuses another issuer, advertised or not (a mix-up)', () => {
    for (const supported of [true, undefined]) {
      assert.equal(
        responseIssuerError(callback('&iss=https%3A%2F%2Fevil.example.com'), { issuer, authorization_response_iss_parameter_supported: supported })?.code,
        'invalid_id_token',
      );
    }
  });
  it('refuses a missing iss only when discovery promised it', () => {
    assert.equal(responseIssuerError(callback(''), { issuer, authorization_response_iss_parameter_supported: true })?.code, 'invalid_id_token');
    assert.equal(responseIssuerError(callback(''), { issuer }), null);
  });
});

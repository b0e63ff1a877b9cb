import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoveryUrl, isAuthorizationResponse, issuerMatches } from './config.js';
import { endSessionUrl, safeReturnTo, withoutAuthorizationResponse } from './redirects.js';

const page = 'https://app.example.com/account?tab=1';

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    assert.equal(safeReturnTo('/orders?id=1#top', page), '/orders?id=1#top');
    assert.equal(safeReturnTo('https://app.example.com/x', page), '/x');
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
  it('builds the RP-initiated logout URL', () => {
    const url = new URL(endSessionUrl('https://id.example.com/session/end', { clientId: 'web', idTokenHint: 'tok', postLogoutRedirectUri: 'https://app.example.com/' }));
    assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: 'web', id_token_hint: 'tok', post_logout_redirect_uri: 'https://app.example.com/' });
  });
});

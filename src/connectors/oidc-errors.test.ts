import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CiamError } from '../core/errors.js';
import { mapOidcError } from './oidc-errors.js';

function named(name: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name }, extra);
}

describe('mapOidcError', () => {
  const cases: [string, unknown, string][] = [
    ['an OAuth error response', named('ErrorResponse', 'access_denied', { error: 'access_denied', error_description: 'denied' }), 'access_denied'],
    ['a timeout', named('ErrorTimeout', 'Network timed out'), 'timeout'],
    ['a failed fetch', new TypeError('Failed to fetch'), 'network'],
    ['a wrong content type', new Error('Invalid response Content-Type: text/html, from URL: x'), 'bad_response'],
    ['a 502 from the token endpoint', new Error('Bad Gateway (502)'), 'server_error'],
    ['a 400 without JSON', new Error('Bad Request (400)'), 'bad_response'],
    ['a missing state', new Error('No matching state found in storage'), 'invalid_state'],
    ['a blocked popup', new Error('Attempted to navigate on a disposed window'), 'popup_blocked'],
    ['a nonce mismatch', new Error('nonce in id_token does not match nonce in client storage'), 'invalid_id_token'],
    ['our own ID token check', new CiamError({ code: 'account_mismatch', detail: 'signed in as a different user' }), 'account_mismatch'],
    ['anything else', new Error('boom'), 'unknown'],
  ];
  for (const [label, thrown, code] of cases) {
    it(`maps ${label} to ${code}`, () => {
      const mapped = mapOidcError(thrown);
      assert.equal(mapped.cancelled ? 'cancelled' : mapped.error.code, code);
    });
  }
  it('treats a closed popup as a cancel, not an error', () => {
    assert.deepEqual(mapOidcError(new Error('Popup closed by user')), { cancelled: true });
  });
  it('keeps the OP description as detail', () => {
    const mapped = mapOidcError(named('ErrorResponse', 'x', { error: 'invalid_grant', error_description: 'code already used' }));
    assert.equal(!mapped.cancelled && mapped.error.detail, 'code already used');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapWebAuthnError } from './webauthn-errors.js';

const dom = (name: string, message = name) => Object.assign(new Error(message), { name });
const wrapped = (code: string, causeName: string) => Object.assign(new Error(code), { name: causeName, code, cause: dom(causeName) });
const outcome = (thrown: unknown, elapsed = 1000, timeout = 60_000) => {
  const mapped = mapWebAuthnError(thrown, elapsed, timeout);
  return mapped.cancelled ? 'cancelled' : mapped.error.code;
};

describe('mapWebAuthnError', () => {
  it('treats a dismissed prompt (NotAllowedError before the timeout) as a cancel, not an error', () => {
    assert.equal(outcome(dom('NotAllowedError', 'The operation either timed out or was not allowed.')), 'cancelled');
    assert.equal(outcome(wrapped('ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', 'NotAllowedError')), 'cancelled');
  });
  it('reports a timeout when the prompt ran out its time', () => {
    assert.equal(outcome(dom('NotAllowedError'), 60_000, 60_000), 'passkey_timeout');
  });
  it('treats an aborted ceremony (another one started, autofill replaced by the button) as a cancel', () => {
    assert.equal(outcome(dom('AbortError')), 'cancelled');
    assert.equal(outcome(wrapped('ERROR_CEREMONY_ABORTED', 'AbortError')), 'cancelled');
  });
  it('maps security, support, duplicate and unknown failures', () => {
    assert.equal(outcome(wrapped('ERROR_INVALID_RP_ID', 'SecurityError')), 'passkey_security');
    assert.equal(outcome(dom('SecurityError')), 'passkey_security');
    assert.equal(outcome(dom('NotSupportedError')), 'passkey_unsupported');
    assert.equal(outcome(new Error('WebAuthn is not supported in this browser')), 'passkey_unsupported');
    assert.equal(outcome(wrapped('ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT', 'ConstraintError')), 'passkey_unsupported');
    assert.equal(outcome(wrapped('ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', 'InvalidStateError')), 'passkey_exists');
    assert.equal(outcome(dom('ConstraintError')), 'passkey_not_allowed');
    assert.equal(outcome(dom('UnknownError')), 'passkey_failed');
  });
});

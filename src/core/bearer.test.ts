import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBearerChallenge } from './bearer.js';

describe('parseBearerChallenge (RFC 6750 §3, RFC 9470)', () => {
  it('reads the step-up error with max_age and acr_values', () => {
    assert.deepEqual(
      parseBearerChallenge(
        'Bearer error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=300, acr_values="urn:mfa otp"',
      ),
      { error: 'insufficient_user_authentication', errorDescription: 'A more recent authentication is required', maxAge: 300, acrValues: 'urn:mfa otp' },
    );
  });
  it('handles quoted max_age, escapes, and other schemes before Bearer', () => {
    assert.deepEqual(parseBearerChallenge('Basic realm="x", Bearer realm="api", error="invalid_token", max_age="60"'), { error: 'invalid_token', maxAge: 60 });
    assert.equal(parseBearerChallenge('Bearer error_description="say \\"hi\\""')?.errorDescription, 'say "hi"');
  });
  it('reads the DPoP scheme of RFC 9449 §7.1 the same way (step-up and nonce requests)', () => {
    assert.deepEqual(parseBearerChallenge('DPoP algs="ES256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'), {
      error: 'use_dpop_nonce',
      errorDescription: 'Resource server requires nonce in DPoP proof',
    });
    assert.deepEqual(parseBearerChallenge('DPoP error="insufficient_user_authentication", max_age=300'), {
      error: 'insufficient_user_authentication',
      maxAge: 300,
    });
  });
  it('ignores junk', () => {
    assert.equal(parseBearerChallenge(null), null);
    assert.equal(parseBearerChallenge('Basic realm="x"'), null);
    assert.deepEqual(parseBearerChallenge('Bearer max_age=-5'), {});
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { startTestOp, useTestOp } from './helpers.js';
import { RELAXED_LIMITS, mailbox, start } from './challenge-helpers.js';

// The forms check the address before sending (src/core/email.ts); the OP applies the same check.
describe('demo OP: the email check of sign-up and recovery', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('refuses what the forms refuse: no dot in the domain, an empty label, a one-letter top level, a space (invalid_email)', async () => {
    for (const email of ['ada@example', 'ada@.example.com', 'ada@example..com', 'ada@example.c', 'ada lovelace@example.com', `${'a'.repeat(65)}@example.com`]) {
      const signup = await start(issuer, { action: 'signup', email, password: 'tidal amber lantern orchard' });
      assert.equal(signup.status, 400, email);
      assert.equal(signup.body.reason, 'invalid_email', email);
      const recover = await start(issuer, { action: 'recover', email });
      assert.equal(recover.body.reason, 'invalid_email', email);
    }
    assert.deepEqual(await mailbox(issuer, 'ada@example'), []);
  });
});

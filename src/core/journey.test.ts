import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { funnel } from '../../demo/journey.js';
import { newFlow } from './embedded.js';
import { durationBucket, journeyMarks } from './journey.js';
import type { SessionState } from './states.js';
import { config } from '../../test/fixtures/session.js';

const ready = {
  config: config(),
  pageUrl: 'https://app.example.com/',
  discovery: { issuer: 'https://id.example.com' },
  signUp: null,
  mode: 'embedded',
} as never;
const signedOut = (flow = newFlow()): SessionState => ({ name: 'signed-out', ...(ready as object), flow }) as SessionState;
const user = { sub: 's', email: 'ada@example.com', name: 'Ada' } as never;

describe('journey marks (core/journey.ts)', () => {
  it('a method per choice, a step per new step, and outcomes: errors, signed in, cancelled', () => {
    const password = { ...newFlow(), step: 'password' as const, username: 'ada@example.com' };
    assert.deepEqual(
      journeyMarks(signedOut(password), signedOut({ ...password, pending: true }), {
        type: 'embedded.submitted',
        submit: { kind: 'password', password: 'x' },
        now: 0,
      }),
      [{ type: 'method', method: 'password' }],
    );
    assert.deepEqual(journeyMarks(signedOut(password), signedOut({ ...password, error: { code: 'invalid_credentials' } }), { type: 'retry.requested' }), [
      { type: 'outcome', outcome: 'error', code: 'invalid_credentials' },
    ]);
    assert.deepEqual(journeyMarks(signedOut(), signedOut(password), { type: 'retry.requested' }), [{ type: 'step', step: 'password' }]);
    const signedIn = { name: 'signed-in', ...(ready as object), user } as unknown as SessionState;
    assert.deepEqual(journeyMarks(signedOut(password), signedIn, { type: 'retry.requested' }), [{ type: 'outcome', outcome: 'ok' }]);
    assert.deepEqual(
      journeyMarks({ name: 'restoring', ...(ready as object) } as SessionState, signedIn, { type: 'retry.requested' }),
      [],
      'a restore is no journey',
    );
    assert.deepEqual(journeyMarks(signedOut(), signedOut(), { type: 'oidc.cancelled', id: 'sign-in' }), [{ type: 'outcome', outcome: 'cancelled' }]);
  });

  it('a proof for a bot check is the same choice again, not a new one; social and redirect sign-ins are methods', () => {
    const event = { type: 'embedded.submitted', submit: { kind: 'signup', email: 'a@b.c', password: 'x', botProof: 'pow:c:1' }, now: 0 } as const;
    assert.deepEqual(journeyMarks(signedOut(), signedOut(), event), []);
    assert.deepEqual(journeyMarks(signedOut(), signedOut(), { type: 'sign-in.requested', options: { idp: 'google' } }), [{ type: 'method', method: 'social' }]);
    assert.deepEqual(journeyMarks(signedOut(), signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }), [{ type: 'method', method: 'popup' }]);
  });

  it('says how long in coarse buckets', () => {
    assert.deepEqual([0, 999, 1000, 9_999, 45_000, 200_000, 3_600_000].map(durationBucket), ['<1s', '<1s', '1-3s', '3-10s', '30-60s', '3-10min', '>10min']);
  });

  it('the demo funnel counts attempts per last chosen method, and those that ended signed in', () => {
    const rows = funnel([
      { type: 'method', method: 'password', attempt: 'a' },
      { type: 'method', method: 'password', attempt: 'a' },
      { type: 'method', method: 'email_code', attempt: 'a' },
      { type: 'outcome', outcome: 'ok', attempt: 'a' },
      { type: 'method', method: 'password', attempt: 'b' },
      { type: 'outcome', outcome: 'error', attempt: 'b' },
    ]);
    assert.deepEqual(rows, { password: { started: 2, completed: 0 }, email_code: { started: 1, completed: 1 } });
  });
});

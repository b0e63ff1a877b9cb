import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { array, looseObject, nonEmptyString, number, optional, parser, refine, string } from './check.js';
import { challengeErrorSchema, challengeSuccessSchema } from './challenge.js';

describe('check.ts (zod’s shape for the first screen’s answers)', () => {
  const thing = parser(looseObject({ id: nonEmptyString, tags: optional(array(string)), nested: optional(looseObject({ n: number })) }));

  it('keeps unknown fields and leaves absent optional ones out (not undefined)', () => {
    const parsed = thing.safeParse({ id: 'a', extra: 1 });
    assert.deepEqual(parsed.success && parsed.data, { id: 'a', extra: 1 });
    assert.equal(parsed.success && 'tags' in parsed.data, false);
  });

  it('names the first problem by its path', () => {
    const bad = (value: unknown) => {
      const parsed = thing.safeParse(value);
      return parsed.success ? 'accepted' : parsed.error.message;
    };
    assert.equal(bad(null), 'the answer: expected an object');
    assert.equal(bad({ id: '' }), 'id: must not be empty');
    assert.equal(bad({ id: 'a', tags: ['x', 2] }), 'tags[1]: expected a string');
    assert.equal(bad({ id: 'a', nested: { n: '1' } }), 'nested.n: expected a number');
    assert.equal(bad([]), 'the answer: expected an object');
  });

  it('refines with its own message', () => {
    const even = parser(refine(number, (n) => n % 2 === 0, 'must be even'));
    assert.deepEqual(even.safeParse(3), { success: false, error: { message: 'the answer: must be even' } });
    assert.deepEqual(even.safeParse(4), { success: true, data: 4 });
  });

  it('reads the challenge endpoint’s answers as before', () => {
    assert.equal(challengeSuccessSchema.safeParse({ authorization_code: 'c' }).success, true);
    assert.equal(challengeSuccessSchema.safeParse({ redirect_to: '/x' }).success, true);
    assert.equal(challengeSuccessSchema.safeParse({}).success, false);
    assert.equal(challengeSuccessSchema.safeParse({ authorization_code: '' }).success, false);
    const error = challengeErrorSchema.safeParse({
      error: 'insufficient_authorization',
      methods: ['password'],
      passkey_options: { challenge: 'x', rpId: 'a' },
    });
    assert.deepEqual(error.success && error.data.passkey_options, { challenge: 'x', rpId: 'a' });
    assert.equal(challengeErrorSchema.safeParse({ error: 'x', methods: 'password' }).success, false);
    assert.equal(challengeErrorSchema.safeParse({ error: 'x', passkey_options: {} }).success, false);
  });
});

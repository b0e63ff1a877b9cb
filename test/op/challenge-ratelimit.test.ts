import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { startTestOp, useTestOp } from './helpers.js';
import { next, start } from './challenge-helpers.js';

describe('demo OP: authorization challenge endpoint, rate limits', () => {
  // Low limits so a few requests reach them; per IP a little higher than
  // per identifier so both rules can be seen.
  const server = useTestOp(() =>
    startTestOp({ rateLimit: { attempts: 3, ipAttempts: 6, accountAttempts: 100, delaySeconds: 600, starts: 2, ipStarts: 4, windowSeconds: 600 } }),
  );
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  it('answers 429 with Retry-After after N failed attempts for one identifier, known or not', async () => {
    for (const username of [SEEDED_USER.email, 'nobody@example.com']) {
      const flow = await start(issuer, { username });
      for (let i = 0; i < 3; i++) {
        assert.equal((await next(issuer, flow.authSession, { password: `wrong password ${i}` })).body.reason, 'invalid_credentials');
      }
      const limited = await next(issuer, flow.authSession, { password: SEEDED_USER.password });
      assert.equal(limited.status, 429, username);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter > 590 && retryAfter <= 600, `Retry-After ${retryAfter}`);
      assert.deepEqual(limited.body, { error: 'rate_limited', retry_after: retryAfter });
      // Also for a fresh flow of the same identifier (case-insensitive), and for codes.
      const fresh = await start(issuer, { username: username.toUpperCase() });
      assert.equal((await next(issuer, fresh.authSession, { code: '123456' })).status, 429);
    }
  });

  it('limits failures per IP across identifiers', async () => {
    // 6 failures so far from this IP (3 + 3): reaching ipAttempts = 6.
    const other = await start(issuer, { username: 'someone-else@example.com' });
    const limited = await next(issuer, other.authSession, { password: 'whatever it is' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('limits sign-up and recovery starts per identifier and per IP', async () => {
    const ok1 = await start(issuer, { action: 'recover', email: 'carol@example.com' });
    const ok2 = await start(issuer, { action: 'signup', email: 'carol@example.com', password: 'tidal amber lantern orchard' });
    assert.equal(ok1.body.code_sent, true);
    assert.equal(ok2.body.code_sent, true);
    const third = await start(issuer, { action: 'recover', email: 'CAROL@example.com' });
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) > 0);
    assert.equal(third.body.error, 'rate_limited');

    // Two more starts for another address reach the per-IP limit of 4.
    assert.equal((await start(issuer, { action: 'recover', email: 'dave@example.com' })).status, 400);
    assert.equal((await start(issuer, { action: 'recover', email: 'erin@example.com' })).status, 400);
    const ip = await start(issuer, { action: 'recover', email: 'frank@example.com' });
    assert.equal(ip.status, 429);
  });
});

describe('demo OP: guesses are reserved before the password hash', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: { attempts: 5, ipAttempts: 1000, accountAttempts: 1000 } }));

  // First: the parallel guesses below leave Ada's account waiting.
  it('gives the reservation back on success: the right password does not count against the owner', async () => {
    const issuer = server().op.issuer;
    for (let i = 0; i < 7; i++) {
      const flow = await start(issuer, { username: 'Ada@Example.com ' });
      assert.equal((await next(issuer, flow.authSession, { password: SEEDED_USER.password })).status, 200, `sign-in ${i}`);
    }
  });

  it('answers 429 to parallel wrong passwords beyond the limit, on one auth_session, without hashing them', async () => {
    const issuer = server().op.issuer;
    const flow = await start(issuer, { username: SEEDED_USER.email });
    const began = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => next(issuer, flow.authSession, { password: `parallel guess ${i}` })));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 400).length, 5, statuses.join());
    assert.equal(statuses.filter((s) => s === 429).length, 25, statuses.join());
    // 5 hashes, not 30: with 0.4 s each over a thread pool of 4, 30 would take seconds more.
    assert.ok(Date.now() - began < 6000, `took ${Date.now() - began} ms`);
  });
});

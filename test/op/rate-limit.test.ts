import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GuessLimiter, SlidingWindow } from '../../demo/op/rate-limit.js';
import type { GuessRule } from '../../demo/op/rate-limit.js';

const SECOND = 1000;
const rule = (free: number, extra: Partial<GuessRule> = {}): GuessRule => ({
  free,
  firstDelayMs: 10 * SECOND,
  maxDelayMs: 60 * SECOND,
  forgetAfterMs: 300 * SECOND,
  resetOnSuccess: true,
  ...extra,
});
const limiter = () => new GuessLimiter({ pair: rule(3), address: rule(100, { resetOnSuccess: false }), account: rule(5) });

function fail(l: GuessLimiter, address: string, account: string, now: number): void {
  const r = l.reserve(address, account, now);
  assert.ok(r.ok, `refused at ${now}`);
  r.ticket.fail();
}

describe('demo OP rate limits: GuessLimiter', () => {
  it('counts reservations at once, so parallel attempts cannot overtake the free ones', () => {
    const l = limiter();
    const tickets = [1, 2, 3].map(() => l.reserve('a', 'ada', 0));
    assert.ok(tickets.every((t) => t.ok));
    const fourth = l.reserve('a', 'ada', 0);
    assert.equal(fourth.ok, false);
  });

  it('gives a reservation back on success or release', () => {
    const l = limiter();
    for (let i = 0; i < 10; i++) {
      const r = l.reserve('a', 'ada', 0);
      assert.ok(r.ok);
      if (i % 2) r.ticket.succeed();
      else r.ticket.release();
    }
    assert.equal(l.retryAfter('a', 'ada', 0), 0);
  });

  it('delays grow after the free failures (doubling, capped), and one attempt runs after each delay', () => {
    const l = new GuessLimiter({ pair: rule(2), address: rule(100), account: rule(100) });
    fail(l, 'a', 'ada', 0);
    assert.equal(l.retryAfter('a', 'ada', 0), 0);
    const start = Date.now();
    const r = l.reserve('a', 'ada', start);
    assert.ok(r.ok);
    r.ticket.fail(); // the second: 10 s
    const now = Date.now();
    assert.ok(Math.abs(l.retryAfter('a', 'ada', now) - 10) <= 1);
    assert.equal(l.reserve('a', 'ada', now + 5 * SECOND).ok, false);
    const third = l.reserve('a', 'ada', now + 11 * SECOND);
    assert.ok(third.ok);
    // Only one at a time past the free allowance.
    assert.equal(l.reserve('a', 'ada', now + 11 * SECOND).ok, false);
  });

  it('limits one account from many addresses', () => {
    const l = limiter();
    // 5 addresses x 1 failure = the account's 5 free ones; the sixth address waits.
    for (const address of ['a1', 'a2', 'a3', 'a4', 'a5']) fail(l, address, 'ada', 0);
    const sixth = l.reserve('a6', 'ada', 0);
    assert.equal(sixth.ok, false);
    assert.ok(!sixth.ok && sixth.retryAfterSeconds > 0);
    // Another account from that address is not affected.
    assert.ok(l.reserve('a6', 'bob', 0).ok);
  });

  it('a success resets the account and the pair, not the address', () => {
    const l = new GuessLimiter({ pair: rule(3), address: rule(4, { resetOnSuccess: false }), account: rule(3) });
    fail(l, 'a', 'ada', 0);
    fail(l, 'a', 'ada', 0);
    const ok = l.reserve('a', 'ada', 0);
    assert.ok(ok.ok);
    ok.ticket.succeed();
    fail(l, 'a', 'ada', 0);
    fail(l, 'a', 'ada', 0);
    // The address has 4 failures now, whatever the successes in between.
    assert.equal(l.reserve('a', 'other', 0).ok, false);
  });

  it('keeps at most maxKeys keys per table', () => {
    const l = new GuessLimiter({ pair: rule(3), address: rule(3), account: rule(3) }, 100);
    for (let i = 0; i < 10_000; i++) fail(l, `addr${i}`, `user${i}@example.com`, 0);
    // The oldest were dropped; the newest are still counted.
    assert.equal(l.retryAfter('addr0', 'user0@example.com', 0), 0);
    const r = l.reserve('addr9999', 'user9999@example.com', 0);
    assert.ok(r.ok);
  });
});

describe('demo OP rate limits: SlidingWindow', () => {
  it('frees a slot when the oldest hit leaves the window, and stays bounded', () => {
    const w = new SlidingWindow(2, 10 * SECOND, 50);
    w.hit('k', 0);
    w.hit('k', 1000);
    assert.equal(w.retryAfter('k', 2000), 8);
    assert.equal(w.retryAfter('k', 10_001), 0);
    for (let i = 0; i < 1000; i++) w.hit(`key${i}`, 0);
    assert.equal(w.retryAfter('key0', 0), 0, 'evicted');
  });
});

describe('demo OP rate limits: the owner keeps a way in', () => {
  it('code guesses leave the account key out, so password guessing elsewhere does not block them', () => {
    const l = limiter();
    for (const address of ['a1', 'a2', 'a3', 'a4', 'a5']) fail(l, address, 'ada', 0);
    assert.equal(l.reserve('owner', 'ada', 0).ok, false, 'a password guess waits');
    assert.ok(l.reserve('owner', 'ada', 0, { perAccount: false }).ok, 'an emailed code does not');
  });
});

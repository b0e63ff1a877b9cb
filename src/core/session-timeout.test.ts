import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCountdown, parseDuration, sessionTimeout, type TimeoutPolicy } from './session-timeout.js';

const minute = 60_000;
const t0 = Date.UTC(2026, 11, 7, 9);
const policy: TimeoutPolicy = { idleMs: 15 * minute, maxAgeMs: 12 * 60 * minute, warnMs: 2 * minute };
const at = (now: number, lastActivity = t0, authTime: number | null = t0) => sessionTimeout(policy, { now, lastActivity, authTime });

describe('session timeout', () => {
  it('idle: active until the warning, a warning for its last two minutes, then ended', () => {
    assert.deepEqual(at(t0 + minute), { phase: 'active', until: t0 + 13 * minute });
    assert.deepEqual(at(t0 + 13 * minute), { phase: 'warning', reason: 'idle', endsAt: t0 + 15 * minute });
    assert.deepEqual(at(t0 + 15 * minute), { phase: 'ended', reason: 'idle' });
  });

  it('activity anywhere moves the end; the age limit holds whatever the activity', () => {
    assert.deepEqual(at(t0 + 14 * minute, t0 + 10 * minute), { phase: 'active', until: t0 + 23 * minute });
    const late = t0 + 12 * 60 * minute - minute;
    assert.deepEqual(at(late, late), { phase: 'warning', reason: 'max-age', endsAt: t0 + 12 * 60 * minute });
    assert.deepEqual(at(t0 + 12 * 60 * minute, t0 + 12 * 60 * minute), { phase: 'ended', reason: 'max-age' });
  });

  it('without auth_time only the idle limit counts; with no limit at all it is off', () => {
    assert.deepEqual(at(t0 + minute, t0, null), { phase: 'active', until: t0 + 13 * minute });
    assert.deepEqual(sessionTimeout({ idleMs: null, maxAgeMs: null, warnMs: minute }, { now: t0, lastActivity: t0, authTime: t0 }), { phase: 'off' });
  });

  it('reads durations and shows countdowns', () => {
    assert.equal(parseDuration('15m'), 15 * minute);
    assert.equal(parseDuration('1h30m'), 90 * minute);
    assert.equal(parseDuration('90'), 90_000);
    assert.equal(parseDuration('45s'), 45_000);
    assert.equal(parseDuration('soon'), null);
    assert.equal(parseDuration(''), null);
    assert.equal(parseDuration('m'), null);
    assert.equal(formatCountdown(119_001), '2:00');
    assert.equal(formatCountdown(5_000), '0:05');
    assert.equal(formatCountdown(-10), '0:00');
  });
});

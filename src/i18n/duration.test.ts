import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from './duration.js';

describe('formatDuration', () => {
  it('says minutes and seconds instead of hundreds of seconds', () => {
    assert.equal(formatDuration(792, 'en'), '13 minutes and 12 seconds');
    assert.equal(formatDuration(792, 'de'), '13 Minuten und 12 Sekunden');
  });
  it('leaves out a unit that is zero, and says one in the singular', () => {
    assert.equal(formatDuration(42, 'en'), '42 seconds');
    assert.equal(formatDuration(120, 'en'), '2 minutes');
    assert.equal(formatDuration(61, 'en'), '1 minute and 1 second');
    assert.equal(formatDuration(0, 'en'), '0 seconds');
  });
  it('rounds part seconds up (a countdown never says 0 while there is still time) and keeps two units', () => {
    assert.equal(formatDuration(41.2, 'en'), '42 seconds');
    assert.equal(formatDuration(3725, 'en'), '1 hour and 2 minutes');
    assert.equal(formatDuration(3605, 'de'), '1 Stunde');
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { leadingZeroBits } from '../../demo/op/bot-check.js';
import { searchPow, sha256 } from './pow.js';

describe('proof of work (core/pow.ts)', () => {
  it('hashes like SHA-256 across block boundaries and UTF-8', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(119), 'é'.repeat(70)]) {
      assert.equal(Buffer.from(sha256(text)).toString('hex'), createHash('sha256').update(text).digest('hex'), `${text.length} characters`);
    }
  });

  it('finds the first n whose hash has the zero bits the OP checks, from any start and in batches', () => {
    const challenge = `${'s'.repeat(22)}.1765000000.12.${'m'.repeat(43)}`;
    const n = searchPow(challenge, 12, 0, 100_000);
    assert.ok(n !== null);
    assert.ok(leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= 12);
    for (let earlier = 0; earlier < n; earlier += 97)
      assert.ok(leadingZeroBits(createHash('sha256').update(`${challenge}:${earlier}`).digest()) < 12, 'none before it');
    assert.equal(searchPow(challenge, 12, 0, n), null, 'a batch that ends before it finds nothing');
    assert.equal(searchPow(challenge, 12, n, 1), n);
  });
});

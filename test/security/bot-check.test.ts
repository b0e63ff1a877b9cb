// Attack battery, the bot check (demo/op/bot-check.ts): a script that floods
// sign-ups and code emails from one address, then tries to get past the check
// without doing the work: no proof, a forged, easier, reused, stale, foreign
// or malformed one. Each refused attempt sends no email.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchPow } from '../../src/core/pow.js';
import { RELAXED_LIMITS } from '../op/challenge-helpers.js';
import { startTestOp, type TestOp } from '../op/helpers.js';
import { recordVectors } from './battery.js';
import { postFrom } from './op-helpers.js';

describe('security battery: the bot check', () => {
  let t: TestOp;
  let issuer: string;
  const tally = { tried: 0, rejected: 0 };
  const count = (refused: boolean) => {
    tally.tried++;
    if (refused) tally.rejected++;
  };
  before(async () => {
    t = await startTestOp({ rateLimit: RELAXED_LIMITS, botCheck: { when: 'velocity', free: 3, provider: { type: 'pow', difficulty: 12 } } });
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    recordVectors('bot check', tally.tried, tally.rejected);
  });

  const signUp = (from: string, email: string, extra: Record<string, string> = {}) =>
    postFrom(from, issuer, '/challenge', {
      client_id: 'demo-app',
      action: 'signup',
      email,
      password: 'a long and quiet passphrase',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      redirect_uri: 'http://127.0.0.1:5173/',
      ...extra,
    });
  it('a flood from one address: after 3, every sign-up wants a proof and sends nothing', async () => {
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await signUp('127.0.0.7', `flood-${i}@example.com`));
    assert.deepEqual(
      answers.slice(0, 3).map((a) => a.body.error),
      ['insufficient_authorization', 'insufficient_authorization', 'insufficient_authorization'],
    );
    for (const [i, answer] of answers.slice(3).entries()) {
      const refused = answer.body.error === 'bot_check_required' && t.op.db.mails.list(`flood-${i + 3}@example.com`).length === 0;
      count(refused);
      assert.ok(refused, `sign-up ${i + 3}`);
    }
    // Another address is not held back by this one.
    assert.equal((await signUp('127.0.0.8', 'neighbour@example.com')).body.error, 'insufficient_authorization');
  });

  it('no way past it without the work: forged, easier, reused, stale, foreign or malformed proofs', async () => {
    const ask = await signUp('127.0.0.7', 'probe@example.com');
    const { challenge } = ask.body.bot_challenge as { challenge: string };
    const n = searchPow(challenge, 12, 0, 10_000_000)!;
    const [salt, expires, , mac] = challenge.split('.');
    const easier = `${salt}.${expires}.1.${mac}`;
    const vectors: [string, string][] = [
      ['forged signature', `pow:${salt}.${expires}.12.${'A'.repeat(43)}:${n}`],
      ['lowered difficulty', `pow:${easier}:${searchPow(easier, 1, 0, 1000)}`],
      ['later expiry', `pow:${salt}.${Number(expires) + 3600}.12.${mac}:${n}`],
      ['the wrong n', `pow:${challenge}:${n + 1}`],
      ['a widget token instead', `turnstile:${challenge}:${n}`],
      ['no n', `pow:${challenge}`],
      ['a huge n', `pow:${challenge}:${'9'.repeat(40)}`],
      ['garbage', 'x'.repeat(5000)],
      ['empty', 'pow::'],
    ];
    for (const [what, proof] of vectors) {
      const answer = await signUp('127.0.0.7', `probe-${what.replace(/\W/g, '')}@example.com`, { bot_proof: proof });
      const refused = answer.body.error === 'bot_check_required' && answer.body.reason === 'invalid_bot_proof';
      count(refused);
      assert.ok(refused, `${what}: ${JSON.stringify(answer.body)}`);
    }
    const honest = await signUp('127.0.0.7', 'probe-honest@example.com', { bot_proof: `pow:${challenge}:${n}` });
    assert.equal(honest.body.error, 'insufficient_authorization', 'the real proof passes');
    const reused = await signUp('127.0.0.7', 'probe-reused@example.com', { bot_proof: `pow:${challenge}:${n}` });
    count(reused.body.reason === 'invalid_bot_proof');
    assert.equal(reused.body.reason, 'invalid_bot_proof', 'a proof is used once');
  });
});

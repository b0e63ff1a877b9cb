import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { BotGate } from '../../demo/op/bot-check.js';
import { SEEDED_USER } from '../../demo/op/server.js';
import { searchPow } from '../../src/core/pow.js';
import { RELAXED_LIMITS, mailbox, next, start } from './challenge-helpers.js';
import { startTestOp, useTestOp } from './helpers.js';

/** The proof a client sends for a proof-of-work challenge of `reply` (an answer that asked for one). */
function solve(reply: { body: Record<string, unknown> }): string {
  const { challenge, difficulty } = reply.body.bot_challenge as { challenge: string; difficulty: number };
  return `pow:${challenge}:${searchPow(challenge, difficulty, 0, 10_000_000)}`;
}

describe('demo OP: the bot check (bot-check.ts)', () => {
  it('asks by velocity per address, always, or never', async () => {
    const velocity = new BotGate({ when: 'velocity', free: 2 });
    const asked = async (gate: BotGate, ip: string) => (await gate.check(ip, undefined)) !== null;
    assert.deepEqual(
      [await asked(velocity, 'a'), await asked(velocity, 'a'), await asked(velocity, 'a'), await asked(velocity, 'b')],
      [false, false, true, false],
    );
    assert.equal(await asked(new BotGate({ when: 'always' }), 'a'), true);
    assert.equal(await asked(new BotGate({ when: 'never' }), 'a'), false);
    // The window passes: the address is free again.
    assert.equal(await velocity.check('a', undefined, Date.now() + 11 * 60_000), null);
  });

  it('takes a solved proof of work once, and nothing forged, stale, weak or of another kind', async () => {
    const gate = new BotGate({ when: 'always', provider: { type: 'pow', difficulty: 10 } });
    const ask = (await gate.check('a', undefined))!;
    assert.equal(ask.status, 400);
    assert.equal(ask.body.error, 'bot_check_required');
    assert.deepEqual(Object.keys(ask.body.bot_challenge as object).sort(), ['algorithm', 'challenge', 'difficulty', 'type']);
    const proof = solve(ask);
    const [, challenge, counter] = proof.split(':');
    const [salt, expires, difficulty, mac] = challenge.split('.');
    const weak = searchPow(challenge, 0, 0, 1)!; // n = 0 almost never has 10 zero bits
    const refused = [
      `pow:${challenge.replace(mac, 'A'.repeat(43))}:${counter}`, // forged signature
      `pow:${[salt, expires, '0', mac].join('.')}:${counter}`, // easier difficulty, same signature
      `pow:${challenge}:${counter}x`,
      `turnstile:${challenge}:${counter}`,
      `pow:${challenge}`,
    ];
    for (const bad of refused) assert.equal((await gate.check('a', bad))?.body.reason, 'invalid_bot_proof', bad);
    if (weak !== Number(counter)) assert.notEqual(await gate.check('a', `pow:${challenge}:${weak}`), null, 'too few zero bits');
    assert.equal(await gate.check('a', proof, Date.now() + 301_000).then((r) => r?.body.reason), 'invalid_bot_proof', 'expired');
    assert.equal(await gate.check('a', proof), null, 'solved');
    assert.equal((await gate.check('a', proof))?.body.reason, 'invalid_bot_proof', 'used once');
    assert.equal(Number(difficulty), 10);
  });

  describe('a widget provider, checked at its siteverify URL', () => {
    let server: Server;
    let verifyUrl = '';
    const seen: URLSearchParams[] = [];
    before(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          seen.push(form);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: form.get('response') === 'good-token' }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
    });

    it('passes what the provider confirms, fails what it refuses, and fails closed when it does not answer', async () => {
      const gate = new BotGate({ when: 'always', provider: { type: 'turnstile', siteKey: 'site', secret: 'shh', verifyUrl } });
      assert.deepEqual((await gate.check('203.0.113.9', undefined))?.body.bot_challenge, { type: 'turnstile', site_key: 'site' });
      assert.equal(await gate.check('203.0.113.9', 'turnstile:good-token'), null);
      assert.deepEqual(Object.fromEntries(seen[0]), { secret: 'shh', response: 'good-token', remoteip: '203.0.113.9', sitekey: 'site' });
      assert.notEqual(await gate.check('203.0.113.9', 'turnstile:bad-token'), null);
      assert.notEqual(await gate.check('203.0.113.9', 'hcaptcha:good-token'), null, 'another provider’s token');
      await new Promise((resolve) => server.close(resolve));
      assert.notEqual(await gate.check('203.0.113.9', 'turnstile:good-token'), null, 'no answer: refused');
    });
  });

  describe('in the challenge flows', () => {
    const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS, botCheck: { when: 'always', provider: { type: 'pow', difficulty: 8 } } }));

    it('asks before sign-up, recovery and code emails; nothing is sent until the proof comes, and the same request then goes on', async () => {
      const { issuer } = server().op;
      const email = 'bot-or-not@example.com';
      const signUp = { action: 'signup', email, password: 'a long and quiet passphrase', name: 'Bo' };
      const asked = await start(issuer, signUp);
      assert.equal(asked.status, 400);
      assert.equal(asked.body.error, 'bot_check_required');
      assert.deepEqual(await mailbox(issuer, email), [], 'no email before the proof');
      const done = await start(issuer, { ...signUp, bot_proof: solve(asked) });
      assert.equal(done.body.error, 'insufficient_authorization');
      assert.equal(done.body.code_sent, true);

      const recover = await start(issuer, { action: 'recover', email: SEEDED_USER.email });
      assert.equal(recover.body.error, 'bot_check_required');
      assert.equal((await start(issuer, { action: 'recover', email: SEEDED_USER.email, bot_proof: solve(recover) })).body.code_sent, true);

      const signIn = await start(issuer, { username: SEEDED_USER.email });
      assert.equal(signIn.body.error, 'insufficient_authorization', 'a password costs nothing to ask for');
      const code = await next(issuer, signIn.authSession, { method: 'email_code' });
      assert.equal(code.body.error, 'bot_check_required');
      const sent = await next(issuer, signIn.authSession, { method: 'email_code', bot_proof: solve(code) });
      assert.equal(sent.body.code_sent, true);
    });
  });
});

// Attack battery, rate limits: guessing at the demo OP's default limits —
// sequential, parallel, and from many client addresses (distinct loopback
// addresses, see op-helpers.ts) — must meet 429 + Retry-After, with the same
// answer for unknown accounts, at /challenge and in the plain forms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { Browser, CLIENT_ID, authUrl, formAction, pkce, startTestOp } from '../op/helpers.js';
import type { TestOp } from '../op/helpers.js';
import type { Answer } from '../op/challenge-helpers.js';
import { latestCode } from '../op/challenge-helpers.js';
import { recordVectors } from './battery.js';
import { nextFrom, postFrom, startFrom } from './op-helpers.js';

const ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const GUESS = (i: number) => `a wrong password number ${i}`;

/** Counts answers past the allowance: every one should be a 429 with Retry-After and the one body shape. */
function refusals(answers: Answer[]): number {
  return answers.filter(
    (a) => a.status === 429 && Number(a.headers.get('retry-after')) > 0 && JSON.stringify(Object.keys(a.body).sort()) === '["error","retry_after"]',
  ).length;
}

describe('security battery: rate limits at the default settings (demo OP)', () => {
  let t: TestOp;
  let issuer: string;
  const tally = { tried: 0, rejected: 0 };
  const count = (tried: number, rejected: number) => {
    tally.tried += tried;
    tally.rejected += rejected;
  };
  before(async () => {
    t = await startTestOp();
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    recordVectors('rate limits', tally.tried, tally.rejected);
  });

  it('sequential: after 5 wrong passwords from one address, the next ones (the right one too) get 429, known account or not', async () => {
    for (const username of ['seq-known@example.com', 'seq-unknown@example.com']) {
      if (username === 'seq-known@example.com') await t.op.db.users.create({ email: username, name: 'Seq', password: 'the real one, long enough' });
      const flow = await startFrom('127.0.0.1', issuer, { username });
      const answers: Answer[] = [];
      for (let i = 0; i < 5; i++) answers.push(await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { password: GUESS(i) }));
      assert.deepEqual(
        answers.map((a) => a.body.reason),
        Array(5).fill('invalid_credentials'),
      );
      const past = [];
      for (let i = 5; i < 10; i++) past.push(await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { password: GUESS(i) }));
      past.push(await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { password: 'the real one, long enough' }));
      count(past.length, refusals(past));
      assert.equal(refusals(past), past.length, JSON.stringify(past.map((a) => a.status)));
    }
  });

  it('parallel: 60 wrong passwords at once on one auth_session, only 5 are checked, 55 get 429', async () => {
    const flow = await startFrom('127.0.0.9', issuer, { username: 'parallel@example.com' });
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => nextFrom('127.0.0.9', issuer, flow.body.auth_session, { password: GUESS(i) })));
    count(55, refusals(answers));
    assert.equal(refusals(answers), 55, JSON.stringify(answers.map((a) => a.status)));
  });

  it('many addresses, one account: 8 addresses x 5 guesses, the account limit (10) answers 429 to the other 30', async () => {
    const answers: Answer[] = [];
    for (let round = 0; round < 5; round++) {
      for (const address of ADDRESSES) {
        const flow = await startFrom(address, issuer, { username: SEEDED_USER.email });
        answers.push(await nextFrom(address, issuer, flow.body.auth_session, { password: GUESS(round) }));
      }
    }
    const checked = answers.filter((a) => a.body.reason === 'invalid_credentials').length;
    count(30, refusals(answers));
    assert.equal(checked, 10, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(refusals(answers), 30);
  });

  it('the owner of the account under attack still signs in with an emailed code (slowed guessers, no lockout)', async () => {
    const flow = await startFrom('127.0.0.1', issuer, { username: SEEDED_USER.email });
    const password = await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { password: SEEDED_USER.password });
    assert.equal(password.status, 429, 'the password waits while the account is being guessed at');
    await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { method: 'email_code' });
    const code = await latestCode(issuer, SEEDED_USER.email);
    const done = await nextFrom('127.0.0.1', issuer, flow.body.auth_session, { code });
    assert.equal(done.status, 200, JSON.stringify(done.body));
  });

  it('one address, many accounts: past 20 failures the address gets 429 for any account', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 24; i++) {
      const flow = await startFrom('127.0.0.20', issuer, { username: `spread-${i}@example.com` });
      answers.push(await nextFrom('127.0.0.20', issuer, flow.body.auth_session, { password: GUESS(i) }));
    }
    count(4, refusals(answers.slice(20)));
    assert.equal(refusals(answers.slice(20)), 4, JSON.stringify(answers.map((a) => a.status)));
  });

  it('X-Forwarded-For is not trusted: a new header value per request is still one address', async () => {
    const flow = await startFrom('127.0.0.21', issuer, { username: 'xff@example.com' });
    const answers: Answer[] = [];
    for (let i = 0; i < 8; i++) {
      // Each guess claims another client; the OP reads the socket's address.
      const params = { client_id: CLIENT_ID, auth_session: String(flow.body.auth_session), password: GUESS(i) };
      answers.push(await postFrom('127.0.0.21', issuer, '/challenge', params, { 'x-forwarded-for': `203.0.113.${i}`, forwarded: `for=203.0.113.${i}` }));
    }
    count(3, refusals(answers.slice(5)));
    assert.equal(refusals(answers.slice(5)), 3, JSON.stringify(answers.map((a) => a.status)));
  });

  it('code emails: one address is held at 5 per identifier; 12 addresses together at 10', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await startFrom(`127.0.1.${i + 1}`, issuer, { action: 'recover', email: 'codes@example.com' }));
    count(2, refusals(answers.slice(10)));
    assert.equal(
      answers.slice(0, 10).every((a) => a.body.code_sent === true),
      true,
    );
    assert.equal(refusals(answers.slice(10)), 2);
  });

  it('the plain sign-in form: 40 wrong passwords, then the right one is still refused (no bypass)', async () => {
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge));
    const action = formAction(page.body, '/login');
    await t.op.db.users.create({ email: 'form@example.com', name: 'Form', password: 'the real one, long enough' });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await browser.request(action, { form: { email: 'form@example.com', password: GUESS(i) } })).status);
    const right = await browser.page(action, { email: 'form@example.com', password: 'the real one, long enough' });
    const refused = statuses.slice(5).filter((s) => s === 429).length + (right.status === 429 ? 1 : 0);
    count(36, refused);
    assert.equal(refused, 36, statuses.join());
    assert.match(right.body, /Too many attempts\. Try again in \d+ (seconds|minutes)\./);
  });
});

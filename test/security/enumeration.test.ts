// Attack battery, enumeration: whether an account exists must not show in any
// answer of the demo OP — sign-in, sign-up, recovery (at /challenge and in the
// plain forms) and federation — neither in status and body nor in timing
// (medians of alternating runs, compared as a ratio within one run).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { RELAXED_LIMITS, next, shape, start } from '../op/challenge-helpers.js';
import { federatedSignIn, startFederationOp } from '../op/federation-helpers.js';
import type { FederationOp } from '../op/federation-helpers.js';
import { Browser, authUrl, formAction, pkce, startTestOp } from '../op/helpers.js';
import type { Page, TestOp } from '../op/helpers.js';
import { recordVectors } from './battery.js';
import { TIMING_TOLERANCE, medianRatio } from './op-helpers.js';

const KNOWN = SEEDED_USER.email;
const UNKNOWN = 'nobody-here@example.com';
const PASSWORD = 'a wrong but long password';

/** One vector: `same` is true when the OP did not tell the two apart. */
const tally = { tried: 0, rejected: 0 };
function vector(same: boolean, what: string, detail = ''): void {
  tally.tried++;
  if (same) tally.rejected++;
  assert.ok(same, `${what} tells known and unknown accounts apart ${detail}`);
}

function asPage(result: Page | { location: URL }): Page {
  assert.ok(!('location' in result), 'expected an OP page');
  return result;
}

/** Records the tally of a describe block and starts a new one. */
function recordTally(): void {
  recordVectors('enumeration', tally.tried, tally.rejected);
  tally.tried = 0;
  tally.rejected = 0;
}

/** A page with what legitimately differs (interaction ids, the typed email, hidden auth_session) taken out. */
function normalized(body: string, email: string): string {
  return body
    .replaceAll(/<span class="email"[^>]*>.*?<\/span>/g, 'EMAIL')
    .replaceAll(/\/interaction\/[\w-]+/g, '/interaction/UID')
    .replaceAll(email, 'EMAIL')
    .replaceAll(/name="auth_session" value="[\w-]+"/g, 'name="auth_session" value="SESSION"');
}

describe('security battery: account enumeration (demo OP)', () => {
  let t: TestOp;
  let issuer: string;
  before(async () => {
    t = await startTestOp({ rateLimit: RELAXED_LIMITS });
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    recordTally();
  });

  it('sign-in at /challenge: the identifier step, a wrong password and an email code answer alike', async () => {
    const known = await start(issuer, { username: KNOWN });
    const unknown = await start(issuer, { username: UNKNOWN });
    vector(JSON.stringify(shape(known)) === JSON.stringify(shape(unknown)), 'the identifier step');
    const wrongKnown = await next(issuer, known.authSession, { password: PASSWORD });
    const wrongUnknown = await next(issuer, unknown.authSession, { password: PASSWORD });
    vector(
      JSON.stringify(shape(wrongKnown)) === JSON.stringify(shape(wrongUnknown)),
      'a wrong password',
      JSON.stringify([shape(wrongKnown), shape(wrongUnknown)]),
    );
    const codeKnown = await next(issuer, known.authSession, { method: 'email_code' });
    const codeUnknown = await next(issuer, unknown.authSession, { method: 'email_code' });
    vector(JSON.stringify(shape(codeKnown)) === JSON.stringify(shape(codeUnknown)), 'asking for an email code');
  });

  it('sign-in at /challenge: a wrong password takes as long for an unknown email (same scrypt cost)', async () => {
    const guess = (username: string) => async () => {
      const flow = await start(issuer, { username });
      await next(issuer, flow.authSession, { password: PASSWORD });
    };
    const { ratio, a, b } = await medianRatio(8, guess(KNOWN), guess(UNKNOWN));
    vector(ratio <= TIMING_TOLERANCE, 'the timing of a wrong password', `(medians ${a.toFixed(0)} vs ${b.toFixed(0)} ms)`);
  });

  it('sign-up at /challenge: a taken address gets the same answer, in the same time, as a new one', async () => {
    let n = 0;
    const signUp = (email: () => string) => () => start(issuer, { action: 'signup', email: email(), password: 'tidal amber lantern orchard' });
    const taken = await signUp(() => KNOWN)();
    const fresh = await signUp(() => 'brand-new@example.com')();
    vector(JSON.stringify(shape(taken)) === JSON.stringify(shape(fresh)), 'sign-up', JSON.stringify([shape(taken), shape(fresh)]));
    const { ratio, a, b } = await medianRatio(
      6,
      signUp(() => KNOWN),
      signUp(() => `new-${n++}@example.com`),
    );
    vector(ratio <= TIMING_TOLERANCE, 'the timing of sign-up', `(medians ${a.toFixed(0)} vs ${b.toFixed(0)} ms)`);
  });

  it('recovery at /challenge: an unknown address gets the same answer as a known one', async () => {
    const known = await start(issuer, { action: 'recover', email: KNOWN });
    const unknown = await start(issuer, { action: 'recover', email: UNKNOWN });
    vector(JSON.stringify(shape(known)) === JSON.stringify(shape(unknown)), 'recovery');
    const wrongKnown = await next(issuer, known.authSession, { code: '000000', new_password: 'tidal amber lantern orchard' });
    const wrongUnknown = await next(issuer, unknown.authSession, { code: '000000', new_password: 'tidal amber lantern orchard' });
    vector(JSON.stringify(shape(wrongKnown)) === JSON.stringify(shape(wrongUnknown)), 'a wrong recovery code');
    // No hash here: a few milliseconds each, so more runs for a stable median.
    const { ratio, a, b } = await medianRatio(
      20,
      () => start(issuer, { action: 'recover', email: KNOWN }),
      () => start(issuer, { action: 'recover', email: UNKNOWN }),
    );
    vector(ratio <= TIMING_TOLERANCE, 'the timing of recovery', `(medians ${a.toFixed(1)} vs ${b.toFixed(1)} ms)`);
  });

  it('the plain sign-in form: a wrong password shows the same page for known and unknown emails', async () => {
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge));
    const action = formAction(page.body, '/login');
    const known = await browser.page(action, { email: KNOWN, password: PASSWORD });
    const unknown = await browser.page(action, { email: UNKNOWN, password: PASSWORD });
    vector(known.status === unknown.status && normalized(known.body, KNOWN) === normalized(unknown.body, UNKNOWN), 'the plain sign-in form');
  });

  it('the plain registration form: a taken address shows the same page as a new one (no "already exists")', async () => {
    const browser = new Browser(issuer);
    const page = await browser.page(authUrl(issuer, pkce().challenge, { prompt: 'create' }));
    const action = formAction(page.body, '/register');
    const values = { name: 'Someone', password: 'tidal amber lantern orchard' };
    const taken = await browser.page(action, { ...values, email: KNOWN });
    const fresh = await browser.page(action, { ...values, email: 'another-new@example.com' });
    vector(taken.status === fresh.status && normalized(taken.body, KNOWN) === normalized(fresh.body, 'another-new@example.com'), 'the plain registration form');
    vector(!/already exists/i.test(taken.body), 'the plain registration form text');
  });
});

describe('security battery: account enumeration through federation (demo OP)', () => {
  let t: FederationOp;
  before(async () => {
    t = await startFederationOp();
  });
  after(async () => {
    await t.stop();
    recordTally();
  });

  it('an unverified upstream email shows the same page whether or not an account has it', async () => {
    const taken = asPage((await federatedSignIn(t, 'social', 'mallory')).result);
    const free = asPage((await federatedSignIn(t, 'social', 'pat')).result);
    const strip = (body: string) => body.replaceAll(/\/interaction\/[\w-]+/g, '/interaction/UID');
    vector(taken.status === free.status && strip(taken.body) === strip(free.body), 'federation with an unverified email');
  });
});

// Attack battery, sign-in links by email (demo/op/email-links.ts): what someone who has a link, wants one, or
// wants to decide one without being its owner would try. A mail scanner that fetches or runs the page, guessed and
// forged tokens, replays, another browser's verifier, another client, an expired link, a flood of bad tokens, a
// cross-site page deciding a link, racing status requests, a link pointing elsewhere, and markup
// smuggled in through the User-Agent the confirmation shows. Each is refused; the honest path still works.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { RELAXED_LIMITS } from '../op/challenge-helpers.js';
import { REDIRECT_URI, pkce, startTestOp, type TestOp } from '../op/helpers.js';
import { recordVectors } from './battery.js';
import { nextFrom, postFrom, startFrom } from './op-helpers.js';

const FROM = '127.0.0.1';

describe('security battery: sign-in links by email', () => {
  let t: TestOp;
  let issuer: string;
  const tally = { tried: 0, rejected: 0 };
  const count = (refused: boolean, what: string) => {
    tally.tried++;
    if (refused) tally.rejected++;
    assert.ok(refused, what);
  };
  before(async () => {
    t = await startTestOp({ rateLimit: { ...RELAXED_LIMITS, ipAttempts: 20 } });
    issuer = t.op.issuer;
  });
  after(async () => {
    await t.stop();
    recordVectors('sign-in links', tally.tried, tally.rejected);
  });

  const mailedLinks = () => t.op.db.mails.list(SEEDED_USER.email).filter((m) => m.subject.includes('sign-in link'));
  const tokenOf = (text: string) => /#ciam_link=([\w-]{43})/.exec(text)?.[1] ?? '';
  const link = (params: Record<string, string>, from = FROM, headers: Record<string, string> = {}) =>
    postFrom(from, issuer, '/challenge', { client_id: 'demo-app', ...params }, headers);

  /** A waiting flow that asked for a link, as the owner's browser does; the link as mailed. */
  async function asked(userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36') {
    const start = await startFrom(FROM, issuer, { username: SEEDED_USER.email });
    const browser = pkce();
    const before = mailedLinks().length;
    await postFrom(
      FROM,
      issuer,
      '/challenge',
      { client_id: 'demo-app', auth_session: String(start.body.auth_session), method: 'email_link', link_challenge: browser.challenge },
      { 'user-agent': userAgent },
    );
    for (let i = 0; i < 50 && mailedLinks().length === before; i++) await new Promise((r) => setTimeout(r, 10));
    const mail = mailedLinks()[0];
    return { authSession: String(start.body.auth_session), verifier: browser.verifier, token: tokenOf(mail.text), text: mail.text };
  }
  const status = (authSession: string) => nextFrom(FROM, issuer, authSession, { method: 'email_link_status' });
  const stillWaiting = async (authSession: string) => {
    await new Promise((r) => setTimeout(r, 1100)); // no slow_down
    return (await status(authSession)).body.error === 'authorization_pending';
  };

  it('a mail scanner: the link opens the app’s registered page with the token in the fragment, which reaches no server', async () => {
    const { text, token, authSession } = await asked();
    const url = new URL(/\S+#ciam_link=[\w-]{43}/.exec(text)![0]);
    count(url.href.startsWith(`${REDIRECT_URI}#`) && url.search === '', 'the link is the flow’s registered redirect_uri, nothing else');
    count(!url.href.split('#')[0].includes(token), 'the token is in the fragment only');
    // Even a scanner that runs the page and posts what it finds (no verifier, no decision) decides nothing.
    count((await link({ link: token })).body.link_status === 'confirm', 'opening asks');
    count(await stillWaiting(authSession), 'the flow still waits after a scanner looked');
  });

  it('guessed, forged, malformed and replayed tokens; another browser’s verifier; another client; a cross-site page', async () => {
    const { token, verifier, authSession } = await asked();
    const forged = [
      'A'.repeat(43),
      token.slice(0, 42),
      `${token}A`,
      token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
      createHash('sha256').update(token).digest('base64url'), // the stored hash is not a token
      `${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`,
      '',
      "' OR 1=1 --",
      '../../mailbox.json',
    ];
    for (const value of forged) {
      const answer = await link({ link: value, approve: 'yes' });
      count(answer.status === 400 && answer.body.link_status === undefined, `forged token ${JSON.stringify(value)}`);
    }
    // Another browser's verifier does not approve: it is asked like any other device.
    count((await link({ link: token, link_verifier: pkce().verifier })).body.link_status === 'confirm', 'a foreign verifier');
    count(
      (await link({ link: token, link_verifier: createHash('sha256').update(verifier).digest('base64url') })).body.link_status === 'confirm',
      'the challenge as verifier',
    );
    // Another client cannot decide this client's link, even with the verifier.
    count((await link({ client_id: 'demo-bff', link: token, link_verifier: verifier })).body.error === 'invalid_link', 'another client');
    // A page on another origin cannot make the browser decide it.
    const crossSite = await link({ link: token, approve: 'yes' }, FROM, { origin: 'https://evil.example' });
    count(crossSite.status === 400 && crossSite.headers.get('access-control-allow-origin') === null, 'a cross-site page');
    count(await stillWaiting(authSession), 'none of it approved the flow');

    // Decided once by the owner: every replay, with or without a decision or the verifier, is refused.
    assert.equal((await link({ link: token, link_verifier: verifier })).body.link_status, 'approved');
    const replays: Record<string, string>[] = [{}, { approve: 'yes' }, { approve: 'no' }, { link_verifier: verifier }];
    for (const params of replays) {
      count((await link({ link: token, ...params })).body.error === 'invalid_link', `replay ${JSON.stringify(params)}`);
    }
  });

  it('the approved flow gives one code to racing status requests, and nothing after', async () => {
    const { token, verifier, authSession: waiting } = await asked();
    assert.equal((await link({ link: token, link_verifier: verifier })).body.link_status, 'approved');
    await new Promise((r) => setTimeout(r, 1100));
    const [first, second] = await Promise.all([status(waiting), status(waiting)]);
    const codes = [first, second].filter((a) => typeof a.body.authorization_code === 'string');
    count(codes.length === 1, 'two racing status requests get one code');
    count((await status(waiting)).body.error === 'invalid_session', 'a status request after the code');
  });

  it('an expired link decides nothing and its flow hears so', async () => {
    const { token, verifier, authSession } = await asked();
    t.op.db.sqlite.prepare('UPDATE email_links SET expires_at = ?').run(Date.now() - 1);
    count((await link({ link: token, link_verifier: verifier })).body.error === 'invalid_link', 'expired, with the verifier');
    count((await link({ link: token, approve: 'yes' })).body.error === 'invalid_link', 'expired, approved elsewhere');
    count((await status(authSession)).body.error === 'expired_token', 'the flow is told');
  });

  it('the device named on another device is text: markup in the User-Agent goes through as a plain name, never as HTML', async () => {
    const { token } = await asked('<img src=x onerror=alert(1)> Firefox/130.0 (Windows NT 10.0)');
    const answer = await link({ link: token });
    count(answer.body.device === 'Firefox on Windows', `a described device, not the raw header: ${String(answer.body.device)}`);
  });

  it('a flood of bad tokens from one address is slowed down, and the owner’s own address still works after', async () => {
    let limited = false;
    for (let i = 0; i < 30 && !limited; i++) limited = (await link({ link: pkce().verifier }, '127.0.0.9')).status === 429;
    count(limited, 'guesses are rate limited per address');
    const { token, verifier } = await asked();
    assert.equal((await link({ link: token, link_verifier: verifier })).body.link_status, 'approved');
  });

  it('sending links is limited like codes: 30 s apart per flow, and the sends limits per address and email', async () => {
    const start = await startFrom(FROM, issuer, { username: SEEDED_USER.email });
    const ask = () => nextFrom(FROM, issuer, start.body.auth_session, { method: 'email_link', link_challenge: pkce().challenge });
    assert.equal((await ask()).body.link_sent, true);
    count((await ask()).status === 429, 'a second link at once');
    count((await nextFrom(FROM, issuer, start.body.auth_session, { method: 'email_code' })).status === 429, 'a code right after the link');
  });
});

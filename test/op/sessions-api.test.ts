import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeUserAgent } from '../../demo/op/device-sessions.js';
import { refresh } from './challenge-helpers.js';
import { useTestOp } from './helpers.js';
import { call, newUser, signIn } from './profile-helpers.js';

const SESSIONS = '/api/sessions';

interface SessionView {
  id: string;
  browser: string;
  os: string;
  app: string;
  created_at: string;
  last_seen: string;
  current: boolean;
}

describe('demo OP: the sessions API (/api/sessions)', () => {
  const server = useTestOp();
  const sessions = async (token: string) => {
    const res = await call(server().op.issuer, 'GET', SESSIONS, token);
    assert.equal(res.status, 200, res.text);
    return (res.body as { sessions: SessionView[] }).sessions;
  };

  it('lists each sign-in with the one asking marked; ending another revokes its tokens; someone else’s is not found', async () => {
    const { issuer } = server().op;
    const ada = await newUser(server().op);
    const laptop = ada.tokens;
    const phone = await signIn(issuer, ada.email);
    const listed = await sessions(laptop.access_token);
    assert.equal(listed.length, 2);
    assert.equal(listed.filter((s) => s.current).length, 1, 'exactly one is the one asking');
    assert.equal(listed[0].app, 'Demo App');
    assert.match(listed[0].id, /^[\w-]{22}$/);

    // Someone else cannot see or end Ada's sessions.
    const grace = await newUser(server().op);
    const phoneId = listed.find((s) => !s.current)!.id;
    assert.equal((await call(issuer, 'DELETE', `${SESSIONS}/${phoneId}`, grace.tokens.access_token)).status, 404);
    assert.equal((await call(issuer, 'DELETE', `${SESSIONS}/${phoneId}`, undefined)).status, 401);

    const ended = await call(issuer, 'DELETE', `${SESSIONS}/${phoneId}`, laptop.access_token);
    assert.equal(ended.status, 204, ended.text);
    assert.equal((await refresh(issuer, phone.refresh_token)).status, 400, 'the ended session cannot renew');
    assert.equal((await call(issuer, 'GET', SESSIONS, phone.access_token)).status, 401, 'nor call the API');
    assert.deepEqual(
      (await sessions(laptop.access_token)).map((s) => s.current),
      [true],
    );
    assert.equal((await refresh(issuer, laptop.refresh_token)).status, 200, 'this one lives on');
  });

  it('"everywhere else" ends every other session and keeps the one asking', async () => {
    const { issuer } = server().op;
    const bob = await newUser(server().op);
    const other = [await signIn(issuer, bob.email), await signIn(issuer, bob.email)];
    assert.equal((await sessions(bob.tokens.access_token)).length, 3);
    assert.equal((await call(issuer, 'DELETE', SESSIONS, bob.tokens.access_token)).status, 204);
    assert.deepEqual(
      (await sessions(bob.tokens.access_token)).map((s) => s.current),
      [true],
    );
    for (const tokens of other) assert.equal((await refresh(issuer, tokens.refresh_token)).status, 400);
  });

  it('pushes the end of a session to its event stream (ended from another device, or revoked at the provider), only to that one', async () => {
    const { issuer } = server().op;
    const cy = await newUser(server().op);
    const [phone, tablet] = [await signIn(issuer, cy.email), await signIn(issuer, cy.email)];
    const listen = async (token: string) => {
      const res = await fetch(new URL(`${SESSIONS}/events`, issuer), { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      let text = '';
      const done = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      })();
      return { done, text: () => text };
    };
    const [onPhone, onTablet] = [await listen(phone.access_token), await listen(tablet.access_token)];
    const phoneId = (await sessions(phone.access_token)).find((s) => s.current)!.id;
    assert.equal((await call(issuer, 'DELETE', `${SESSIONS}/${phoneId}`, cy.tokens.access_token)).status, 204);
    await onPhone.done; // the answer ends with the event
    assert.match(onPhone.text(), /^: listening\n\n(: keep-alive\n\n)*event: session-ended\ndata: \{\}\n\n$/);
    assert.equal(onTablet.text(), ': listening\n\n', 'the other sessions hear nothing');

    // A refresh token revoked at the provider (a sign-out) ends its grant: the stream says so too.
    const revoked = await fetch(new URL('/token/revocation', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tablet.refresh_token, client_id: 'demo-app' }).toString(),
    });
    assert.equal(revoked.status, 200);
    await onTablet.done;
    assert.match(onTablet.text(), /event: session-ended\n/);
    assert.equal((await call(issuer, 'GET', `${SESSIONS}/events`, undefined)).status, 401, 'no token, no stream');
  });

  it('reads the browser and the system from the user agent', () => {
    const chromeLinux = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const safariIphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    const edge = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
    assert.deepEqual(describeUserAgent(chromeLinux), { browser: 'Chrome', os: 'Linux' });
    assert.deepEqual(describeUserAgent(safariIphone), { browser: 'Safari', os: 'iOS' });
    assert.deepEqual(describeUserAgent(edge), { browser: 'Edge', os: 'Windows' });
    assert.deepEqual(describeUserAgent('curl/8'), { browser: 'Browser', os: 'an unknown system' });
  });
});

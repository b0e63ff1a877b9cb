import { expect, waitUntil } from '@open-wc/testing';
import type { Notification, SessionState } from '../core/states.js';
import { CiamClient, type LazyModules } from './ciam-client.js';

/**
 * The interpreter in a real browser against an OP answered in place (no
 * network): embedded password sign-in, with the machine's later parts
 * (session, step-up) loaded when and as the test says.
 */
const issuer = 'https://id.example.com';
const endpoints = { challenge: `${issuer}/challenge`, token: `${issuer}/token` };
const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: endpoints.token,
  userinfo_endpoint: `${issuer}/me`,
  response_types_supported: ['code'],
  authorization_challenge_endpoint: endpoints.challenge,
};
const jwt = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

let nonce = '';
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
const realFetch = window.fetch;

/** The OP: discovery, then identifier → password → code, then tokens whose ID token carries the request's nonce. */
function fakeOp() {
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    // The client sends its forms as URLSearchParams (or a string).
    const body = new URLSearchParams(init?.body instanceof URLSearchParams || typeof init?.body === 'string' ? init.body : undefined);
    const json = (value: unknown, status = 200) =>
      Promise.resolve(new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } }));
    if (url.endsWith('/.well-known/openid-configuration')) return json(discovery);
    if (url === endpoints.challenge && body.get('action') === 'signin') {
      nonce = body.get('nonce') ?? '';
      return json({ error: 'insufficient_authorization', auth_session: 's1', methods: ['password'] }, 400);
    }
    if (url === endpoints.challenge && body.get('password')) return json({ authorization_code: 'c1' });
    if (url === endpoints.token) {
      const now = Math.floor(Date.now() / 1000);
      return json({
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 600,
        id_token: jwt({ iss: issuer, aud: 'web', sub: 'u1', name: 'Ada', email: 'ada@example.com', nonce, iat: now, exp: now + 300 }),
      });
    }
    return Promise.resolve(new Response('{}', { status: 404 }));
  };
}

/** Later parts that arrive when the test says, or fail. */
function controlledLoads() {
  const attempts: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const modules: LazyModules = {
    later: () =>
      new Promise((resolve, reject) => {
        attempts.push({ resolve: () => void import('../core/machine/later.js').then((m) => resolve({ laterParts: m.laterParts })), reject });
      }),
  };
  return { modules, attempts };
}

async function signedOutClient(modules: LazyModules) {
  const client = new CiamClient({ authority: issuer, clientId: 'web', mode: 'embedded' }, modules);
  const seen: { state: SessionState; notification?: Notification }[] = [];
  client.subscribe((state, notification) => seen.push({ state, notification }));
  client.start();
  await waitUntil(() => client.state.name === 'signed-out', 'signed out after discovery');
  return { client, seen };
}

const flowOf = (state: SessionState) => (state.name === 'signed-out' ? state.flow : undefined);

describe('CiamClient (the interpreter)', () => {
  beforeEach(() => fakeOp());
  afterEach(() => (window.fetch = realFetch));

  it('fetches the later parts when the page idles after the form shows, silently: a failed prefetch shows nothing', async () => {
    const { modules, attempts } = controlledLoads();
    const { client, seen } = await signedOutClient(modules);
    await waitUntil(() => attempts.length === 1, 'prefetched at idle');
    attempts[0].reject(new TypeError('Failed to fetch dynamically imported module'));
    await new Promise((r) => setTimeout(r, 50));
    expect(flowOf(client.state)?.error).to.equal(undefined);
    expect(seen.some((s) => s.notification?.event === 'error')).to.equal(false);
    // The submit that needs them loads them again.
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    await waitUntil(() => attempts.length === 2, 'the submit loads them again');
  });

  it('keeps a submit that needs a later part until it has loaded, sends nothing meanwhile, then signs in', async () => {
    const { modules, attempts } = controlledLoads();
    const { client } = await signedOutClient(modules);
    await waitUntil(() => attempts.length === 1, 'prefetched at idle');
    const sent: string[] = [];
    const fetchOp = window.fetch.bind(window);
    window.fetch = (input, init) => (sent.push(input instanceof Request ? input.url : String(input)), fetchOp(input, init));
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).to.deep.equal([], 'no challenge request before the flow part is there');
    expect(attempts.length, 'the submit waits for the load already under way').to.equal(1);
    attempts[0].resolve();
    await waitUntil(() => flowOf(client.state)?.step === 'password', 'password step once the later parts arrived');
    await client.submit({ kind: 'password', password: 'correct horse battery staple' });
    await waitUntil(() => client.state.name === 'signed-in', 'signed in');
    expect(sent).to.deep.equal([endpoints.challenge, endpoints.challenge, endpoints.token]);
  });

  it('announces ciam-signed-in only once the tokens are stored: the listener gets the access token', async () => {
    const { client } = await signedOutClient({ later: () => import('../core/machine/later.js') });
    const tokenAtSignIn = new Promise<string | null>((resolve) =>
      client.subscribe((_state, notification) => {
        if (notification?.event === 'signed-in') void client.getAccessToken().then(resolve);
      }),
    );
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    await waitUntil(() => flowOf(client.state)?.step === 'password', 'password step');
    await client.submit({ kind: 'password', password: 'correct horse battery staple' });
    expect(await tokenAtSignIn).to.equal('at-1');
  });

  it('when a later part cannot load, the step says so, keeps the email, and the next try loads it again', async () => {
    const { modules, attempts } = controlledLoads();
    const { client, seen } = await signedOutClient(modules);
    await waitUntil(() => attempts.length === 1, 'prefetched at idle');
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    attempts[0].reject(new TypeError('Failed to fetch dynamically imported module'));
    await waitUntil(() => flowOf(client.state)?.error?.code === 'network', 'network error on the step');
    expect(flowOf(client.state)?.pending).to.equal(false);
    expect(flowOf(client.state)?.step).to.equal('identifier');
    expect(seen.some((s) => s.notification?.event === 'signed-in')).to.equal(false);

    // The user presses Continue again: the submit asks for the later parts once more, and this time they come.
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    await waitUntil(() => attempts.length === 2, 'loaded again on the next action');
    attempts[1].resolve();
    await waitUntil(() => flowOf(client.state)?.step === 'password', 'password step on the retry');
    await client.submit({ kind: 'password', password: 'correct horse battery staple' });
    await waitUntil(() => client.state.name === 'signed-in', 'signed in on the retry');
  });

  it('counts only the user’s actions as held: a restore’s answer waiting for the later parts leaves the form usable, a submit then shows', async () => {
    const { modules, attempts } = controlledLoads();
    const client = new CiamClient({ authority: issuer, clientId: 'held-restore', mode: 'embedded', store: 'session' }, modules);
    let heard = 0;
    client.subscribe(() => heard++);
    client.start();
    await waitUntil(() => attempts.length === 1, 'the restore asks for the session part');
    await new Promise((r) => setTimeout(r, 50)); // the restore's answer (nobody stored) waits for it
    expect(client.state.name).to.equal('restoring');
    expect(client.holding, 'nothing of the user’s is waiting').to.equal(false);
    const before = heard;
    await client.submit({ kind: 'identifier', username: 'ada@example.com' });
    expect(client.holding, 'the submit is').to.equal(true);
    expect(heard, 'listeners heard it, to show it under way').to.be.greaterThan(before);
    attempts[0].resolve();
    await waitUntil(() => flowOf(client.state)?.step === 'password', 'the submit ran once the restore had answered');
    expect(client.holding).to.equal(false);
  });

  it('checks a discovery copy kept for the tab like a fresh one: a planted one naming another issuer is refused', async () => {
    const key = `ciam.discovery:${issuer}/.well-known/openid-configuration`;
    const planted = { ...discovery, issuer: 'https://evil.example', authorization_endpoint: 'https://evil.example/auth' };
    sessionStorage.setItem(key, JSON.stringify({ expires: Date.now() + 3_600_000, result: { status: 200, headers: {}, body: JSON.stringify(planted) } }));
    try {
      const client = new CiamClient({ authority: issuer, clientId: 'planted' }, { later: () => import('../core/machine/later.js') });
      client.start();
      await waitUntil(() => client.state.name !== 'idle' && client.state.name !== 'discovering', 'discovery decided');
      expect(client.state.name).to.equal('error');
      expect(client.state.name === 'error' && client.state.error.code).to.equal('bad_response');
    } finally {
      sessionStorage.removeItem(key);
    }
  });

  describe('a user who acts before discovery has answered (issue 13)', () => {
    /** Discovery held back until the test lets it answer (or fail); everything else as the fake OP says. */
    function heldDiscovery() {
      const op = window.fetch.bind(window);
      const sent: string[] = [];
      let answer: (ok: boolean) => void = () => undefined;
      const answered = new Promise<boolean>((resolve) => (answer = resolve));
      window.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        sent.push(url);
        if (!url.endsWith('/.well-known/openid-configuration')) return op(input, init);
        return answered.then((ok) => (ok ? op(input, init) : Promise.reject(new TypeError('Failed to fetch'))));
      };
      return { sent, answer };
    }

    it('keeps a submit until the first screen is known, then sends it: the email step goes on to the password', async () => {
      const { sent, answer } = heldDiscovery();
      const client = new CiamClient({ authority: issuer, clientId: 'early-submit', mode: 'embedded' }, { later: () => import('../core/machine/later.js') });
      client.start();
      expect(client.state.name).to.equal('discovering');
      await client.submit({ kind: 'identifier', username: 'ada@example.com' });
      await new Promise((r) => setTimeout(r, 50));
      expect(client.state.name, 'still waiting for discovery').to.equal('discovering');
      expect(sent.filter((url) => url === endpoints.challenge)).to.deep.equal([], 'nothing sent to the challenge endpoint before discovery');
      answer(true);
      await waitUntil(() => flowOf(client.state)?.step === 'password', 'the held submit ran once discovery answered');
      expect(flowOf(client.state)?.username).to.equal('ada@example.com');
      expect(sent.filter((url) => url === endpoints.challenge)).to.have.length(1);
    });

    it('drops the held action when discovery fails: the error shows, and nothing runs after "Try again"', async () => {
      const { sent, answer } = heldDiscovery();
      const client = new CiamClient({ authority: issuer, clientId: 'early-fail', mode: 'embedded' }, { later: () => import('../core/machine/later.js') });
      client.start();
      await client.submit({ kind: 'identifier', username: 'ada@example.com' });
      answer(false);
      await waitUntil(() => client.state.name === 'error', 'the discovery error shows');
      window.fetch = (input, init) => (sent.push(input instanceof Request ? input.url : String(input)), realFetch(input, init));
      fakeOp();
      client.retry();
      await waitUntil(() => client.state.name === 'signed-out', 'signed out after the retry');
      await new Promise((r) => setTimeout(r, 50));
      expect(flowOf(client.state)?.step ?? 'identifier', 'the dropped submit did not run').to.equal('identifier');
      expect(flowOf(client.state)?.pending ?? false).to.equal(false);
    });
  });
});

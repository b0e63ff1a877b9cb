import { expect } from '@open-wc/testing';
import { config, discoveryDocument, ok, rawUser } from '../../test/fixtures/session.js';
import type { CiamError } from '../core/errors.js';
import { replay, transition } from '../core/machine/index.js';
import type { SessionEvent, SessionState } from '../core/states.js';
import type { Listener } from './ciam-client.js';
import { stepUp } from './step-up.js';

/**
 * What step-up uses of CiamClient, driven by the real machine; effects are
 * not run (the test answers them). Listeners hear a change as CiamClient
 * tells it: the state first, then each notification.
 */
class MachineClient {
  private readonly listeners = new Set<Listener>();
  constructor(public state: SessionState) {}
  subscribe(listener: Listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  readonly send = (event: SessionEvent) => {
    const { state, effects } = transition(this.state, event);
    const changed = state !== this.state;
    this.state = state;
    const notifications = effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
    if (changed || notifications.length === 0) this.listeners.forEach((l) => l(state));
    for (const n of notifications) this.listeners.forEach((l) => l(state, n));
  };
}

const now = 1_800_000_000_000;
const signedInBy = (discovery: Record<string, unknown>): SessionState =>
  replay([
    { type: 'started', config: config(), pageUrl: 'https://app.example.com/' },
    { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument(discovery)), now },
    { type: 'sign-in.requested', options: {} },
    { type: 'oidc.succeeded', id: 'sign-in', user: rawUser() },
  ]).state;
const redirectSession = () => signedInBy({});

async function started(client: MachineClient, via: 'popup' | 'redirect' = 'popup') {
  const done = stepUp(client, client.send, { maxAge: 0, via });
  const settled = done.then(
    () => 'resolved',
    (error: CiamError) => error.code,
  );
  await Promise.resolve();
  return settled;
}

describe('step-up at the OP (redirect and popup modes)', () => {
  it('resolves once the user has signed in again', async () => {
    const client = new MachineClient(redirectSession());
    const outcome = started(client);
    expect(client.state.name).to.equal('signing-in');
    client.send({ type: 'oidc.succeeded', id: 'sign-in', user: rawUser() });
    expect(await outcome).to.equal('resolved');
  });

  it('a closed popup rejects with access_denied and keeps the session', async () => {
    const client = new MachineClient(redirectSession());
    const before = client.state.name === 'signed-in' ? client.state.user : null;
    const outcome = started(client);
    client.send({ type: 'oidc.cancelled', id: 'sign-in' });
    expect(await outcome).to.equal('access_denied');
    expect(client.state.name).to.equal('signed-in');
    expect(client.state.name === 'signed-in' && client.state.user).to.equal(before);
  });

  it('a failure rejects with its own error and keeps the session', async () => {
    const client = new MachineClient(redirectSession());
    const outcome = started(client);
    client.send({ type: 'oidc.failed', id: 'sign-in', error: { code: 'login_required' } });
    expect(await outcome).to.equal('login_required');
    expect(client.state.name).to.equal('signed-in');
  });
});

describe('step-up in embedded mode', () => {
  const embeddedSession = () => {
    const signedOut = replay([
      { type: 'started', config: config(), pageUrl: 'https://app.example.com/' },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument({ authorization_challenge_endpoint: 'https://id.example.com/challenge' })), now },
    ]).state;
    // The same user, as an embedded sign-in would leave it.
    return signedOut.name === 'signed-out' ? ({ ...redirectSession(), mode: signedOut.mode, discovery: signedOut.discovery } as SessionState) : signedOut;
  };

  it('re-authenticates in place, and a cancel rejects with access_denied and keeps the session', async () => {
    const client = new MachineClient(embeddedSession());
    const outcome = started(client);
    await new Promise((r) => setTimeout(r, 50)); // the PKCE pair is made first (crypto.subtle)
    expect(client.state.name).to.equal('reauthenticating');
    client.send({ type: 'step-up.cancelled' });
    expect(await outcome).to.equal('access_denied');
    expect(client.state.name).to.equal('signed-in');
  });
});

import { expect } from '@open-wc/testing';
import type { CiamErrorCode } from '../core/error-codes.js';
import type { JourneyDetail } from '../core/journey.js';
import type { SessionState } from '../core/states.js';
import { BffClient } from './bff-client.js';
import { bffJourney, type BffJourneyEvent } from './bff-journey.js';

type Detail = Omit<JourneyDetail, 'element'>;

/** One page of the app: its own tracker, as after a full-page load (sessionStorage is what carries over). */
function page() {
  const seen: Detail[] = [];
  return { seen, track: bffJourney((detail) => seen.push(detail)) };
}

const signedIn = { name: 'signed-in' } as SessionState;
const signedOut = { name: 'signed-out' } as SessionState;
const loaded = (state: SessionState, returned: CiamErrorCode | null = null): BffJourneyEvent => ({ type: 'loaded', state, returned });

describe('BFF journey events (client/bff-journey.ts)', () => {
  beforeEach(() => sessionStorage.clear());

  it('a sign-in leaves for the BFF with method and step; the page it comes back to ends the same attempt signed in', () => {
    const before = page();
    before.track({ type: 'leaving', social: false });
    expect(before.seen).to.deep.equal([
      { type: 'method', method: 'redirect', attempt: before.seen[0].attempt, mode: 'bff' },
      { type: 'step', step: 'provider', attempt: before.seen[0].attempt, mode: 'bff' },
    ]);

    const after = page(); // the full-page return
    after.track(loaded(signedIn));
    expect(after.seen).to.deep.equal([{ type: 'outcome', outcome: 'ok', duration: '<1s', attempt: before.seen[0].attempt, mode: 'bff' }]);
    expect(sessionStorage.length, 'the hand-off is read once').to.equal(0);
  });

  it('a provider button is `social`', () => {
    const { seen, track } = page();
    track({ type: 'leaving', social: true });
    expect(seen.map((d) => d.method ?? d.step)).to.deep.equal(['social', 'provider']);
  });

  it('back without a session is cancelled; the BFF’s access_denied too; its other codes are errors', () => {
    page().track({ type: 'leaving', social: false });
    const back = page();
    back.track(loaded(signedOut));
    expect(back.seen.map((d) => d.outcome)).to.deep.equal(['cancelled']);

    page().track({ type: 'leaving', social: false });
    const denied = page();
    denied.track(loaded(signedOut, 'access_denied'));
    expect(denied.seen.map((d) => d.outcome)).to.deep.equal(['cancelled']);

    page().track({ type: 'leaving', social: false });
    const failed = page();
    failed.track(loaded(signedOut, 'invalid_id_token'));
    expect(failed.seen.map(({ outcome, code }) => [outcome, code])).to.deep.equal([['error', 'invalid_id_token']]);
  });

  it('a page load with no attempt coming back (a restored session, nobody) says nothing', () => {
    const { seen, track } = page();
    track(loaded(signedIn));
    track(loaded(signedOut));
    expect(seen).to.deep.equal([]);
  });

  it('an attempt away longer than 10 minutes is not resumed', () => {
    sessionStorage.setItem('ciam.journey', JSON.stringify({ id: 'old', startedAt: Date.now() - 700_000 }));
    const { seen, track } = page();
    track(loaded(signedIn));
    expect(seen).to.deep.equal([]);
  });
});

describe('BffClient.onJourney(): the return to the page', () => {
  const realFetch = window.fetch.bind(window);
  const here = location.pathname + location.search;
  afterEach(() => {
    window.fetch = realFetch;
    history.replaceState(history.state, '', here);
    sessionStorage.clear();
  });

  /** A client whose BFF answers `/user` with `status` (401: nobody); its journey details, as the elements hear them. */
  async function returnTo(status: 200 | 401) {
    window.fetch = () =>
      Promise.resolve(
        status === 401
          ? new Response('{"error":"login_required"}', { status })
          : Response.json({ claims: { sub: 'u1', email: 'ada@example.com', name: 'Ada Lovelace' }, expires_at: Date.now() / 1000 + 300 }),
      );
    const client = new BffClient({ authority: '', clientId: '', bff: '/bff' });
    const seen: Detail[] = [];
    client.onJourney((detail) => seen.push(detail));
    client.start();
    await new Promise((resolve) => setTimeout(resolve, 600)); // the tracker loads when the page idles
    return { client, seen };
  }

  it('back from the BFF signed in: the attempt that left ends ok, and nothing personal rides along', async () => {
    page().track({ type: 'leaving', social: false });
    const id = (JSON.parse(sessionStorage.getItem('ciam.journey')!) as { id: string }).id;
    const { client, seen } = await returnTo(200);
    expect(client.state.name).to.equal('signed-in');
    expect(seen).to.deep.equal([{ type: 'outcome', outcome: 'ok', duration: '<1s', attempt: id, mode: 'bff' }]);
    expect(JSON.stringify(seen)).not.to.match(/ada|Lovelace|u1/i);
  });

  it('back with `bff_error`: the page shows its code (taken off the address) and the attempt ends in that error', async () => {
    page().track({ type: 'leaving', social: false });
    history.replaceState(history.state, '', `${location.pathname}?keep=1&bff_error=server_error`);
    const { client, seen } = await returnTo(401);
    expect(client.state).to.include({ name: 'signed-out' });
    expect((client.state as { notice?: unknown }).notice).to.deep.equal({ code: 'server_error' });
    expect(location.search).to.equal('?keep=1');
    expect(seen.map(({ outcome, code }) => [outcome, code])).to.deep.equal([['error', 'server_error']]);
  });

  it('a code the page does not know is `unknown`; access_denied is quiet: no notice, cancelled', async () => {
    history.replaceState(history.state, '', `${location.pathname}?bff_error=%3Cb%3Ehi`);
    const odd = await returnTo(401);
    expect((odd.client.state as { notice?: unknown }).notice).to.deep.equal({ code: 'unknown' });
    expect(odd.seen.map(({ outcome, code }) => [outcome, code])).to.deep.equal([['error', 'unknown']]);

    page().track({ type: 'leaving', social: false });
    history.replaceState(history.state, '', `${location.pathname}?bff_error=access_denied`);
    const denied = await returnTo(401);
    expect((denied.client.state as { notice?: unknown }).notice).to.equal(undefined);
    expect(denied.seen.map((d) => d.outcome)).to.deep.equal(['cancelled']);
  });

  it('a restored session on a plain page load emits nothing', async () => {
    const { client, seen } = await returnTo(200);
    expect(client.state.name).to.equal('signed-in');
    expect(seen).to.deep.equal([]);
  });
});

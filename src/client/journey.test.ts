import { expect } from '@open-wc/testing';
import { config, discoveryDocument, ok, rawUser } from '../../test/fixtures/session.js';
import type { JourneyDetail } from '../core/journey.js';
import { transition } from '../core/machine/index.js';
import type { SessionEvent, SessionState } from '../core/states.js';
import { journeyTracker } from './journey.js';

type Detail = Omit<JourneyDetail, 'element'>;

/** Runs `events` through the real machine from `state`, each step through `track`; the state it ends in. */
function run(state: SessionState, events: SessionEvent[], track: (before: SessionState, after: SessionState, event: SessionEvent) => void) {
  for (const event of events) {
    const before = state;
    state = transition(state, event).state;
    track(before, state, event);
  }
  return state;
}

describe('the journey tracker (client/journey.ts): a redirect to the OP and back', () => {
  beforeEach(() => sessionStorage.clear());

  it('hands the attempt over in sessionStorage, and the page that comes back signed in ends the same attempt', () => {
    const before: Detail[] = [];
    const started: SessionEvent[] = [
      { type: 'started', config: config({ mode: 'redirect' }), pageUrl: 'https://app.example.com/' },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now: Date.now() },
    ];
    const signingIn = run(
      { name: 'idle' },
      [...started, { type: 'sign-in.requested', options: {} }],
      journeyTracker((d) => before.push(d)),
    );
    expect(signingIn.name).to.equal('signing-in');
    expect(before.map((d) => [d.type, d.method ?? d.step, d.mode])).to.deep.equal([
      ['method', 'redirect', 'redirect'],
      ['step', 'provider', 'redirect'],
    ]);
    expect(JSON.parse(sessionStorage.getItem('ciam.journey')!)).to.include({ id: before[0].attempt });

    const after: Detail[] = []; // the page that comes back: a new tracker
    run(
      signingIn,
      [{ type: 'oidc.succeeded', id: 'sign-in', user: rawUser() }],
      journeyTracker((d) => after.push(d)),
    );
    expect(after).to.deep.equal([{ type: 'outcome', outcome: 'ok', attempt: before[0].attempt, mode: 'redirect', duration: '<1s' }]);
    expect(sessionStorage.getItem('ciam.journey'), 'read once').to.equal(null);
  });
});

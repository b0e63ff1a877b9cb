import { expect } from '@open-wc/testing';
import { initialOffer, offerState, type OfferEvent, type OfferState } from './offer-state.js';

const replay = (events: OfferEvent[], from: OfferState = initialOffer) => events.reduce(offerState, from);

describe('passkey offer phases (offer-state.ts)', () => {
  it('offering → creating → done → closed', () => {
    expect(replay([{ type: 'create.started' }]).phase).to.equal('creating');
    expect(replay([{ type: 'create.started' }, { type: 'create.answered', result: { ok: true, value: {} } }])).to.deep.equal({ phase: 'done', error: null });
    expect(replay([{ type: 'create.started' }, { type: 'create.answered', result: { ok: true, value: {} } }, { type: 'dismissed' }]).phase).to.equal('closed');
  });

  it('a failure offers again, with its error; the next try clears it', () => {
    const failed = replay([{ type: 'create.started' }, { type: 'create.answered', result: { ok: false, error: { code: 'passkey_exists' } } }]);
    expect(failed).to.deep.equal({ phase: 'offering', error: { code: 'passkey_exists' } });
    expect(offerState(failed, { type: 'create.started' })).to.deep.equal({ phase: 'creating', error: null });
  });

  it('a closed browser prompt offers again without an error', () => {
    const view = replay([
      { type: 'create.started' },
      { type: 'create.answered', result: { ok: false, error: { code: 'passkey_cancelled' }, cancelled: true } },
    ]);
    expect(view).to.deep.equal({ phase: 'offering', error: null });
  });

  it('"Not now" closes it, but not while the browser asks, and a second click starts nothing', () => {
    expect(replay([{ type: 'dismissed' }]).phase).to.equal('closed');
    const creating = replay([{ type: 'create.started' }]);
    expect(offerState(creating, { type: 'dismissed' })).to.equal(creating);
    expect(offerState(creating, { type: 'create.started' })).to.equal(creating);
  });

  it('ignores an answer it did not ask for', () => {
    expect(offerState(initialOffer, { type: 'create.answered', result: { ok: true, value: {} } })).to.equal(initialOffer);
  });
});

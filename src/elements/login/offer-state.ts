/**
 * The passkey offer's phases, as a pure reducer: `offerState(state, event)`.
 * offering ─create.started→ creating ─created→ done ─dismissed→ closed;
 * a failure goes back to offering with its error, a closed browser prompt
 * without one; "Not now" closes from offering (never mid-ceremony). offer.ts dispatches and renders.
 */
import type { PasskeyResult } from '../../client/passkeys-api.js';
import type { CiamErrorData } from '../../core/errors.js';

export type OfferPhase = 'offering' | 'creating' | 'done' | 'closed';

export interface OfferState {
  phase: OfferPhase;
  error: CiamErrorData | null;
}

export type OfferEvent = { type: 'create.started' } | { type: 'create.answered'; result: PasskeyResult<unknown> } | { type: 'dismissed' };

export const initialOffer: OfferState = { phase: 'offering', error: null };

export function offerState(state: OfferState, event: OfferEvent): OfferState {
  switch (event.type) {
    case 'create.started':
      return state.phase === 'offering' ? { phase: 'creating', error: null } : state;
    case 'create.answered':
      if (state.phase !== 'creating') return state;
      if (event.result.ok) return { phase: 'done', error: null };
      return { phase: 'offering', error: event.result.cancelled ? null : event.result.error };
    case 'dismissed':
      // Not while the browser's prompt is up: its answer still needs a place to show.
      return state.phase === 'creating' ? state : { phase: 'closed', error: null };
  }
}

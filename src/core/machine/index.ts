/**
 * The session machine: `transition(state, event) -> { state, effects }`,
 * pure (no clock, no fetch, no DOM: time and results arrive in events), cut
 * into one part per concept:
 *   discovery.ts  discovery and the first screen        (first paint)
 *   autofill.ts   passkey autofill beside the form        (first paint)
 *   flow.ts       the embedded flow: steps, errors, hand-offs, the passkey button's ceremony (first action)
 *   session.ts    sign-in at the OP, callback, restore, tokens, renewal, sign-out  (first action)
 *   step-up.ts    step-up, in place or at the OP        (first action)
 * The client composes the loaded parts (compose.ts); this joins them all,
 * for tests and for replaying a recorded flow.
 */
import type { SessionEvent, SessionState, Step } from '../states.js';
import { compose, NOT_YET } from './compose.js';
import { firstParts, initialState } from './first.js';
import { laterParts } from './later.js';

export { initialState };
export { parseUser } from './session.js';

const all = compose([...firstParts, ...laterParts], true);

/**
 * With every part present nothing is left to load. A user's action before the first screen (`NOT_YET`, which
 * the client holds and sends again) leaves the state as it is here.
 */
export function transition(state: SessionState, event: SessionEvent): Step {
  const step = all(state, event);
  return step === NOT_YET ? { state, effects: [] } : (step as Step);
}

/** Folds a recorded list of events; handy for tests and bug reports. */
export function replay(events: SessionEvent[], from: SessionState = initialState): Step {
  let step: Step = { state: from, effects: [] };
  for (const event of events) step = transition(step.state, event);
  return step;
}

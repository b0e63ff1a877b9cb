/**
 * The session machine: `transition(state, event) -> { state, effects }`.
 * Pure. No clock, no fetch, no DOM: time and results arrive in events.
 * Two parts, so the page pays for the second only once the user acts
 * (machine-start.ts before the first action, machine-session.ts after);
 * this joins them, as the client does once both are loaded.
 */
import { initialState, startTransition } from './machine-start.js';
import { parseUser, sessionTransition } from './machine-session.js';
import type { SessionEvent, SessionState, Step } from './states.js';

export { initialState, parseUser };

export function transition(state: SessionState, event: SessionEvent): Step {
  return startTransition(state, event) ?? sessionTransition(state, event);
}

/** Folds a recorded list of events; handy for tests and bug reports. */
export function replay(events: SessionEvent[], from: SessionState = initialState): Step {
  let step: Step = { state: from, effects: [] };
  for (const event of events) step = transition(step.state, event);
  return step;
}

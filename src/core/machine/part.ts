/**
 * How the machine is cut: one part per concept (discovery, the embedded
 * flow, passkey autofill, the session, step-up), each a pure function of
 * (state, event). A part answers a step, `NOT_MINE` for an event another part
 * decides, or a hand-off: "this event means that one" (the OP's
 * `redirect_to_web` answer is a sign-in at the OP). compose.ts joins the
 * parts that are loaded; shared helpers live here.
 */
import type { CiamConfig } from '../config.js';
import type { CiamErrorData } from '../errors.js';
import type { Ready, SessionEvent, SessionState, Step } from '../states.js';

/** "Another part decides this event": the one value every part uses for it. */
export const NOT_MINE = Symbol('not mine');

/**
 * "Too early to decide": a user's action (a click on "Sign in", a submit)
 * that came before discovery answered. The client holds it and sends it
 * again once the first screen shows (issue 13: an early click is honoured).
 */
export const NOT_YET = Symbol('not yet');

/** The event means another one, which the parts then decide (within the same transition). */
export interface Handoff {
  handoff: SessionEvent;
}

export type PartResult = Step | Handoff | typeof NOT_MINE;
/** Only the first screen's part says `NOT_YET`: the other parts are never asked before it is known. */
export type Part = (state: SessionState, event: SessionEvent) => PartResult | typeof NOT_YET;

export type SignedOut = Extract<SessionState, { name: 'signed-out' }>;
export type ErrorState = Extract<SessionState, { name: 'error' }>;

export function stay(state: SessionState): Step {
  return { state, effects: [] };
}

export function readyOf(state: Ready): Ready {
  return { config: state.config, discovery: state.discovery, signUp: state.signUp, mode: state.mode };
}

/** The error state, announced; `retry` is what "Try again" repeats. */
export function failed(config: CiamConfig, pageUrl: string, ready: Ready | null, error: CiamErrorData, retry: ErrorState['retry']): Step {
  return {
    state: { name: 'error', config, pageUrl, ready, error, retry },
    effects: [{ type: 'notify', notification: { event: 'error', error } }],
  };
}

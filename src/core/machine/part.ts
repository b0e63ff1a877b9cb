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

/** The event means another one, which the parts then decide (within the same transition). */
export interface Handoff {
  handoff: SessionEvent;
}

export type PartResult = Step | Handoff | typeof NOT_MINE;
export type Part = (state: SessionState, event: SessionEvent) => PartResult;

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

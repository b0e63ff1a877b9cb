/**
 * Step-up (RFC 9470): proving again that the signed-in user is there, with a
 * maximum age or ACR. Embedded mode re-authenticates in place
 * (`reauthenticating`: still signed in, an embedded flow starting with the
 * known email); elsewhere it is a new sign-in at the OP (`signing-in` with
 * `from`, the session it started from). The outcome is a `step-up`
 * notification: done, or the error (cancelled, failed, the session ended);
 * a cancel or failure returns to the session as it was. Loaded with the
 * session (later.ts).
 */
import { readOrganization } from '../organization.js';
import type { CiamErrorData } from '../errors.js';
import { newFlow, type EmbeddedFlow } from '../embedded.js';
import type { Effect, SessionEvent, SessionState, SessionUser, SignInOptions, Step } from '../states.js';
import { embeddedEvent } from './flow.js';
import { NOT_MINE, readyOf, stay, type PartResult } from './part.js';
import { flowEnd, requestSignIn, signedIn, signedOutByTab, signOut } from './session.js';

type SignedIn = Extract<SessionState, { name: 'signed-in' }>;
type Reauthenticating = Extract<SessionState, { name: 'reauthenticating' }>;

const done: Effect = { type: 'notify', notification: { event: 'step-up' } };
const refused = (error: CiamErrorData): Effect => ({ type: 'notify', notification: { event: 'step-up', error } });
const cancelled: CiamErrorData = { code: 'access_denied', detail: 'step-up was cancelled' };

export function stepUpPart(state: SessionState, event: SessionEvent): PartResult {
  if (state.name === 'signed-in' && event.type === 'step-up.requested') return requestStepUp(state, event);
  if (state.name === 'signed-in' && event.type === 'sign-in.requested' && upgradesInPlace(state)) return upgradeGuest(state, event.options.intent);
  if (state.name === 'reauthenticating') return onReauthenticating(state, event);
  if (state.name === 'signing-in' && state.from) return atTheOp(state, state.from, event);
  return NOT_MINE;
}

function requestStepUp(state: SignedIn, event: Extract<SessionEvent, { type: 'step-up.requested' }>): Step {
  const ready = readyOf(state);
  const wanted = { ...(event.maxAge !== undefined ? { maxAge: event.maxAge } : {}), ...(event.acrValues ? { acrValues: event.acrValues } : {}) };
  // The fresh tokens stay in the tab's organization.
  const organization = readOrganization(state.user.claims, ready.config);
  if (ready.mode !== 'embedded' || !state.user.email) {
    const step = requestSignIn(ready, { ...wanted, via: event.via, loginHint: state.user.email, ...(organization ? { organization } : {}) }, state.user.sub);
    return step.state.name === 'signing-in' ? { ...step, state: { ...step.state, from: state.user } } : step;
  }
  const flow: EmbeddedFlow = { ...newFlow('sign-in', state.user.email), stepUp: { ...wanted, ...(organization ? { organization: organization.id } : {}) } };
  const reauthenticating: Reauthenticating = { name: 'reauthenticating', ...ready, user: state.user, flow };
  const submitted: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'identifier', username: state.user.email }, pkce: event.pkce, now: event.now };
  const result = embeddedEvent(reauthenticating, ready, flow, submitted, (next) => ({ ...reauthenticating, flow: next }));
  return result !== NOT_MINE && 'state' in result ? result : stay(reauthenticating);
}

/**
 * A guest (`is_anonymous`, demo OP: docs/first-party-challenge.md, "Guest sessions") signing in or up
 * in embedded mode: the forms show in place of the guest session, which stays until the flow ends (a
 * cancel returns to it); the first request binds the guest. Like a step-up, minus its "same user" rule.
 */
function upgradesInPlace(state: SignedIn): boolean {
  return state.user.claims.is_anonymous === true && state.mode === 'embedded';
}

function upgradeGuest(state: SignedIn, intent: SignInOptions['intent']): Step {
  const flow: EmbeddedFlow = { ...newFlow(intent === 'sign-up' ? 'sign-up' : 'sign-in'), guest: 'bind' };
  return { state: { name: 'reauthenticating', ...readyOf(state), user: state.user, flow }, effects: [] };
}

function onReauthenticating(state: Reauthenticating, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  const guest = !!state.flow.guest;
  if (event.type === 'step-up.cancelled') return { state: { name: 'signed-in', ...ready, user: state.user }, effects: guest ? [] : [refused(cancelled)] };
  // A guest may switch between signing in, signing up and recovering, as on the signed-out forms.
  if (event.type === 'embedded.navigated' && guest)
    return { state: { ...state, flow: { ...newFlow(event.intent, state.flow.username), guest: 'bind' } }, effects: [] };
  if (event.type === 'sign-out.requested' || event.type === 'tab.signed-out') {
    const out = event.type === 'tab.signed-out' ? signedOutByTab(ready, event.reason) : signOut(ready, state.user, event.reason);
    return { ...out, effects: [refused({ code: 'login_required', detail: 'signed out during the step-up' }), ...out.effects] };
  }
  // The OP wants its own pages after all (the flow's hand-off): a new sign-in there, as outside embedded mode.
  if (event.type === 'sign-in.requested') return requestSignIn(ready, event.options);
  const wrap = (next: EmbeddedFlow): SessionState => ({ ...state, flow: next });
  const step = embeddedEvent(state, ready, state.flow, event, wrap);
  if (step !== NOT_MINE) return step;
  // A guest becomes whoever signs in (no "same user" rule), and no step-up is waiting for the answer.
  const end = flowEnd(ready, state.flow, event, wrap, guest ? undefined : state.user.sub);
  if (end === NOT_MINE || !('state' in end) || guest) return end;
  return end.state.name === 'signed-in' ? { ...end, effects: [...end.effects, done] } : end;
}

/** A step-up at the OP's pages: the same user signs in again, or the session stays as it was. */
function atTheOp(state: Extract<SessionState, { name: 'signing-in' }>, from: SessionUser, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  const back: SessionState = { name: 'signed-in', ...ready, user: from };
  if (event.type === 'oidc.succeeded' && event.id === 'sign-in' && event.user != null) {
    const step = signedIn(ready, event.user, false, []);
    return step.state.name === 'signed-in'
      ? { ...step, effects: [...step.effects, done] }
      : { state: back, effects: [...step.effects, refused(errorOf(step))] };
  }
  if (event.type === 'oidc.cancelled' && event.id === 'sign-in') return { state: back, effects: [refused(cancelled)] };
  if (event.type === 'oidc.failed' && event.id === 'sign-in' && !(event.error.code === 'popup_blocked' && state.request.via === 'popup')) {
    return { state: back, effects: [{ type: 'notify', notification: { event: 'error', error: event.error } }, refused(event.error)] };
  }
  return NOT_MINE; // a blocked popup continues by redirect, as any sign-in
}

function errorOf(step: Step): CiamErrorData {
  return step.state.name === 'error' ? step.state.error : { code: 'unknown' };
}

/**
 * The embedded flow (embedded and hosted mode): the forms' submits become
 * challenge requests, the OP's answers the next step, an error on this step,
 * or a token request; the passkey button's ceremony (the OP's WebAuthn
 * options, the browser's prompt, the assertion as the next submit); switching
 * between sign-in, sign-up and recovery. Passkey autofill is autofill.ts. The token answer and its storing are the
 * session's (session.ts); the OP's "continue on the web" hands off to a
 * sign-in at the OP. Request building and answer reading are ../embedded.ts.
 * Loaded on the first action (later.ts; a submit waits for it); step-up
 * reuses `embeddedEvent` for its re-authentication.
 */
import { readChallengeResponse, tokenRequest, type ChallengeOutcome } from '../challenge-answers.js';
import { challengeRequest, newFlow, submitFlow, type EmbeddedFlow } from '../embedded.js';
import { readLinkStatus } from '../email-link.js';
import type { Effect, Ready, SessionEvent, SessionState, Step } from '../states.js';
import { parseUrl } from '../url.js';
import { withAutofillStopped } from './autofill.js';
import { NOT_MINE, readyOf, stay, type PartResult, type SignedOut } from './part.js';

export function flowPart(state: SessionState, event: SessionEvent): PartResult {
  if (state.name !== 'signed-out') return NOT_MINE;
  const ready = readyOf(state);
  const flow = state.flow ?? newFlow();
  if (event.type === 'embedded.navigated') {
    // A fresh view (no notice); the autofill attempt count carries on, so late answers stay recognisably old.
    const next: SignedOut = {
      name: 'signed-out',
      ...ready,
      flow: newFlow(event.intent, flow.username),
      ...(state.autofill ? { autofill: state.autofill } : {}),
    };
    return withAutofillStopped(state, { state: next, effects: [] });
  }
  const result = embeddedEvent(state, ready, flow, event, (next) => ({ ...state, flow: next }));
  // Any submit leaves the email field (or starts a modal ceremony): the autofill request ends.
  return event.type === 'embedded.submitted' && result !== NOT_MINE && 'state' in result ? withAutofillStopped(state, result) : result;
}

/**
 * One embedded step in `state` (signed out, or re-authenticating for a
 * step-up); `wrap` puts the flow back into it.
 */
export function embeddedEvent(
  state: SessionState,
  ready: Ready,
  flow: EmbeddedFlow,
  event: SessionEvent,
  wrap: (flow: EmbeddedFlow) => SessionState,
): PartResult {
  const withFlow = (next: EmbeddedFlow, effects: Effect[] = []): Step => ({ state: wrap(next), effects });
  switch (event.type) {
    case 'embedded.submitted': {
      if (event.submit.kind === 'link-status') return askLinkStatus(ready, flow, withFlow);
      if (flow.pending) return withFlow(flow); // no double submit
      const sent = submitFlow(ready, flow, event.submit, event.pkce);
      return withFlow(sent.flow, sent.request ? [{ type: 'http', id: 'challenge', request: sent.request }] : []);
    }
    case 'http.failed':
      // A status request that failed is asked again on the next tick; nothing to show.
      if (event.id === 'link-status') return flow.polling ? withFlow({ ...flow, polling: false }) : stay(state);
      if (!flow.pending || (event.id !== 'challenge' && event.id !== 'token')) return stay(state);
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.succeeded':
    case 'webauthn.failed':
    case 'webauthn.cancelled':
      return passkeyCeremony(state, ready, flow, event, withFlow);
    case 'http.succeeded':
      if (event.id === 'token') return NOT_MINE; // the session reads tokens
      // An answer for a flow that has moved on (another step, a new flow) is old news.
      if (event.id === 'link-status') return flow.polling ? outcome(ready, flow, readLinkStatus(flow, event.result, event.now), withFlow) : stay(state);
      if (!flow.pending || event.id !== 'challenge') return stay(state);
      return outcome(ready, flow, readChallengeResponse(flow, event.result, event.now), withFlow);
    default:
      return NOT_MINE;
  }
}

/**
 * A sign-in link's status, asked on the element's timer while its step shows: alongside the step's own
 * requests (its buttons stay usable), one at a time.
 */
function askLinkStatus(ready: Ready, flow: EmbeddedFlow, withFlow: (flow: EmbeddedFlow, effects?: Effect[]) => Step): Step {
  if (flow.pending || flow.polling || flow.step !== 'email-link' || flow.error?.code === 'link_expired') return withFlow(flow);
  const built = challengeRequest(ready, flow, { kind: 'link-status' }, undefined);
  if ('error' in built) return withFlow(flow);
  return withFlow({ ...flow, polling: true }, [{ type: 'http', id: 'link-status', request: built.request }]);
}

/** What the OP's answer leads to: the next step, a token request, the OP's pages. */
function outcome(ready: Ready, flow: EmbeddedFlow, outcome: ChallengeOutcome, withFlow: (flow: EmbeddedFlow, effects?: Effect[]) => Step): PartResult {
  switch (outcome.kind) {
    case 'flow':
      // The OP sent WebAuthn options: the authenticator is next (the flow stays pending meanwhile).
      return withFlow(outcome.flow, ceremonyFor(outcome.flow));
    case 'continue':
      return continueHosted(ready, flow, outcome.url, withFlow);
    case 'redirect':
      // The OP wants its own pages: a sign-in there, starting from what was typed; for an email domain the OP
      // routes to a company's IdP (home-realm discovery), straight to that IdP, so the email is typed once.
      return {
        handoff: {
          type: 'sign-in.requested',
          options: {
            loginHint: outcome.loginHint ?? (flow.username || undefined),
            maxAge: flow.stepUp?.maxAge,
            acrValues: flow.stepUp?.acrValues,
            ...(outcome.idp ? { idp: outcome.idp } : {}),
            ...(outcome.domainHint ? { domainHint: outcome.domainHint } : {}),
          },
        },
      };
    case 'code':
      // Pending: the token request is under way (a link's code arrives while nothing else was).
      return withFlow({ ...flow, pending: true, polling: false }, [
        { type: 'http', id: 'token', request: tokenRequest(ready, outcome.code, flow.codeVerifier ?? '') },
      ]);
  }
}

/** Hosted mode: the OP finished the step; its page continues the interaction (same origin as its endpoint only). */
function continueHosted(ready: Ready, flow: EmbeddedFlow, url: string, withFlow: (flow: EmbeddedFlow, effects?: Effect[]) => Step): Step {
  const endpoint = ready.config.challengeEndpoint;
  const target = endpoint ? parseUrl(url, endpoint) : null;
  if (!target || !endpoint || target.origin !== new URL(endpoint).origin) {
    return withFlow({ ...flow, pending: false, error: { code: 'bad_response', detail: 'redirect_to leaves the OP' } });
  }
  return withFlow(flow, [{ type: 'navigate', url: target.href, replace: false }]);
}

/** The modal ceremony the flow's new step starts, if the OP asked for a passkey. */
function ceremonyFor(next: EmbeddedFlow): Effect[] {
  return next.step === 'passkey' && next.passkeyOptions && !next.error
    ? [{ type: 'webauthn.get', id: 'passkey', options: next.passkeyOptions, autofill: false }]
    : [];
}

/** The button's ceremony ending, in `state`'s flow `flow`. */
function passkeyCeremony(
  state: SessionState,
  ready: Ready,
  flow: EmbeddedFlow,
  event: Extract<SessionEvent, { type: 'webauthn.succeeded' | 'webauthn.failed' | 'webauthn.cancelled' }>,
  withFlow: (flow: EmbeddedFlow, effects?: Effect[]) => Step,
): PartResult {
  if (event.id !== 'passkey' || flow.step !== 'passkey') return stay(state);
  switch (event.type) {
    case 'webauthn.succeeded': {
      if (!flow.pending) return stay(state);
      const sent = submitFlow(ready, { ...flow, pending: false }, { kind: 'passkey-response', response: event.response }, undefined);
      return withFlow(sent.flow, sent.request ? [{ type: 'http', id: 'challenge', request: sent.request }] : []);
    }
    case 'webauthn.failed':
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.cancelled':
      // Closing the browser's prompt is a change of mind, not an error: back to the first step.
      return withFlow(newFlow(flow.intent, flow.username));
  }
}

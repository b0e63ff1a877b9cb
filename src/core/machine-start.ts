/**
 * The first part of the session machine: what runs before the user's first
 * action. Discovery, and the embedded forms up to the OP's answers (with
 * passkey autofill, which must wait in the email field before the user comes).
 * It returns null for an event the session part decides (machine-session.ts:
 * tokens, redirects, signed-in life, step-up, sign-out); the client loads that
 * part on the first action (bundle budget, DESIGN §7). machine.ts joins both.
 * Pure, like all of core.
 */
import type { CiamConfig } from './config.js';
import { discoveryUrl, isAuthorizationResponse, issuerMatches, resolveMode, signUpMethod } from './config.js';
import {
  challengeRequest, collectsPasskeyAutofill, flowFor, newFlow, readChallengeResponse, tokenRequest,
  type EmbeddedFlow, type EmbeddedSubmit, type PasskeyAutofill,
} from './embedded.js';
import type { CiamErrorData } from './errors.js';
import { parseJsonResponse } from './http.js';
import { discoverySchema } from './schemas/oidc.js';
import type { Effect, Ready, SessionEvent, SessionState, Step } from './states.js';

export const initialState: SessionState = { name: 'idle' };

export type SignedOut = Extract<SessionState, { name: 'signed-out' }>;

/** The step for `event`, or null when the session part (machine-session.ts) decides it. */
export function startTransition(state: SessionState, event: SessionEvent): Step | null {
  // Starting again (new attributes) is allowed from any state.
  if (event.type === 'started') return withAutofillStopped(state, discover(event.config, event.pageUrl));
  switch (state.name) {
    case 'idle':
      return stay(state);
    case 'discovering':
      return onDiscovering(state, event);
    case 'signed-out':
      return onSignedOut(state, event);
    case 'error':
      return event.type === 'retry.requested' && (state.retry.kind === 'discovery' || !state.ready) ? discover(state.config, state.pageUrl) : null;
    default:
      return null;
  }
}

function discover(config: CiamConfig, pageUrl: string): Step {
  return {
    state: { name: 'discovering', config, pageUrl },
    effects: [{ type: 'http', id: 'discovery', request: { url: discoveryUrl(config.authority), method: 'GET' } }],
  };
}

function onDiscovering(state: Extract<SessionState, { name: 'discovering' }>, event: SessionEvent): Step {
  if (event.type === 'http.failed' && event.id === 'discovery') return failed(state.config, state.pageUrl, null, event.error, { kind: 'discovery' });
  if (event.type !== 'http.succeeded' || event.id !== 'discovery') return stay(state);
  const parsed = parseJsonResponse(event.result, discoverySchema, event.now);
  if (!parsed.ok) return failed(state.config, state.pageUrl, null, parsed.error, { kind: 'discovery' });
  const discovery = parsed.value;
  if (!issuerMatches(state.config.authority, discovery.issuer)) {
    const error: CiamErrorData = { code: 'bad_response', detail: `issuer ${discovery.issuer} does not match authority ${state.config.authority}` };
    return failed(state.config, state.pageUrl, null, error, { kind: 'discovery' });
  }
  const ready: Ready = { config: state.config, discovery, signUp: signUpMethod(state.config, discovery), mode: resolveMode(state.config, discovery, state.pageUrl) };
  if (isAuthorizationResponse(state.pageUrl, state.config.redirectUri)) {
    return { state: { name: 'completing', ...ready }, effects: [{ type: 'oidc.callback', id: 'callback', url: state.pageUrl }] };
  }
  // An in-memory store is empty after every page load: nothing to restore.
  if (state.config.store === 'memory') return { state: { name: 'signed-out', ...ready }, effects: [] };
  return { state: { name: 'restoring', ...ready }, effects: [{ type: 'oidc.restore', id: 'restore' }] };
}

function onSignedOut(state: SignedOut, event: SessionEvent): Step | null {
  const ready = readyOf(state);
  const flow = state.flow ?? newFlow();
  if (event.type === 'signin.requested') return null;
  if (event.type === 'embedded.navigated') {
    // A fresh view (no notice); the autofill attempt count carries on, so late answers stay recognisably old.
    const next: SignedOut = { name: 'signed-out', ...ready, flow: newFlow(event.intent, flow.username), ...(state.autofill ? { autofill: state.autofill } : {}) };
    return withAutofillStopped(state, { state: next, effects: [] });
  }
  const autofill = autofillEvent(state, ready, flow, event);
  if (autofill !== undefined) return autofill;
  const wrap = (next: EmbeddedFlow): SessionState => ({ ...state, flow: next });
  const step = embeddedEvent(state, ready, flow, event, wrap);
  // Any submit leaves the email field (or starts a modal ceremony): the autofill request ends.
  return step && event.type === 'embedded.submitted' ? withAutofillStopped(state, step) : step;
}

/**
 * Passkey autofill (conditional mediation): while the first step shows, a
 * passkey sign-in waits in the background for the user to pick a passkey
 * from the email field's suggestions. It never shows an error: the form works
 * as if it were not there, and a failed start just leaves it off.
 * Returns undefined for events that are not about it.
 */
function autofillEvent(state: SignedOut, ready: Ready, flow: EmbeddedFlow, event: SessionEvent): Step | undefined {
  const current = state.autofill;
  const set = (autofill: PasskeyAutofill, effects: Effect[] = []): Step => ({ state: { ...state, autofill }, effects });
  if (event.type === 'autofill.requested') {
    const idle = !current || current.stage === 'off';
    if (!idle || !collectsPasskeyAutofill(ready, flow)) return stay(state);
    const attempt = (current?.attempt ?? 0) + 1;
    const built = challengeRequest(ready, newFlow('sign-in', flow.username), { kind: 'passkey' }, event.pkce);
    if ('error' in built) return set({ stage: 'failed', attempt });
    return set({ stage: 'starting', attempt, codeVerifier: built.verifier, nonce: built.nonce }, [{ type: 'http', id: autofillId(attempt), request: built.request }]);
  }
  const mine = 'id' in event && current && event.id === autofillId(current.attempt);
  if (!mine || !current) return undefined;
  if (current.stage === 'starting' && (event.type === 'http.succeeded' || event.type === 'http.failed')) {
    const started = { ...newFlow('sign-in'), pending: true };
    const outcome = event.type === 'http.succeeded' ? readChallengeResponse(started, event.result, event.now) : null;
    if (outcome?.kind !== 'flow' || outcome.flow.step !== 'passkey' || outcome.flow.error || !outcome.flow.passkeyOptions) return set({ ...current, stage: 'failed' });
    return set({ ...current, stage: 'waiting', authSession: outcome.flow.authSession },
      [{ type: 'webauthn.get', id: autofillId(current.attempt), options: outcome.flow.passkeyOptions, autofill: true }]);
  }
  if (current.stage !== 'waiting') return stay(state);
  if (event.type === 'webauthn.succeeded') {
    // The user picked a passkey: from here it is the passkey step, answered like the button's.
    const picked: EmbeddedFlow = { ...newFlow('sign-in', flow.username), step: 'passkey', authSession: current.authSession ?? null, codeVerifier: current.codeVerifier ?? null, nonce: current.nonce ?? null };
    const resumed: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'passkey-response', response: event.response }, now: event.now };
    const step = embeddedEvent(state, ready, picked, resumed, (next) => ({ ...state, flow: next, autofill: { stage: 'off', attempt: current.attempt } }));
    return step ?? stay(state);
  }
  // Ended by another ceremony: off, and the first step asks again. Refused by the browser: not on this page.
  if (event.type === 'webauthn.cancelled') return set({ stage: 'off', attempt: current.attempt });
  if (event.type === 'webauthn.failed') return set({ stage: 'failed', attempt: current.attempt });
  return stay(state);
}

const autofillId = (attempt: number) => `autofill-${attempt}`;

/** Ends a running autofill request (the browser would otherwise keep offering it) when the step it belongs to goes away. */
export function withAutofillStopped(previous: SessionState, step: Step): Step {
  const autofill = previous.name === 'signed-out' ? previous.autofill : undefined;
  if (!autofill || (autofill.stage !== 'starting' && autofill.stage !== 'waiting')) return step;
  const stopped: PasskeyAutofill = { stage: 'off', attempt: autofill.attempt };
  const state = step.state.name === 'signed-out' && step.state.autofill === autofill ? { ...step.state, autofill: stopped } : step.state;
  return { state, effects: [{ type: 'webauthn.abort' }, ...step.effects] };
}

/**
 * One embedded step: a submit becomes a challenge request; the answer becomes
 * the next step, an error on this step, or a token request. The token answer
 * and the OP's "continue on the web" are the session part's (null); other
 * events leave `state` as it is. `wrap` puts the flow back into its state.
 */
export function embeddedEvent(state: SessionState, ready: Ready, flow: EmbeddedFlow, event: SessionEvent, wrap: (flow: EmbeddedFlow) => SessionState): Step | null {
  const withFlow = (next: EmbeddedFlow, effects: Effect[] = []): Step => ({ state: wrap(next), effects });
  switch (event.type) {
    case 'embedded.submitted': {
      if (flow.pending) return withFlow(flow); // no double submit
      const current = flowFor(flow, event.submit);
      const built = challengeRequest(ready, current, event.submit, event.pkce);
      if ('error' in built) return withFlow({ ...current, error: built.error });
      const next: EmbeddedFlow = { ...current, pending: true, codeVerifier: built.verifier, nonce: built.nonce, username: typedEmail(event.submit) ?? current.username };
      delete next.error;
      return withFlow(next, [{ type: 'http', id: 'challenge', request: built.request }]);
    }
    case 'http.failed':
      if (!flow.pending || (event.id !== 'challenge' && event.id !== 'token')) return stay(state);
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.succeeded': {
      if (event.id !== 'passkey' || flow.step !== 'passkey' || !flow.pending) return stay(state);
      const resumed: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'passkey-response', response: event.response }, now: event.now };
      return embeddedEvent(state, ready, { ...flow, pending: false }, resumed, wrap);
    }
    case 'webauthn.failed':
      if (event.id !== 'passkey' || flow.step !== 'passkey') return stay(state);
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.cancelled':
      // Closing the browser's prompt is a change of mind, not an error: back to the first step.
      if (event.id !== 'passkey' || flow.step !== 'passkey') return stay(state);
      return withFlow(newFlow(flow.intent, flow.username));
    case 'http.succeeded': {
      if (!flow.pending) return stay(state);
      if (event.id === 'token') return null; // the session part signs in
      if (event.id !== 'challenge') return stay(state);
      const outcome = readChallengeResponse(flow, event.result, event.now);
      if (outcome.kind === 'flow') {
        // The OP sent WebAuthn options: the authenticator is next (the flow stays pending meanwhile).
        const ceremony: Effect[] = outcome.flow.step === 'passkey' && outcome.flow.passkeyOptions && !outcome.flow.error
          ? [{ type: 'webauthn.get', id: 'passkey', options: outcome.flow.passkeyOptions, autofill: false }]
          : [];
        return withFlow(outcome.flow, ceremony);
      }
      if (outcome.kind === 'continue') return continueHosted(ready, flow, outcome.url, withFlow);
      if (outcome.kind === 'redirect') return null;
      return withFlow(flow, [{ type: 'http', id: 'token', request: tokenRequest(ready, outcome.code, flow.codeVerifier ?? '') }]);
    }
    case 'oidc.succeeded':
    case 'oidc.failed':
      return event.id === 'store' && flow.pending ? null : stay(state); // tokens stored: the session part signs in
    default:
      return stay(state);
  }
}

/** Hosted mode: the OP finished the step; its page continues the interaction (same origin as its endpoint only). */
function continueHosted(ready: Ready, flow: EmbeddedFlow, url: string, withFlow: (flow: EmbeddedFlow, effects?: Effect[]) => Step): Step {
  const endpoint = ready.config.challengeEndpoint;
  const target = endpoint ? safeUrl(url, endpoint) : null;
  if (!target || !endpoint || target.origin !== new URL(endpoint).origin) {
    return withFlow({ ...flow, pending: false, error: { code: 'bad_response', detail: 'redirect_to leaves the OP' } });
  }
  return withFlow(flow, [{ type: 'navigate', url: target.href, replace: false }]);
}

function safeUrl(url: string, base: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

function typedEmail(submit: EmbeddedSubmit): string | undefined {
  if (submit.kind === 'identifier') return submit.username;
  if (submit.kind === 'signup' || submit.kind === 'recover') return submit.email;
  if (submit.kind === 'passkey') return submit.username;
  return undefined;
}

export function failed(config: CiamConfig, pageUrl: string, ready: Ready | null, error: CiamErrorData, retry: Extract<SessionState, { name: 'error' }>['retry']): Step {
  return {
    state: { name: 'error', config, pageUrl, ready, error, retry },
    effects: [{ type: 'notify', notification: { event: 'error', error } }],
  };
}

export function readyOf(state: Ready): Ready {
  return { config: state.config, discovery: state.discovery, signUp: state.signUp, mode: state.mode };
}

export function stay(state: SessionState): Step {
  return { state, effects: [] };
}

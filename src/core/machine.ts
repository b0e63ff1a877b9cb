/**
 * The session machine: `transition(state, event) -> { state, effects }`.
 * Pure. No clock, no fetch, no DOM: time and results arrive in events.
 */
import type { CiamConfig } from './config.js';
import { discoveryUrl, idpHintParams, isAuthorizationResponse, issuerMatches, resolveMode, safeReturnTo, signUpMethod } from './config.js';
import { challengeRequest, flowFor, newFlow, readChallengeResponse, readTokenResponse, tokenRequest, type EmbeddedFlow } from './embedded.js';
import type { CiamErrorData } from './errors.js';
import { parseJsonResponse } from './http.js';
import { discoverySchema, tokenSetSchema, userinfoSchema } from './schemas/oidc.js';
import type { Effect, Ready, SessionEvent, SessionState, SessionUser, SignInOptions, SignInRequest, Step } from './states.js';

export const initialState: SessionState = { name: 'idle' };


export function transition(state: SessionState, event: SessionEvent): Step {
  // Starting again (new attributes) is allowed from any state.
  if (event.type === 'started') return discover(event.config, event.pageUrl);
  switch (state.name) {
    case 'idle':
      return stay(state);
    case 'discovering':
      return onDiscovering(state, event);
    case 'restoring':
    case 'completing':
      return onRestoringOrCompleting(state, event);
    case 'signed-out':
      return onSignedOut(state, event);
    case 'signing-in':
      return onSigningIn(state, event);
    case 'signed-in':
      return onSignedIn(state, event);
    case 'reauthenticating':
      return onReauthenticating(state, event);
    case 'signing-out':
      return onSigningOut(state, event);
    case 'error':
      return onError(state, event);
  }
}

/** Folds a recorded list of events; handy for tests and bug reports. */
export function replay(events: SessionEvent[], from: SessionState = initialState): Step {
  let step: Step = { state: from, effects: [] };
  for (const event of events) step = transition(step.state, event);
  return step;
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

function onRestoringOrCompleting(state: Extract<SessionState, { name: 'restoring' | 'completing' }>, event: SessionEvent): Step {
  const ready = readyOf(state);
  const id = state.name === 'restoring' ? 'restore' : 'callback';
  if (event.type === 'oidc.succeeded' && event.id === id) {
    if (event.user == null) return { state: { name: 'signed-out', ...ready }, effects: [] };
    const returnTo = safeReturnTo(event.returnTo, ready.config.redirectUri);
    const navigate: Effect[] = returnTo ? [{ type: 'navigate', url: returnTo, replace: true }] : [];
    return signedIn(ready, event.user, id === 'restore', navigate);
  }
  if (event.type === 'oidc.failed' && event.id === id) {
    // A failed restore only means "not signed in"; a failed callback is worth showing.
    if (id === 'restore') return { state: { name: 'signed-out', ...ready }, effects: [] };
    return failed(ready.config, ready.config.redirectUri, ready, event.error, { kind: 'signin', request: signInRequest(ready, {}) });
  }
  return stay(state);
}

type SignedOut = Extract<SessionState, { name: 'signed-out' }>;

function onSignedOut(state: SignedOut, event: SessionEvent): Step {
  const ready = readyOf(state);
  const flow = state.flow ?? newFlow();
  if (event.type === 'signin.requested') return requestSignIn(ready, event.options);
  if (event.type === 'embedded.navigated') return { state: { name: 'signed-out', ...ready, flow: newFlow(event.intent, flow.username) }, effects: [] };
  return embeddedEvent(ready, flow, event, (next) => ({ name: 'signed-out', ...ready, flow: next })) ?? stay(state);
}

function onReauthenticating(state: Extract<SessionState, { name: 'reauthenticating' }>, event: SessionEvent): Step {
  const ready = readyOf(state);
  if (event.type === 'stepup.cancelled') return { state: { name: 'signed-in', ...ready, user: state.user }, effects: [] };
  if (event.type === 'signout.requested') return onSignedIn({ name: 'signed-in', ...ready, user: state.user }, event);
  return embeddedEvent(ready, state.flow, event, (next) => ({ ...state, flow: next })) ?? stay(state);
}

/**
 * One embedded step: a submit becomes a challenge request; the answer becomes
 * the next step, an error on this step, a redirect fallback or a token request;
 * the token answer signs in. `wrap` puts the flow back into its state.
 */
function embeddedEvent(ready: Ready, flow: EmbeddedFlow, event: SessionEvent, wrap: (flow: EmbeddedFlow) => SessionState): Step | null {
  const withFlow = (next: EmbeddedFlow, effects: Effect[] = []): Step => ({ state: wrap(next), effects });
  switch (event.type) {
    case 'embedded.submitted': {
      if (flow.pending) return withFlow(flow); // no double submit
      const current = flowFor(flow, event.submit);
      const built = challengeRequest(ready, current, event.submit, event.pkce);
      if ('error' in built) return withFlow({ ...current, error: built.error });
      const next: EmbeddedFlow = { ...current, pending: true, codeVerifier: built.verifier, username: typedEmail(event.submit) ?? current.username };
      delete next.error;
      return withFlow(next, [{ type: 'http', id: 'challenge', request: built.request }]);
    }
    case 'http.failed':
      if (!flow.pending || (event.id !== 'challenge' && event.id !== 'token')) return null;
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.succeeded': {
      if (flow.step !== 'passkey' || !flow.pending) return null;
      const resumed: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'passkey-response', response: event.response }, now: event.now };
      return embeddedEvent(ready, { ...flow, pending: false }, resumed, wrap);
    }
    case 'webauthn.failed':
      if (flow.step !== 'passkey') return null;
      return withFlow({ ...flow, pending: false, error: event.error });
    case 'webauthn.cancelled':
      // Closing the browser's prompt is a change of mind, not an error: back to the first step.
      if (flow.step !== 'passkey') return null;
      return withFlow(newFlow(flow.intent, flow.username));
    case 'http.succeeded': {
      if (!flow.pending) return null;
      if (event.id === 'challenge') {
        const outcome = readChallengeResponse(flow, event.result, event.now);
        if (outcome.kind === 'flow') {
          // The OP sent WebAuthn options: the authenticator is next (the flow stays pending meanwhile).
          const ceremony: Effect[] = outcome.flow.step === 'passkey' && outcome.flow.passkeyOptions && !outcome.flow.error
            ? [{ type: 'webauthn.get', id: 'passkey', options: outcome.flow.passkeyOptions, autofill: false }]
            : [];
          return withFlow(outcome.flow, ceremony);
        }
        if (outcome.kind === 'continue') return continueHosted(ready, flow, outcome.url, withFlow);
        if (outcome.kind === 'redirect') {
          return requestSignIn(ready, { loginHint: flow.username || undefined, maxAge: flow.stepUp?.maxAge, acrValues: flow.stepUp?.acrValues });
        }
        return withFlow(flow, [{ type: 'http', id: 'token', request: tokenRequest(ready, outcome.code, flow.codeVerifier ?? '') }]);
      }
      if (event.id !== 'token') return null;
      const tokens = readTokenResponse(event.result, event.now);
      if (!tokens.ok) return withFlow({ ...flow, pending: false, error: tokens.error });
      return signedIn(ready, tokens.value, false, [{ type: 'tokens.store', tokens: tokens.value }]);
    }
    default:
      return null;
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

function typedEmail(submit: Extract<SessionEvent, { type: 'embedded.submitted' }>['submit']): string | undefined {
  if (submit.kind === 'identifier') return submit.username;
  if (submit.kind === 'signup' || submit.kind === 'recover') return submit.email;
  if (submit.kind === 'passkey') return submit.username;
  return undefined;
}

function requestSignIn(ready: Ready, options: SignInOptions): Step {
  const intent = options.intent ?? 'sign-in';
  if (intent === 'sign-up') {
    if (!ready.signUp) {
      return { state: { name: 'signed-out', ...ready, notice: { code: 'config', detail: 'this OP offers no sign-up' } }, effects: [] };
    }
    if (ready.signUp.kind === 'url') return { state: { name: 'signed-out', ...ready }, effects: [{ type: 'navigate', url: ready.signUp.url, replace: false }] };
  }
  const request = signInRequest(ready, options);
  return { state: { name: 'signing-in', ...ready, request, intent }, effects: [{ type: 'oidc.signin', id: 'signin', request }] };
}

function signInRequest(ready: Ready, options: SignInOptions): SignInRequest {
  const params: Record<string, string> = { ...idpHintParams(ready.config, options.idp) };
  if (options.intent === 'sign-up' && ready.signUp?.kind === 'prompt') Object.assign(params, ready.signUp.params);
  if (options.loginHint) params.login_hint = options.loginHint;
  if (options.acrValues) params.acr_values = options.acrValues;
  if (options.maxAge !== undefined) params.max_age = String(options.maxAge);
  return { via: options.via ?? 'redirect', params, returnTo: options.returnTo ?? null };
}

function onSigningIn(state: Extract<SessionState, { name: 'signing-in' }>, event: SessionEvent): Step {
  const ready = readyOf(state);
  if (event.type === 'oidc.succeeded' && event.id === 'signin') {
    if (event.user == null) return stay(state); // redirect mode: the page is leaving
    const returnTo = safeReturnTo(event.returnTo, ready.config.redirectUri);
    return signedIn(ready, event.user, false, returnTo ? [{ type: 'navigate', url: returnTo, replace: true }] : []);
  }
  if (event.type === 'oidc.cancelled' && event.id === 'signin') return { state: { name: 'signed-out', ...ready }, effects: [] };
  if (event.type === 'oidc.failed' && event.id === 'signin') {
    if (event.error.code === 'popup_blocked' && state.request.via === 'popup') {
      // Decisions: a blocked popup falls back to a full-page redirect, with a notice.
      const request: SignInRequest = { ...state.request, via: 'redirect' };
      return { state: { ...state, request }, effects: [{ type: 'oidc.signin', id: 'signin', request }] };
    }
    return failed(ready.config, ready.config.redirectUri, ready, event.error, { kind: 'signin', request: state.request });
  }
  return stay(state);
}

function onSignedIn(state: Extract<SessionState, { name: 'signed-in' }>, event: SessionEvent): Step {
  const ready = readyOf(state);
  if (event.type === 'signout.requested') {
    return {
      state: { name: 'signing-out', ...ready, user: state.user },
      // Embedded sign-in leaves no OP browser session, so there is none to end.
      effects: [{ type: 'oidc.signout', id: 'signout', revoke: !!ready.discovery.revocation_endpoint, endSession: !!ready.discovery.end_session_endpoint && ready.mode !== 'embedded' }],
    };
  }
  if (event.type === 'renewed') {
    const user = parseUser(event.user);
    if (!user.ok) return stay(state);
    return { state: { ...state, user: user.value }, effects: [] };
  }
  if (event.type === 'renew.failed') {
    const notice: CiamErrorData = { code: 'session_expired', detail: event.error.detail ?? event.error.code };
    return { state: { name: 'signed-out', ...ready, notice }, effects: [{ type: 'notify', notification: { event: 'signed-out' } }] };
  }
  if (event.type === 'signin.requested') return requestSignIn(ready, event.options);
  if (event.type === 'stepup.requested') return stepUp(state, event);
  return stay(state);
}

/**
 * RFC 9470 step-up. Embedded: re-authenticate in place, starting with the
 * known email (the OP then asks for a password or code). Otherwise a fresh
 * sign-in at the OP with max_age / acr_values.
 */
function stepUp(state: Extract<SessionState, { name: 'signed-in' }>, event: Extract<SessionEvent, { type: 'stepup.requested' }>): Step {
  const ready = readyOf(state);
  const wanted = { ...(event.maxAge !== undefined ? { maxAge: event.maxAge } : {}), ...(event.acrValues ? { acrValues: event.acrValues } : {}) };
  if (ready.mode !== 'embedded' || !state.user.email) {
    return requestSignIn(ready, { ...wanted, via: event.via, loginHint: state.user.email });
  }
  const flow: EmbeddedFlow = { ...newFlow('sign-in', state.user.email), stepUp: wanted };
  const reauth = (next: EmbeddedFlow): SessionState => ({ name: 'reauthenticating', ...ready, user: state.user, flow: next });
  const submitted: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'identifier', username: state.user.email }, pkce: event.pkce, now: event.now };
  return embeddedEvent(ready, flow, submitted, reauth) ?? { state: reauth(flow), effects: [] };
}

function onSigningOut(state: Extract<SessionState, { name: 'signing-out' }>, event: SessionEvent): Step {
  if ((event.type !== 'oidc.succeeded' && event.type !== 'oidc.failed') || event.id !== 'signout') return stay(state);
  const ready = readyOf(state);
  const notify: Effect = { type: 'notify', notification: { event: 'signed-out' } };
  // Local tokens are gone either way; only the OP's session end is still to do.
  const endSessionUrl = event.type === 'oidc.succeeded' ? event.endSessionUrl : null;
  if (endSessionUrl) return { state, effects: [notify, { type: 'navigate', url: endSessionUrl, replace: false }] };
  return { state: { name: 'signed-out', ...ready }, effects: [notify] };
}

function onError(state: Extract<SessionState, { name: 'error' }>, event: SessionEvent): Step {
  if (event.type === 'retry.requested') {
    if (state.retry.kind === 'discovery' || !state.ready) return discover(state.config, state.pageUrl);
    const request = state.retry.request;
    return { state: { name: 'signing-in', ...state.ready, request, intent: 'sign-in' }, effects: [{ type: 'oidc.signin', id: 'signin', request }] };
  }
  if (event.type === 'signin.requested' && state.ready) return requestSignIn(state.ready, event.options);
  return stay(state);
}

function signedIn(ready: Ready, raw: unknown, restored: boolean, extra: Effect[]): Step {
  const user = parseUser(raw);
  if (!user.ok) return failed(ready.config, ready.config.redirectUri, ready, user.error, { kind: 'signin', request: signInRequest(ready, {}) });
  return {
    state: { name: 'signed-in', ...ready, user: user.value },
    effects: [...extra, { type: 'notify', notification: { event: 'signed-in', user: user.value, restored } }],
  };
}

/** Validates what the connector got from the token and userinfo endpoints. */
export function parseUser(raw: unknown): { ok: true; value: SessionUser } | { ok: false; error: CiamErrorData } {
  const record = (raw ?? {}) as { profile?: unknown };
  const tokens = tokenSetSchema.safeParse(raw);
  if (!tokens.success) return { ok: false, error: { code: 'bad_response', detail: `token response: ${tokens.error.message}` } };
  const claims = userinfoSchema.safeParse(record.profile);
  if (!claims.success) return { ok: false, error: { code: 'bad_response', detail: `userinfo: ${claims.error.message}` } };
  const c = claims.data;
  const name = c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(' ') || c.preferred_username);
  const user: SessionUser = { sub: c.sub, claims: c };
  if (name) user.name = name;
  if (c.email) user.email = c.email;
  if (c.picture && /^https?:\/\//.test(c.picture)) user.picture = c.picture;
  if (tokens.data.expires_at !== undefined) user.expiresAt = tokens.data.expires_at;
  if (tokens.data.scope !== undefined) user.scope = tokens.data.scope;
  return { ok: true, value: user };
}

function failed(config: CiamConfig, pageUrl: string, ready: Ready | null, error: CiamErrorData, retry: Extract<SessionState, { name: 'error' }>['retry']): Step {
  return {
    state: { name: 'error', config, pageUrl, ready, error, retry },
    effects: [{ type: 'notify', notification: { event: 'error', error } }],
  };
}

function readyOf(state: Ready): Ready {
  return { config: state.config, discovery: state.discovery, signUp: state.signUp, mode: state.mode };
}

function stay(state: SessionState): Step {
  return { state, effects: [] };
}

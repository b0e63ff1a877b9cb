/**
 * The session part of the machine: what follows the user's first action.
 * Redirect and popup sign-in, callbacks and restores, the embedded token
 * answer, the signed-in life (renewal, step-up, sign-out) and error retries.
 * machine-start.ts handles the rest and hands everything else here; the
 * client loads this part on the first action. Pure.
 */
import { idpHintParams } from './config.js';
import { safeReturnTo } from './redirects.js';
import { newFlow, readChallengeResponse, type EmbeddedFlow } from './embedded.js';
import type { CiamErrorData } from './errors.js';
import { embeddedEvent, failed, readyOf, stay, withAutofillStopped, type SignedOut } from './machine-start.js';
import { tokenSetSchema, userinfoSchema } from './schemas/tokens.js';
import { readTokenResponse } from './tokens.js';
import type { Effect, Ready, SessionEvent, SessionState, SessionUser, SignInOptions, SignInRequest, Step } from './states.js';

export function sessionTransition(state: SessionState, event: SessionEvent): Step {
  switch (state.name) {
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
    default:
      return stay(state);
  }
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
    if (event.error.code === 'account_mismatch' && ready.config.store === 'session') {
      // A step-up answered by someone else: the tab's stored session was never replaced, so it comes back.
      return { state: { name: 'restoring', ...ready }, effects: [{ type: 'oidc.restore', id: 'restore' }, { type: 'notify', notification: { event: 'error', error: event.error } }] };
    }
    return failed(ready.config, ready.config.redirectUri, ready, event.error, { kind: 'signin', request: signInRequest(ready, {}) });
  }
  return stay(state);
}

function onSignedOut(state: SignedOut, event: SessionEvent): Step {
  const ready = readyOf(state);
  if (event.type === 'signin.requested') return withAutofillStopped(state, requestSignIn(ready, event.options));
  return flowEnd(ready, state.flow ?? newFlow(), event, (flow) => ({ ...state, flow })) ?? stay(state);
}

const storeId = 'store';

/**
 * What the start part leaves to this one in a flow: the token answer, once
 * its ID token passed the checks, goes to the connector, and the user is
 * signed in when it is stored (so `ciam-signed-in` listeners find the token);
 * "redirect_to_web" continues at the OP's pages with what was typed.
 * `sub`: a step-up must come back as the same user.
 */
function flowEnd(ready: Ready, flow: EmbeddedFlow, event: SessionEvent, wrap: (flow: EmbeddedFlow) => SessionState, sub?: string): Step | null {
  if (!flow.pending) return null;
  if ((event.type === 'oidc.succeeded' || event.type === 'oidc.failed') && event.id === storeId) {
    if (event.type === 'oidc.failed') return { state: wrap({ ...flow, pending: false, error: event.error }), effects: [] };
    return signedIn(ready, event.user, false, []);
  }
  if (event.type !== 'http.succeeded') return null;
  if (event.id === 'token') {
    const expected = { issuer: ready.discovery.issuer, clientId: ready.config.clientId, nonce: flow.nonce, ...(sub !== undefined ? { sub } : {}) };
    const tokens = readTokenResponse(event.result, event.now, expected);
    if (!tokens.ok) return { state: wrap({ ...flow, pending: false, error: tokens.error }), effects: [] };
    return { state: wrap(flow), effects: [{ type: 'tokens.store', id: storeId, tokens: tokens.value }] };
  }
  if (event.id === 'challenge' && readChallengeResponse(flow, event.result, event.now).kind === 'redirect') {
    return requestSignIn(ready, { loginHint: flow.username || undefined, maxAge: flow.stepUp?.maxAge, acrValues: flow.stepUp?.acrValues });
  }
  return null;
}

function onReauthenticating(state: Extract<SessionState, { name: 'reauthenticating' }>, event: SessionEvent): Step {
  const ready = readyOf(state);
  if (event.type === 'stepup.cancelled') return { state: { name: 'signed-in', ...ready, user: state.user }, effects: [] };
  if (event.type === 'signout.requested') return onSignedIn({ name: 'signed-in', ...ready, user: state.user }, event);
  const wrap = (next: EmbeddedFlow): SessionState => ({ ...state, flow: next });
  return embeddedEvent(state, ready, state.flow, event, wrap) ?? flowEnd(ready, state.flow, event, wrap, state.user.sub) ?? stay(state);
}

/** `sub`: a step-up, which only this user may answer. */
function requestSignIn(ready: Ready, options: SignInOptions, sub?: string): Step {
  const intent = options.intent ?? 'sign-in';
  if (intent === 'sign-up') {
    if (!ready.signUp) {
      return { state: { name: 'signed-out', ...ready, notice: { code: 'config', detail: 'this OP offers no sign-up' } }, effects: [] };
    }
    if (ready.signUp.kind === 'url') return { state: { name: 'signed-out', ...ready }, effects: [{ type: 'navigate', url: ready.signUp.url, replace: false }] };
  }
  const request: SignInRequest = { ...signInRequest(ready, options), ...(sub ? { sub } : {}) };
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
  // A step-up that is closed or fails leaves the session as it was (the tokens never went away).
  const back: SessionState | null = state.from ? { name: 'signed-in', ...ready, user: state.from } : null;
  if (event.type === 'oidc.cancelled' && event.id === 'signin') return { state: back ?? { name: 'signed-out', ...ready }, effects: [] };
  if (event.type === 'oidc.failed' && event.id === 'signin') {
    if (event.error.code === 'popup_blocked' && state.request.via === 'popup') {
      // Decisions: a blocked popup falls back to a full-page redirect, with a notice.
      const request: SignInRequest = { ...state.request, via: 'redirect' };
      return { state: { ...state, request }, effects: [{ type: 'oidc.signin', id: 'signin', request }] };
    }
    if (back) return { state: back, effects: [{ type: 'notify', notification: { event: 'error', error: event.error } }] };
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
    const step = requestSignIn(ready, { ...wanted, via: event.via, loginHint: state.user.email }, state.user.sub);
    return step.state.name === 'signing-in' ? { ...step, state: { ...step.state, from: state.user } } : step;
  }
  const flow: EmbeddedFlow = { ...newFlow('sign-in', state.user.email), stepUp: wanted };
  const reauthenticating: SessionState = { name: 'reauthenticating', ...ready, user: state.user, flow };
  const reauth = (next: EmbeddedFlow): SessionState => ({ ...reauthenticating, flow: next });
  const submitted: SessionEvent = { type: 'embedded.submitted', submit: { kind: 'identifier', username: state.user.email }, pkce: event.pkce, now: event.now };
  return embeddedEvent(reauthenticating, ready, flow, submitted, reauth) ?? stay(reauthenticating);
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
  if (event.type === 'retry.requested' && state.ready && state.retry.kind === 'signin') {
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

/**
 * The session: signing in at the OP (redirect or popup) and coming back
 * (callback, restore), the embedded flow's token answer and its storing,
 * the signed-in life (renewal, sign-out) and a failed sign-in's retry.
 * Loaded on the first action (later.ts), with step-up.
 */
import { idpHintParams, uiLocaleParams } from '../sign-in-params.js';
import { organizationRequest } from '../organization.js';
import { newFlow, type EmbeddedFlow } from '../embedded.js';
import type { CiamErrorData } from '../errors.js';
import { safeReturnTo } from '../redirects.js';
import { tokenSetSchema, userinfoSchema } from '../schemas/tokens.js';
import { endNotice, type EndReason } from '../session-timeout.js';
import type { Effect, GuestOutcome, Notification, Ready, SessionEvent, SessionState, SessionUser, SignInOptions, SignInRequest, Step } from '../states.js';
import { readTokenResponse } from '../tokens.js';
import { withAutofillStopped } from './autofill.js';
import { failed, NOT_MINE, readyOf, stay, type ErrorState, type PartResult, type SignedOut } from './part.js';

export function sessionPart(state: SessionState, event: SessionEvent): PartResult {
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
    case 'signing-out':
      return onSigningOut(state, event);
    case 'error':
      return onError(state, event);
    default:
      return NOT_MINE;
  }
}

function onRestoringOrCompleting(state: Extract<SessionState, { name: 'restoring' | 'completing' }>, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  const id = state.name === 'restoring' ? 'restore' : 'callback';
  if (event.type === 'oidc.succeeded' && event.id === id) {
    if (event.user == null) return { state: { name: 'signed-out', ...ready }, effects: [] };
    const returnTo = safeReturnTo(event.returnTo, ready.config.redirectUri);
    const navigate: Effect[] = returnTo ? [{ type: 'navigate', url: returnTo, replace: true }] : [];
    return signedIn(ready, event.user, id === 'restore', navigate, id === 'callback' && !!event.signedUp);
  }
  if (event.type === 'oidc.failed' && event.id === id) {
    // A failed restore only means "not signed in"; a failed callback is worth showing, unless the user said no.
    if (id === 'restore') return { state: { name: 'signed-out', ...ready }, effects: [] };
    if (event.error.code === 'access_denied') return cancelledAtTheOp(ready);
    if (keepsStoredSession.has(event.error.code) && ready.config.store === 'session') {
      // A step-up answered by someone else, or an organization switch the OP would not make without a page
      // (`prompt=none`): the tab's stored session was never replaced, so it comes back.
      return {
        state: { name: 'restoring', ...ready },
        effects: [
          { type: 'oidc.restore', id: 'restore' },
          { type: 'notify', notification: { event: 'error', error: event.error } },
        ],
      };
    }
    return failed(ready.config, ready.config.redirectUri, ready, event.error, { kind: 'sign-in', request: signInRequest(ready, {}) });
  }
  return NOT_MINE;
}

/** Callback errors after which the tab's stored session is still good: nothing replaced it. */
const keepsStoredSession = new Set(['account_mismatch', 'login_required', 'consent_required', 'interaction_required']);

function onSignedOut(state: SignedOut, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  if (event.type === 'sign-in.requested') return withAutofillStopped(state, requestSignIn(ready, event.options));
  // Another tab signed in: keep its tokens, then this tab is signed in too.
  if (event.type === 'tab.signed-in') return adopt(state, event.user);
  if (event.type === 'oidc.succeeded' && event.id === 'adopt') return withAutofillStopped(state, signedIn(ready, event.user, true, [], false, true));
  // Signed out here by a refused renewal while another tab was ending the session for a reason (it revoked the
  // tokens first): that reason is what happened, and what the notice says.
  if (event.type === 'tab.signed-out' && event.reason && state.notice?.code === 'session_expired')
    return { state: { ...state, notice: endNotice(event.reason) }, effects: [] };
  return flowEnd(ready, state.flow ?? newFlow(), event, (flow) => ({ ...state, flow }));
}

/** The effect id under which the connector stores an embedded flow's tokens. */
const storeId = 'store';

/**
 * The end of an embedded flow: the token answer, once its ID token passed
 * the checks, goes to the connector, and the user is signed in when it is
 * stored (so `ciam-signed-in` listeners find the token). `sub`: a step-up
 * must come back as the same user.
 */
export function flowEnd(ready: Ready, flow: EmbeddedFlow, event: SessionEvent, wrap: (flow: EmbeddedFlow) => SessionState, sub?: string): PartResult {
  if (!flow.pending) return NOT_MINE;
  if ((event.type === 'oidc.succeeded' || event.type === 'oidc.failed') && event.id === storeId) {
    if (event.type === 'oidc.failed') return { state: wrap({ ...flow, pending: false, error: event.error }), effects: [] };
    return signedIn(ready, event.user, false, [], flow.intent === 'sign-up', false, guestOutcome(flow));
  }
  if (event.type !== 'http.succeeded' || event.id !== 'token') return NOT_MINE;
  const expected = { issuer: ready.discovery.issuer, clientId: ready.config.clientId, nonce: flow.nonce, ...(sub !== undefined ? { sub } : {}) };
  const tokens = readTokenResponse(event.result, event.now, expected);
  if (!tokens.ok) return { state: wrap({ ...flow, pending: false, error: tokens.error }), effects: [] };
  return { state: wrap(flow), effects: [{ type: 'tokens.store', id: storeId, tokens: tokens.value }] };
}

/** What became of the guest a flow started from: its account signed up, or its data moved or left behind. */
function guestOutcome(flow: EmbeddedFlow): GuestOutcome | undefined {
  if (!flow.guest) return undefined;
  if (flow.intent === 'sign-up') return 'signed-up';
  return flow.guest === 'move' ? 'moved' : flow.guest === 'keep_separate' ? 'kept-separate' : undefined;
}

/** A sign-in at the OP's pages (or its sign-up, or the configured sign-up page). `sub`: a step-up, which only this user may answer. */
export function requestSignIn(ready: Ready, options: SignInOptions, sub?: string): Step {
  const intent = options.intent ?? 'sign-in';
  if (intent === 'sign-up') {
    if (!ready.signUp) {
      return { state: { name: 'signed-out', ...ready, notice: { code: 'config', detail: 'this OP offers no sign-up' } }, effects: [] };
    }
    if (ready.signUp.kind === 'url') return { state: { name: 'signed-out', ...ready }, effects: [{ type: 'navigate', url: ready.signUp.url, replace: false }] };
  }
  const request: SignInRequest = { ...signInRequest(ready, options), ...(sub ? { sub } : {}), ...(intent === 'sign-up' ? { signUp: true } : {}) };
  return { state: { name: 'signing-in', ...ready, request, intent }, effects: [{ type: 'oidc.sign-in', id: 'sign-in', request }] };
}

function signInRequest(ready: Ready, options: SignInOptions): SignInRequest {
  const params: Record<string, string> = { ...idpHintParams(ready.config, options.idp), ...uiLocaleParams(ready.config, options.uiLocales) };
  if (options.intent === 'sign-up' && ready.signUp?.kind === 'prompt') Object.assign(params, ready.signUp.params);
  if (options.loginHint) params.login_hint = options.loginHint;
  if (options.domainHint) params.domain_hint = options.domainHint;
  if (options.acrValues) params.acr_values = options.acrValues;
  if (options.maxAge !== undefined) params.max_age = String(options.maxAge);
  if (options.prompt) params.prompt = options.prompt;
  const configured = ready.config.organizations.organization;
  const organization = options.organization ?? (configured ? { id: configured } : undefined);
  if (organization) {
    const { params: named, scope } = organizationRequest(ready.config, ready.discovery, organization);
    Object.assign(params, named, scope ? { scope } : {});
  }
  return { via: options.via ?? 'redirect', params, returnTo: options.returnTo ?? null };
}

function onSigningIn(state: Extract<SessionState, { name: 'signing-in' }>, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  if (event.type === 'oidc.succeeded' && event.id === 'sign-in') {
    if (event.user == null) return stay(state); // redirect mode: the page is leaving
    const returnTo = safeReturnTo(event.returnTo, ready.config.redirectUri);
    return signedIn(ready, event.user, false, returnTo ? [{ type: 'navigate', url: returnTo, replace: true }] : [], state.intent === 'sign-up');
  }
  if (event.type === 'oidc.cancelled' && event.id === 'sign-in') return { state: { name: 'signed-out', ...ready }, effects: [] };
  if (event.type === 'oidc.failed' && event.id === 'sign-in' && event.error.code === 'access_denied') return cancelledAtTheOp(ready);
  if (event.type === 'oidc.failed' && event.id === 'sign-in') {
    if (event.error.code === 'popup_blocked' && state.request.via === 'popup') {
      // Decisions: a blocked popup falls back to a full-page redirect, with a notice.
      const request: SignInRequest = { ...state.request, via: 'redirect' };
      return { state: { ...state, request }, effects: [{ type: 'oidc.sign-in', id: 'sign-in', request }] };
    }
    return failed(ready.config, ready.config.redirectUri, ready, event.error, { kind: 'sign-in', request: state.request });
  }
  return NOT_MINE;
}

/**
 * The OP answered `access_denied`: the user cancelled on its pages (or declined consent). Like closing the
 * popup, that is a quiet return, not an error; a tab with a stored session (a cancelled step-up) gets it back.
 */
function cancelledAtTheOp(ready: Ready): Step {
  if (ready.config.store === 'session') return { state: { name: 'restoring', ...ready }, effects: [{ type: 'oidc.restore', id: 'restore' }] };
  return { state: { name: 'signed-out', ...ready }, effects: [] };
}

function onSignedIn(state: Extract<SessionState, { name: 'signed-in' }>, event: SessionEvent): PartResult {
  const ready = readyOf(state);
  switch (event.type) {
    case 'tab.signed-in':
      return adopt(state, event.user);
    case 'tab.signed-out':
      return signedOutByTab(ready, event.reason);
    case 'oidc.succeeded': {
      if (event.id !== 'adopt') return NOT_MINE;
      const user = parseUser(event.user);
      if (!user.ok) return stay(state);
      // The same user's fresher tokens (a renewal or step-up there) change nothing to see; someone else is news.
      if (user.value.sub === state.user.sub) return { state: { ...state, user: user.value }, effects: [] };
      return signedIn(ready, event.user, true, [], false, true);
    }
    case 'sign-out.requested':
      return signOut(ready, state.user, event.reason);
    case 'renewed': {
      const user = parseUser(event.user);
      return user.ok ? { state: { ...state, user: user.value }, effects: [] } : stay(state);
    }
    case 'renew.failed': {
      const notice: CiamErrorData = { code: 'session_expired', detail: event.error.detail ?? event.error.code };
      return { state: { name: 'signed-out', ...ready, notice }, effects: [{ type: 'notify', notification: { event: 'signed-out' } }] };
    }
    case 'sign-in.requested':
      return requestSignIn(ready, event.options);
    default:
      return NOT_MINE;
  }
}

/** Another tab's tokens, kept by the connector; its answer (`adopt`) then decides. */
function adopt(state: SessionState, tokens: unknown): Step {
  return { state, effects: [{ type: 'tokens.store', id: 'adopt', tokens }] };
}

/** Why a session ended when it was not the user's choice, as the signed-out view says it. */
function timeoutNotice(reason: EndReason | undefined): CiamErrorData | undefined {
  return reason ? endNotice(reason) : undefined;
}

/** Another tab signed out (and revoked the tokens): this tab's copy goes, and the page hears it. */
export function signedOutByTab(ready: Ready, reason?: EndReason): Step {
  const notice = timeoutNotice(reason);
  return {
    state: { name: 'signed-out', ...ready, ...(notice ? { notice } : {}) },
    effects: [
      { type: 'tokens.forget', id: 'forget' },
      { type: 'notify', notification: { event: 'signed-out', tab: true, ...(reason ? { reason } : {}) } },
    ],
  };
}

/**
 * `reason`: the session timed out, or ended at the OP (<ciam-session>). Then the tokens are revoked but the OP's
 * session is not ended here: that is a page at the OP asking to confirm, and nobody is at this one to answer.
 */
export function signOut(ready: Ready, user: SessionUser, reason?: EndReason): Step {
  return {
    state: { name: 'signing-out', ...ready, user, ...(reason ? { reason } : {}) },
    // Embedded sign-in leaves no OP browser session, so there is none to end. The other tabs hear of it first:
    // once the tokens are revoked, the OP may tell them the session ended before they heard why.
    effects: [
      { type: 'notify', notification: { event: 'signing-out', ...(reason ? { reason } : {}) } },
      {
        type: 'oidc.sign-out',
        id: 'sign-out',
        revoke: !!ready.discovery.revocation_endpoint,
        endSession: !!ready.discovery.end_session_endpoint && ready.mode !== 'embedded' && !reason,
      },
    ],
  };
}

function onSigningOut(state: Extract<SessionState, { name: 'signing-out' }>, event: SessionEvent): PartResult {
  if ((event.type !== 'oidc.succeeded' && event.type !== 'oidc.failed') || event.id !== 'sign-out') return NOT_MINE;
  const ready = readyOf(state);
  const { reason } = state;
  const notice = timeoutNotice(reason);
  const notify: Effect = { type: 'notify', notification: { event: 'signed-out', ...(reason ? { reason } : {}) } };
  // Local tokens are gone either way; only the OP's session end is still to do.
  const endSessionUrl = event.type === 'oidc.succeeded' ? event.endSessionUrl : null;
  if (endSessionUrl) return { state, effects: [notify, { type: 'navigate', url: endSessionUrl, replace: false }] };
  return { state: { name: 'signed-out', ...ready, ...(notice ? { notice } : {}) }, effects: [notify] };
}

function onError(state: ErrorState, event: SessionEvent): PartResult {
  if (event.type === 'retry.requested' && state.ready && state.retry.kind === 'sign-in') {
    const request = state.retry.request;
    return { state: { name: 'signing-in', ...state.ready, request, intent: 'sign-in' }, effects: [{ type: 'oidc.sign-in', id: 'sign-in', request }] };
  }
  if (event.type === 'sign-in.requested' && state.ready) return requestSignIn(state.ready, event.options);
  return NOT_MINE;
}

/** `tab`: the session came from another tab of this app. */
export function signedIn(ready: Ready, raw: unknown, restored: boolean, extra: Effect[], signedUp = false, tab = false, guest?: GuestOutcome): Step {
  const user = parseUser(raw);
  if (!user.ok) return failed(ready.config, ready.config.redirectUri, ready, user.error, { kind: 'sign-in', request: signInRequest(ready, {}) });
  const notification: Notification = {
    event: 'signed-in',
    user: user.value,
    restored,
    ...(signedUp ? { signedUp: true } : {}),
    ...(tab ? { tab: true } : {}),
    ...(guest ? { guest } : {}),
  };
  return { state: { name: 'signed-in', ...ready, user: user.value }, effects: [...extra, { type: 'notify', notification }] };
}

/** Validates what the connector got from the token and userinfo endpoints. */
export function parseUser(raw: unknown): { ok: true; value: SessionUser } | { ok: false; error: CiamErrorData } {
  const record = (raw ?? {}) as { profile?: unknown };
  const tokens = tokenSetSchema.safeParse(raw);
  if (!tokens.success) return { ok: false, error: { code: 'bad_response', detail: `token response: ${tokens.error.message}` } };
  const user = userFromClaims(record.profile);
  if (!user.ok) return user;
  if (tokens.data.expires_at !== undefined) user.value.expiresAt = tokens.data.expires_at;
  if (tokens.data.scope !== undefined) user.value.scope = tokens.data.scope;
  return user;
}

/** What elements may show of the user, from the ID token's and userinfo's claims (also a backend-for-frontend's). */
export function userFromClaims(profile: unknown): { ok: true; value: SessionUser } | { ok: false; error: CiamErrorData } {
  const claims = userinfoSchema.safeParse(profile);
  if (!claims.success) return { ok: false, error: { code: 'bad_response', detail: `userinfo: ${claims.error.message}` } };
  const c = claims.data;
  const name = c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(' ') || c.preferred_username);
  const user: SessionUser = { sub: c.sub, claims: c };
  if (name) user.name = name;
  if (c.email) user.email = c.email;
  if (c.picture && /^https?:\/\//.test(c.picture)) user.picture = c.picture;
  return { ok: true, value: user };
}

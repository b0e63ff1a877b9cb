/**
 * The session state machine's states, events and effects. Data, and the two
 * questions the machine, the client and the elements all ask
 * (`beforeFirstScreen`, `isUserAction`): every flow is a list of events that
 * replays to the same states and effects.
 */
import type { CiamConfig, Mode, RedirectMode, SignUpMethod } from './config.js';
import type { EmbeddedFlow, EmbeddedIntent, EmbeddedSubmit, PasskeyAutofill, Pkce } from './embedded.js';
import type { CiamErrorData } from './errors.js';
import type { HttpRequest, HttpResult } from './http.js';
import type { Discovery } from './schemas/oidc.js';
import type { Organization } from './organization.js';
import type { Userinfo } from './schemas/tokens.js';
import type { EndReason } from './session-timeout.js';

/** What elements may show about the signed-in user. Tokens stay in the connector. */
export interface SessionUser {
  sub: string;
  name?: string;
  email?: string;
  picture?: string;
  claims: Userinfo;
  /** Seconds since the epoch, when the access token expires. */
  expiresAt?: number;
  scope?: string;
}

/** What a sign-in at the OP opens with; recovery has no OP-side screen we can ask for (embedded mode only). */
export type Intent = Exclude<EmbeddedIntent, 'recover'>;

/** Everything a sign-in request can ask for beyond the defaults. */
export interface SignInOptions {
  intent?: Intent;
  via?: RedirectMode;
  /** Upstream IdP for social sign-in, sent as the preset's hint parameter. */
  idp?: string;
  /** Home-realm discovery: the user's email domain, for OPs that route by it (`domain_hint`, as Entra ID reads it). */
  domainHint?: string;
  loginHint?: string;
  acrValues?: string;
  maxAge?: number;
  /** Same-origin path to show after the callback. */
  returnTo?: string;
  /** The language the element shows (overrides the configured `uiLocales` for this sign-in). */
  uiLocales?: string;
  /** Sign in to this organization (core/organization.ts; overrides the configured one). */
  organization?: Pick<Organization, 'id' | 'alias'>;
  /** `none`: no page at the OP; it answers at once (`login_required` when it would need to ask). A switch of organization where the OP cannot exchange tokens. */
  prompt?: 'none';
}

/** What the connector receives for one sign-in. */
export interface SignInRequest {
  via: RedirectMode;
  params: Record<string, string>;
  returnTo: string | null;
  /** Step-up: the user who must sign in (anyone else is refused and the session kept). */
  sub?: string;
  /** A sign-up at the OP: carried through the OP and back, so the callback can say so. */
  signUp?: true;
}

export interface Ready {
  config: CiamConfig;
  discovery: Discovery;
  signUp: SignUpMethod | null;
  /** How credentials are collected, resolved once discovery is known. */
  mode: Mode;
}

export type RetryTarget = { kind: 'discovery' } | { kind: 'sign-in'; request: SignInRequest };

export type SessionState =
  | { name: 'idle' }
  | { name: 'discovering'; config: CiamConfig; pageUrl: string }
  | ({ name: 'restoring' } & Ready)
  | ({ name: 'completing' } & Ready)
  | ({ name: 'signed-out'; notice?: CiamErrorData; flow?: EmbeddedFlow; autofill?: PasskeyAutofill } & Ready)
  /** `from`: a step-up at the OP's pages, and the session it started from (a cancel or failure goes back to it). */
  | ({ name: 'signing-in'; request: SignInRequest; intent: Intent; from?: SessionUser } & Ready)
  | ({ name: 'signed-in'; user: SessionUser } & Ready)
  /** Step-up in embedded mode: still signed in, proving it is still the user (RFC 9470). */
  | ({ name: 'reauthenticating'; user: SessionUser; flow: EmbeddedFlow } & Ready)
  /** `reason`: the session timed out, not the user's choice (said once signed out). */
  | ({ name: 'signing-out'; user: SessionUser; reason?: EndReason } & Ready)
  | { name: 'error'; config: CiamConfig; pageUrl: string; ready: Ready | null; error: CiamErrorData; retry: RetryTarget };

/**
 * The first screen is not known yet: discovery, or a stored session's restore, is on its way. The
 * machine holds the user's actions meanwhile (`NOT_YET`); elements draw that screen from what they know.
 */
export function beforeFirstScreen(state: SessionState): boolean {
  return state.name === 'idle' || state.name === 'discovering' || state.name === 'restoring';
}

const userActions: ReadonlySet<SessionEvent['type']> = new Set(['sign-in.requested', 'embedded.submitted', 'embedded.navigated']);

/**
 * A user's own action on the first screen (a click, a submit, a change of view), as against answers and timers:
 * held before the first screen is known, and shown as under way while the client holds it.
 */
export function isUserAction(event: SessionEvent): boolean {
  return userActions.has(event.type);
}

/**
 * Who owns an account in this session: the signed-in user (also while confirming a step-up), but not a
 * guest, who has no account to manage yet (`is_anonymous`; README, "Guest sessions"). The account elements
 * (passkeys, sessions, connections, consent, profile) show a guest what they show when nobody is signed in;
 * a guest is in no organization either.
 */
export function accountHolder(state: SessionState): SessionUser | null {
  const signedIn = state.name === 'signed-in' || state.name === 'reauthenticating';
  return signedIn && state.user.claims.is_anonymous !== true ? state.user : null;
}

/** `store`: tokens from embedded sign-in handed to the connector; `adopt`: tokens from another tab; `forget`: this tab's copy dropped. */
export type OidcOperation = 'restore' | 'callback' | 'sign-in' | 'sign-out' | 'store' | 'adopt' | 'forget';

export type SessionEvent =
  | { type: 'started'; config: CiamConfig; pageUrl: string }
  | { type: 'http.succeeded'; id: string; result: HttpResult; now: number }
  | { type: 'http.failed'; id: string; error: CiamErrorData }
  | { type: 'oidc.succeeded'; id: OidcOperation; user?: unknown; returnTo?: string | null; endSessionUrl?: string | null; signedUp?: boolean }
  | { type: 'oidc.failed'; id: OidcOperation; error: CiamErrorData }
  | { type: 'oidc.cancelled'; id: OidcOperation }
  | { type: 'sign-in.requested'; options: SignInOptions }
  | { type: 'embedded.submitted'; submit: EmbeddedSubmit; pkce?: Pkce; now: number }
  | { type: 'embedded.navigated'; intent: EmbeddedIntent }
  | { type: 'step-up.requested'; maxAge?: number; acrValues?: string; via: RedirectMode; pkce?: Pkce; now: number }
  | { type: 'step-up.cancelled' }
  /** The first step shows and the browser offers passkeys in autofill: start a background passkey sign-in. */
  | { type: 'autofill.requested'; pkce?: Pkce; now: number }
  /** A passkey ceremony ended: `passkey` (the button, or the OP asked) or `autofill-<n>`. */
  | { type: 'webauthn.succeeded'; id: string; response: unknown; now: number }
  | { type: 'webauthn.failed'; id: string; error: CiamErrorData }
  | { type: 'webauthn.cancelled'; id: string }
  /** `reason`: <ciam-session> ends the session (idle, or too old): no visit to the OP, and the signed-out view says why. */
  | { type: 'sign-out.requested'; reason?: EndReason }
  | { type: 'retry.requested' }
  | { type: 'renewed'; user: unknown }
  | { type: 'renew.failed'; error: CiamErrorData }
  /** Another tab of this app signed in (or stepped up) and shares its tokens (client/tabs.ts). */
  | { type: 'tab.signed-in'; user: unknown }
  /** Another tab of this app signed out: its tokens are revoked, this tab's copy goes too. */
  | { type: 'tab.signed-out'; reason?: EndReason }
  /** The machine's later part (or the code a step needs) could not be loaded, e.g. offline. */
  | { type: 'load.failed'; error: CiamErrorData };

export type Notification =
  /** `signedUp`: this sign-in ended a sign-up (the account is new), as far as this page saw it start. */
  /** `tab`: the session came from another tab of this app (`restored` then too: no new sign-in happened here). */
  | { event: 'signed-in'; user: SessionUser; restored: boolean; signedUp?: true; tab?: true; guest?: GuestOutcome }
  /** `tab`: another tab signed out; `reason`: the session ended for lack of use or age, not by the user's choice. */
  | { event: 'signed-out'; tab?: true; reason?: EndReason }
  /** Signing out has begun here (the tokens are about to be revoked): the app's other tabs end their session now. */
  | { event: 'signing-out'; reason?: EndReason }
  | { event: 'error'; error: CiamErrorData }
  /** A step-up ended: done, or refused with the reason (cancelled, failed, signed out meanwhile). */
  | { event: 'step-up'; error?: CiamErrorData };

export type Effect =
  | { type: 'http'; id: string; request: HttpRequest }
  | { type: 'oidc.restore'; id: 'restore' }
  | { type: 'oidc.callback'; id: 'callback'; url: string }
  | { type: 'oidc.sign-in'; id: 'sign-in'; request: SignInRequest }
  | { type: 'oidc.sign-out'; id: 'sign-out'; revoke: boolean; endSession: boolean }
  | { type: 'navigate'; url: string; replace: boolean }
  /** Ask the authenticator for a passkey (navigator.credentials.get with these options). */
  | { type: 'webauthn.get'; id: string; options: unknown; autofill: boolean }
  /** End a waiting autofill request (its email field is going away). */
  | { type: 'webauthn.abort' }
  /** Embedded mode got tokens itself: the connector keeps and renews them from here on. */
  | { type: 'tokens.store'; id: 'store' | 'adopt'; tokens: unknown }
  /** Drop this tab's copy of the tokens, without revoking them (another tab did). */
  | { type: 'tokens.forget'; id: 'forget' }
  | { type: 'notify'; notification: Notification };

export interface Step {
  state: SessionState;
  effects: Effect[];
}

/**
 * What became of a guest session that signed in or up (its `sub` for `signed-up`; the OP's guest-merged event
 * tells the app's server of a `moved` one): `signed-up` keeps the guest's account, `moved` brought its data into
 * the account signed in to, `kept-separate` left it behind.
 */
export type GuestOutcome = 'signed-up' | 'moved' | 'kept-separate';

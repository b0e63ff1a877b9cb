/**
 * Redirect / popup sign-in, callback, silent renew and logout over
 * oidc-client-ts. Loaded on demand (first click, or the callback page), so
 * the first paint of <ciam-login> needs none of it.
 */
import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { CiamConfig } from '../core/config.js';
import { bindsTokens, POPUP_WINDOW_NAME, sessionName } from '../core/config.js';
import { checkIdToken } from '../core/id-token.js';
import { endSessionUrl, responseIssuerError, withoutAuthorizationResponse } from '../core/redirects.js';
import { CiamError, type CiamErrorData } from '../core/errors.js';
import type { Discovery } from '../core/schemas/oidc.js';
import type { Effect, SessionEvent, SignInRequest } from '../core/states.js';
import { LOGOUT_STATE_PREFIX, PKCE_STATE_PREFIX, randomToken, transientStorage } from './request-state.js';
import { MemoryStorage, tokenStorage } from './token-storage.js';
import { mapOidcError, type MappedError } from './oidc-errors.js';
import { dpopProof, dpopStore, forgetKey } from './dpop.js';
import { readExchangeAnswer } from '../core/organization-exchange.js';
import {
  exchangeBody,
  organizationRequest,
  readOrganization,
  sameOrganization,
  switchVia,
  withoutOrganization,
  type OrganizationRef,
} from '../core/organization.js';

/** The subset of a User that core validates; tokens stay in the user store. */
export interface RawUser {
  access_token: string;
  token_type: string;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  expires_at?: number;
  profile: unknown;
}

export type SignInResult = { user: RawUser | null; returnTo: string | null; signedUp?: boolean };

export interface OidcConnector {
  restore(): Promise<RawUser | null>;
  completeCallback(url: string): Promise<SignInResult>;
  signIn(request: SignInRequest): Promise<SignInResult>;
  signOut(options: { revoke: boolean; endSession: boolean }): Promise<{ endSessionUrl: string | null }>;
  getAccessToken(): Promise<string | null>;
  /**
   * The headers that authorize a request with the access token: `Authorization: Bearer …`, or for a DPoP-bound
   * token `Authorization: DPoP …` and a `DPoP` proof for this method and URL (`nonce`: one the server asked for,
   * RFC 9449 §9). Null without a fresh token.
   */
  authorization(method: string, url: string, nonce?: string): Promise<Record<string, string> | null>;
  /**
   * Keeps tokens obtained elsewhere (embedded mode; their ID token is already
   * checked) and renews them like its own; the user's name and email come
   * from userinfo when the ID token lacks them. `fromTab`: another tab's sign-in, which a tab of the same
   * user in another organization leaves alone (it answers with its own tokens).
   */
  adopt(tokens: RawUser, fromTab?: boolean): Promise<RawUser>;
  /** The tokens this tab holds (to share with another tab of the app), or null. */
  tokens(): Promise<RawUser | null>;
  /**
   * Another tab renewed the session this tab holds: keeps its tokens (the refresh token there rotated, so this
   * tab's copy is spent) and re-arms the renewal timer. Null, and nothing kept, when this tab holds someone else.
   */
  takeRenewed(tokens: RawUser): Promise<RawUser | null>;
  onRenew(listener: (outcome: { user: RawUser } | { error: CiamErrorData }) => void): void;
  /**
   * Tokens in `organization` for this tab (core/organization.ts): an RFC 8693 exchange of the access token,
   * or a refresh with the organization (which moves the whole grant). Kept like a renewal's, and told to the
   * renewal's listeners; later renewals keep the tab there. Rejects with a CiamError (`not_a_member`).
   */
  switchOrganization(organization: OrganizationRef, via: 'exchange' | 'refresh'): Promise<RawUser>;
}

export { mapOidcError, type MappedError };

export type OidcEffect = Extract<Effect, { type: 'oidc.restore' | 'oidc.callback' | 'oidc.sign-in' | 'oidc.sign-out' | 'tokens.store' | 'tokens.forget' }>;

/** Runs one of the machine's `oidc.*` effects; its outcome is the event to send back. */
export async function runOidcEffect(connector: OidcConnector, effect: OidcEffect): Promise<SessionEvent> {
  try {
    switch (effect.type) {
      case 'oidc.restore':
        return { type: 'oidc.succeeded', id: 'restore', user: await connector.restore() };
      case 'oidc.callback': {
        const result = await connector.completeCallback(effect.url);
        return { type: 'oidc.succeeded', id: 'callback', user: result.user, returnTo: result.returnTo, signedUp: result.signedUp };
      }
      case 'oidc.sign-in': {
        const result = await connector.signIn(effect.request);
        return { type: 'oidc.succeeded', id: 'sign-in', user: result.user, returnTo: result.returnTo };
      }
      case 'oidc.sign-out':
        return { type: 'oidc.succeeded', id: 'sign-out', endSessionUrl: (await connector.signOut(effect)).endSessionUrl };
      case 'tokens.store':
        return { type: 'oidc.succeeded', id: effect.id, user: await connector.adopt(effect.tokens as RawUser, effect.id === 'adopt') };
      case 'tokens.forget':
        await connector.signOut({ revoke: false, endSession: false });
        return { type: 'oidc.succeeded', id: 'forget' };
    }
  } catch (error) {
    const mapped = mapOidcError(error);
    return mapped.cancelled ? { type: 'oidc.cancelled', id: effect.id } : { type: 'oidc.failed', id: effect.id, error: mapped.error };
  }
}

const namedArgs = ['prompt', 'login_hint', 'acr_values', 'max_age', 'scope'] as const;

/** What a sign-in request carries through the OP and back (oidc-client-ts keeps it with the PKCE state). */
interface RequestData {
  returnTo: string | null;
  /** The request was a sign-up. */
  signUp?: true;
  /** Step-up: the user who must come back. */
  sub?: string;
}

/**
 * oidc-client-ts's UserManager, with its sign-in end under our control: the
 * authorization response and the ID token are checked (RFC 9207, OIDC Core
 * §3.1.3.7) before any token is stored. Its public OidcClient and popup
 * window are protected members, hence the subclass.
 */
class CheckedUserManager extends UserManager {
  get oidcClient() {
    return this._client;
  }
  openPopup(params: { popupWindowTarget: string; popupAbortOnClose: boolean }) {
    return this._popupNavigator.prepare(params);
  }
}

/** How long any request to the OP may take. */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Revocation is a courtesy to the OP: sign-out never waits longer than this for it. */
const REVOCATION_WAIT_MS = 3000;
/** Renewal starts this long before the access token expires (oidc-client-ts's "expiring" event). */
const RENEW_BEFORE_SECONDS = 60;
/**
 * After waiting for another tab's renewal: how long its tokens may take to arrive here (client/tabs.ts), so this
 * tab adopts them instead of using the refresh token that renewal just rotated out. Usually a few milliseconds.
 */
const SETTLE_MS = 1000;

/** One per client: its in-memory token store lives as long as the client (elements sharing a client share tokens). */
export function createOidcConnector(config: CiamConfig, discovery: Discovery): OidcConnector {
  const memory = new MemoryStorage();
  const name = sessionName(config);
  const bound = bindsTokens(config, discovery);
  const manager = new CheckedUserManager({
    authority: config.authority,
    // Our own discovery fetch already ran: no second request.
    metadata: discovery,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    popup_redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    response_type: 'code',
    scope: config.scope,
    // oidc-client-ts would send a DPoP-bound token to userinfo as a Bearer token: withUserinfo() asks then.
    loadUserInfo: !!discovery.userinfo_endpoint && !bound,
    userStore: new WebStorageStateStore({ store: tokenStorage(config.store, memory), prefix: 'ciam.' }),
    stateStore: new WebStorageStateStore({ store: transientStorage(), prefix: PKCE_STATE_PREFIX }),
    // Decisions: refresh tokens, not iframes. No silent_redirect_uri, so no iframe fallback either.
    // Renewal is ours (renew() below): one tab at a time.
    automaticSilentRenew: false,
    accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_SECONDS,
    monitorSession: false,
    requestTimeoutInSeconds: REQUEST_TIMEOUT_SECONDS,
    popupWindowTarget: POPUP_WINDOW_NAME,
    popupWindowFeatures: { width: 480, height: 680 },
    fetchRequestCredentials: 'omit',
    // RFC 9449: the code (dpop_jkt), the tokens and each refresh bound to this browser's key (connectors/dpop.ts).
    ...(bound ? { dpop: { store: dpopStore(name, config.clientId), bind_authorization_code: true } } : {}),
  });

  const renewListeners = new Set<(outcome: { user: RawUser } | { error: CiamErrorData }) => void>();
  /** The profile before a refresh: with DPoP-bound tokens there is no userinfo call to fill in what a new ID token leaves out. */
  let refreshedFrom: User['profile'] | undefined;
  /** A renewal's refresh whose tokens are about to be exchanged back into the tab's organization: they are no news yet. */
  let exchangingBack = false;
  /** New tokens are kept: checked, and told to the renewal's listeners (the machine, the other tabs). */
  function loaded(user: User) {
    // A refresh may bring a new ID token: still ours and from our issuer (time and nonce belong to sign-in).
    const checked = checkIdToken(user.id_token, { issuer: discovery.issuer, clientId: config.clientId, nowSeconds: 0, nonce: null, checkTime: false });
    if (bound && refreshedFrom?.sub === user.profile.sub) {
      // The claims userinfo gave at sign-in (name, email) stay; the new ID token's win, its organization too.
      user.profile = { ...withoutOrganization(refreshedFrom, config), ...user.profile };
      void manager.storeUser(user);
    }
    if (!user.id_token || checked.ok) return renewListeners.forEach((l) => l({ user: rawUser(user) }));
    void manager.removeUser();
    renewListeners.forEach((l) => l({ error: checked.error }));
  }
  manager.events.addUserLoaded((user) => {
    if (!exchangingBack) loaded(user);
  });
  manager.events.addAccessTokenExpiring(() => {
    renew().catch((error: unknown) => {
      const mapped = mapOidcError(error);
      const data: CiamErrorData = mapped.cancelled ? { code: 'session_expired' } : mapped.error;
      renewListeners.forEach((l) => l({ error: data }));
    });
  });

  /**
   * The refresh token grant, one tab of the app at a time (Web Locks): a rotating refresh token is used once.
   * A tab that waited for another's renewal first gives that one's tokens time to arrive; if they did (its
   * token is fresh again), it has nothing to do. Resolves with the user after, or null without a refresh token.
   */
  async function renew(): Promise<User | null> {
    const held = (await manager.getUser())?.refresh_token;
    const run = async (waited: boolean) => {
      // After another tab's renewal: its tokens reach this tab (client/tabs.ts) soon after; poll for them.
      for (const deadline = Date.now() + SETTLE_MS; waited;) {
        const user = await manager.getUser();
        if (!user?.refresh_token) return null;
        if ((user.expires_in ?? 0) > RENEW_BEFORE_SECONDS) return user;
        // Its refresh token came without a token for this tab's organization (client/tabs.ts): renew here with it.
        if (user.refresh_token !== held) break;
        if (Date.now() >= deadline) break; // never came (that renewal failed, or the tab closed): renew here
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const user = await manager.getUser();
      if (!user?.refresh_token) return null;
      refreshedFrom = user.profile;
      return refreshKeeping(readOrganization(user.profile, config));
    };
    const locks = globalThis.navigator?.locks;
    if (!locks) return run(false);
    const name = `ciam-renew:${sessionName(config)}`;
    const skipped = Symbol('held elsewhere');
    const first = await locks.request(name, { ifAvailable: true }, (lock) => (lock ? run(false) : skipped));
    return first === skipped ? locks.request(name, () => run(true)) : first;
  }

  /** Another tab's tokens are in the organization this tab's are in. */
  function sameTabOrganization(held: User, theirs: RawUser): boolean {
    return sameOrganization(readOrganization(held.profile, config), readOrganization(theirs.profile as User['profile'], config));
  }

  /** The parameters (or the scope) that ask for tokens in `organization`. */
  function inOrganization(organization: OrganizationRef): Record<string, string> {
    const { params, scope } = organizationRequest(config, discovery, organization);
    return scope ? { ...params, scope } : params;
  }

  /**
   * A renewal that keeps the tab in its organization (null: wherever the grant is). Where switching is an
   * exchange, the refresh answers in the grant's organization and the exchange brings the tab back; a tab
   * no longer in its organization keeps the refresh's tokens (the organization's change is then news).
   */
  async function refreshKeeping(organization: OrganizationRef | null): Promise<User | null> {
    const via = switchVia(config, discovery);
    if (!organization || via === 'redirect') return manager.signinSilent();
    if (via === 'refresh') return manager.signinSilent({ extraTokenParams: inOrganization(organization) });
    exchangingBack = true;
    let refreshed: User | null;
    try {
      refreshed = await manager.signinSilent();
    } finally {
      exchangingBack = false;
    }
    if (!refreshed || sameOrganization(readOrganization(refreshed.profile, config), organization)) {
      if (refreshed) loaded(refreshed);
      return refreshed;
    }
    return exchange(refreshed, organization).catch(() => {
      loaded(refreshed);
      return refreshed;
    });
  }

  /**
   * RFC 8693: the tab's access token exchanged for one in `organization`, kept with the refresh token it
   * had (the exchange gives none), and told to the renewal's listeners. Its ID token is checked (ours, our
   * issuer, the same user); without one, the claims come from userinfo.
   */
  async function exchange(user: User, organization: OrganizationRef): Promise<User> {
    const url = discovery.token_endpoint;
    const body = exchangeBody(config, discovery, organization, user.access_token).toString();
    const proves = bound || user.token_type.toLowerCase() === 'dpop';
    const post = async (nonce?: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          ...(proves ? { dpop: await dpopProof(name, 'POST', url, { nonce }) } : {}),
        },
        body,
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
      });
    let response: Response;
    try {
      response = await post();
      // RFC 9449 §8: the AS wants a nonce of its own in the proof.
      const nonce = proves && response.status === 400 ? response.headers.get('dpop-nonce') : null;
      if (nonce) response = await post(nonce);
    } catch (error) {
      throw new CiamError({ code: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network', detail: String(error) });
    }
    const result = { status: response.status, headers: { 'retry-after': response.headers.get('retry-after') ?? '' }, body: await response.text() };
    const answer = readExchangeAnswer(result, Date.now(), { issuer: discovery.issuer, clientId: config.clientId, sub: user.profile.sub });
    if (!answer.ok) throw new CiamError(answer.error);
    const { claims, ...tokens } = answer.value;
    const kept = withoutOrganization(user.profile, config) as User['profile'];
    const profile = claims ? { ...kept, ...claims } : await withUserinfo(kept, tokens, true);
    const next = new User({ ...rawUser(user), ...tokens, id_token: tokens.id_token ?? user.id_token, profile, session_state: null });
    await manager.storeUser(next);
    await manager.events.load(next, false); // re-arms the renewal for the new token's expiry
    loaded(next);
    return next;
  }

  /**
   * The end of a redirect or popup sign-in: the response must come from our
   * issuer (RFC 9207) before the code is exchanged, and its ID token must be
   * for us, fresh, carry our nonce and, for a step-up, name the same user
   * before anything is stored. A refused response leaves the stored session as it was.
   */
  async function finishSignIn(url: string): Promise<SignInResult> {
    const client = manager.oidcClient;
    const { state } = await client.readSigninResponseState(url);
    const issuerError = responseIssuerError(url, discovery);
    if (issuerError) {
      await client.readSigninResponseState(url, true).catch(() => undefined); // forget the request: it cannot be finished
      throw new CiamError(issuerError);
    }
    const response = await client.processSigninResponse(url);
    const data = (response.userState ?? {}) as Partial<RequestData>;
    const checked = checkIdToken(response.id_token, {
      issuer: discovery.issuer,
      clientId: config.clientId,
      nowSeconds: Math.floor(Date.now() / 1000),
      nonce: state.nonce ?? '',
      ...(typeof data.sub === 'string' ? { sub: data.sub } : {}),
    });
    if (!checked.ok) throw new CiamError(checked.error);
    if (bound) response.profile = await withUserinfo(response.profile, response);
    const user = new User(response);
    await manager.storeUser(user);
    await manager.events.load(user);
    return { user: rawUser(user), returnTo: typeof data.returnTo === 'string' ? data.returnTo : null, signedUp: data.signUp === true };
  }

  /** The access token on a request, with a proof of this browser's key when the token is bound to it. */
  async function authorize(token: Pick<RawUser, 'access_token' | 'token_type'>, method: string, url: string, nonce?: string): Promise<Record<string, string>> {
    if (token.token_type.toLowerCase() !== 'dpop') return { authorization: `Bearer ${token.access_token}` };
    return { authorization: `DPoP ${token.access_token}`, dpop: await dpopProof(name, method, url, { accessToken: token.access_token, nonce }) };
  }

  /** OIDC Core §5.3: claims the ID token left out, from userinfo, only for the user the ID token names. */
  async function withUserinfo(profile: User['profile'], token: Pick<RawUser, 'access_token' | 'token_type'>, always = false): Promise<User['profile']> {
    const endpoint = discovery.userinfo_endpoint;
    if ((!always && profile.email && profile.name) || !endpoint) return profile;
    const ask = async (nonce?: string) =>
      fetch(endpoint, {
        headers: { ...(await authorize(token, 'GET', endpoint, nonce)), accept: 'application/json' },
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
      });
    let response = await ask();
    // RFC 9449 §8: this browser's clock is off; the OP's nonce proves the proof fresh instead.
    const nonce = response.status === 401 ? response.headers.get('dpop-nonce') : null;
    if (nonce) response = await ask(nonce);
    if (!response.ok) throw new CiamError({ code: response.status >= 500 ? 'server_error' : 'bad_response', status: response.status, detail: 'userinfo' });
    const claims = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!claims || typeof claims !== 'object') throw new CiamError({ code: 'bad_response', detail: 'userinfo is not a JSON object' });
    if (claims.sub !== profile.sub) throw new CiamError({ code: 'invalid_id_token', detail: 'userinfo sub differs from the id_token' });
    return { ...claims, ...profile };
  }

  return {
    async restore() {
      const user = await manager.getUser();
      if (!user) return null;
      if (!user.expired) return rawUser(user);
      if (!user.refresh_token) {
        await manager.removeUser();
        return null;
      }
      const renewed = await renew();
      return renewed ? rawUser(renewed) : null;
    },

    async completeCallback(url) {
      try {
        return await finishSignIn(url);
      } finally {
        // A used code must never be replayed by a reload or a bookmark.
        history.replaceState(history.state, '', withoutAuthorizationResponse(url));
      }
    },

    async signIn(request) {
      const args = signinArgs(request);
      if (request.via !== 'popup') {
        await manager.signinRedirect(args);
        return { user: null, returnTo: null }; // the page is navigating away
      }
      // UserManager.signinPopup, with our checks between the response and storing the user.
      const popup = await manager.openPopup({ popupWindowTarget: POPUP_WINDOW_NAME, popupAbortOnClose: true });
      let response: { url: string };
      try {
        const signin = await manager.oidcClient.createSigninRequest({ ...args, request_type: 'si:p', redirect_uri: config.redirectUri, display: 'popup' });
        response = await popup.navigate({ url: signin.url, state: signin.state.id, response_mode: signin.state.response_mode });
      } catch (error) {
        popup.close();
        throw error;
      }
      return finishSignIn(response.url);
    },

    async signOut({ revoke, endSession }) {
      const user = await manager.getUser();
      if (revoke && user) {
        // Best effort and bounded: a refused (400/401), failed or slow revocation never keeps the user signed in here.
        const revoked = manager.revokeTokens(['refresh_token', 'access_token']).catch(() => undefined);
        await Promise.race([revoked, new Promise((resolve) => setTimeout(resolve, REVOCATION_WAIT_MS))]);
      }
      await manager.removeUser();
      await forgetKey(name); // also the one that bound a flow only
      if (!endSession || !discovery.end_session_endpoint) return { endSessionUrl: null };
      const state = randomToken();
      const storage = transientStorage();
      // One pending logout per tab: an older one was abandoned.
      for (const key of Object.keys(storage)) if (key.startsWith(LOGOUT_STATE_PREFIX)) storage.removeItem(key);
      storage.setItem(LOGOUT_STATE_PREFIX + state, String(Date.now()));
      return {
        endSessionUrl: endSessionUrl(discovery.end_session_endpoint, {
          clientId: config.clientId,
          idTokenHint: user?.id_token,
          postLogoutRedirectUri: config.postLogoutRedirectUri,
          state,
          uiLocales: config.uiLocales,
        }),
      };
    },

    async getAccessToken() {
      const user = await manager.getUser();
      return user && !user.expired ? user.access_token : null;
    },

    async authorization(method, url, nonce) {
      const user = await manager.getUser();
      return user && !user.expired ? authorize(user, method, url, nonce) : null;
    },

    async adopt(tokens, fromTab = false) {
      // The same user signed in in another tab: a tab in another organization stays there, with its own tokens.
      const held = fromTab ? await manager.getUser() : null;
      if (held && !held.expired && held.profile.sub === (tokens.profile as User['profile']).sub && !sameTabOrganization(held, tokens)) return rawUser(held);
      const profile = await withUserinfo(tokens.profile as User['profile'], tokens);
      const user = new User({ ...tokens, profile, session_state: null });
      await manager.storeUser(user);
      // Arms the "expiring" timers that drive automatic renewal.
      await manager.events.load(user, false);
      return rawUser(user);
    },

    async tokens() {
      const user = await manager.getUser();
      return user ? rawUser(user) : null;
    },

    async takeRenewed(tokens) {
      const held = await manager.getUser();
      const sub = (tokens.profile as { sub?: unknown } | null)?.sub;
      if (!held || typeof sub !== 'string' || held.profile.sub !== sub) return null;
      // In another organization there: this tab takes only the rotated refresh token, and keeps its own tokens.
      const user = sameTabOrganization(held, tokens)
        ? new User({ ...tokens, profile: tokens.profile as User['profile'], session_state: null })
        : new User({ ...rawUser(held), profile: held.profile, refresh_token: tokens.refresh_token, session_state: null });
      await manager.storeUser(user);
      await manager.events.load(user, false);
      return rawUser(user);
    },

    onRenew(listener) {
      renewListeners.add(listener);
    },

    async switchOrganization(organization, via) {
      const user = await manager.getUser();
      if (!user || user.expired) throw new CiamError({ code: 'login_required', detail: 'no access token to switch organization with' });
      if (via === 'exchange') return rawUser(await exchange(user, organization));
      if (!user.refresh_token) throw new CiamError({ code: 'login_required', detail: 'no refresh token to switch organization with' });
      // A refresh, like a renewal: one tab at a time (its refresh token rotates); the new tokens reach the others.
      const refresh = () => manager.signinSilent({ extraTokenParams: inOrganization(organization) });
      const locks = globalThis.navigator?.locks;
      try {
        const switched = await (locks ? locks.request(`ciam-renew:${sessionName(config)}`, refresh) : refresh());
        if (!switched) throw new CiamError({ code: 'login_required', detail: 'the refresh gave no tokens' });
        return rawUser(switched);
      } catch (error) {
        const mapped = mapOidcError(error);
        throw mapped.cancelled ? error : new CiamError(mapped.error);
      }
    },
  };
}

/** In the popup: hand the response to the opener, which finishes the exchange, then close. */
export async function notifyOpener(config: CiamConfig, url: string): Promise<void> {
  const manager = new UserManager({ authority: config.authority, client_id: config.clientId, redirect_uri: config.redirectUri });
  await manager.signinPopupCallback(url);
}

/** oidc-client-ts's arguments for a request; always a fresh nonce (some OPs refuse requests without one). */
function signinArgs(request: SignInRequest) {
  const extraQueryParams: Record<string, string> = {};
  const named: Partial<Record<(typeof namedArgs)[number], string>> = {};
  for (const [key, value] of Object.entries(request.params)) {
    if ((namedArgs as readonly string[]).includes(key)) named[key as (typeof namedArgs)[number]] = value;
    else extraQueryParams[key] = value;
  }
  const { max_age, ...rest } = named;
  return {
    ...rest,
    ...(max_age !== undefined ? { max_age: Number(max_age) } : {}),
    extraQueryParams,
    nonce: randomToken(),
    state: { returnTo: request.returnTo, ...(request.sub ? { sub: request.sub } : {}), ...(request.signUp ? { signUp: true } : {}) } satisfies RequestData,
  };
}

function rawUser(user: User): RawUser {
  return {
    access_token: user.access_token,
    token_type: user.token_type,
    id_token: user.id_token,
    refresh_token: user.refresh_token,
    scope: user.scope,
    expires_at: user.expires_at,
    profile: user.profile,
  };
}

/**
 * Redirect / popup sign-in, callback, silent renew and logout over
 * oidc-client-ts. Loaded on demand (first click, or the callback page), so
 * the first paint of <ciam-login> needs none of it.
 */
import type { OidcMetadata } from 'oidc-client-ts';
import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { CiamConfig } from '../core/config.js';
import { POPUP_WINDOW_NAME } from '../core/config.js';
import { endSessionUrl, withoutAuthorizationResponse } from '../core/redirects.js';
import type { CiamErrorData } from '../core/errors.js';
import type { Discovery } from '../core/schemas/oidc.js';
import type { Effect, SessionEvent, SignInRequest } from '../core/states.js';
import { PKCE_STATE_PREFIX, transientStorage } from '../client/pkce.js';
import { MemoryStorage, tokenStorage } from '../client/storage.js';
import { mapOidcError, type MappedError } from './oidc-errors.js';


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

export type SignInResult = { user: RawUser | null; returnTo: string | null };

export interface OidcConnector {
  restore(): Promise<RawUser | null>;
  completeCallback(url: string): Promise<SignInResult>;
  signIn(request: SignInRequest): Promise<SignInResult>;
  signOut(options: { revoke: boolean; endSession: boolean }): Promise<{ endSessionUrl: string | null }>;
  getAccessToken(): Promise<string | null>;
  /** Keeps tokens obtained elsewhere (embedded mode) and renews them like its own. */
  adopt(tokens: RawUser): Promise<void>;
  onRenew(listener: (outcome: { user: RawUser } | { error: CiamErrorData }) => void): void;
  dispose(): void;
}

export { mapOidcError, type MappedError };

export type OidcEffect = Extract<Effect, { type: 'oidc.restore' | 'oidc.callback' | 'oidc.signin' | 'oidc.signout' }>;

/** Runs one of the machine's `oidc.*` effects; its outcome is the event to send back. */
export async function runOidcEffect(connector: OidcConnector, effect: OidcEffect): Promise<SessionEvent> {
  try {
    switch (effect.type) {
      case 'oidc.restore':
        return { type: 'oidc.succeeded', id: 'restore', user: await connector.restore() };
      case 'oidc.callback': {
        const result = await connector.completeCallback(effect.url);
        return { type: 'oidc.succeeded', id: 'callback', user: result.user, returnTo: result.returnTo };
      }
      case 'oidc.signin': {
        const result = await connector.signIn(effect.request);
        return { type: 'oidc.succeeded', id: 'signin', user: result.user, returnTo: result.returnTo };
      }
      case 'oidc.signout':
        return { type: 'oidc.succeeded', id: 'signout', endSessionUrl: (await connector.signOut(effect)).endSessionUrl };
    }
  } catch (error) {
    const mapped = mapOidcError(error);
    return mapped.cancelled ? { type: 'oidc.cancelled', id: effect.id } : { type: 'oidc.failed', id: effect.id, error: mapped.error };
  }
}

const namedArgs = ['prompt', 'login_hint', 'acr_values', 'max_age'] as const;

/** One per client: its in-memory token store lives as long as the client (elements sharing a client share tokens). */
export function createOidcConnector(config: CiamConfig, discovery: Discovery): OidcConnector {
  const memory = new MemoryStorage();
  const manager = new UserManager({
    authority: config.authority,
    // Our own discovery fetch already ran: no second request.
    metadata: discovery as Partial<OidcMetadata>,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    popup_redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    response_type: 'code',
    scope: config.scope,
    loadUserInfo: !!discovery.userinfo_endpoint,
    userStore: new WebStorageStateStore({ store: tokenStorage(config.store, memory), prefix: 'ciam.' }),
    stateStore: new WebStorageStateStore({ store: transientStorage(), prefix: PKCE_STATE_PREFIX }),
    // Decisions: refresh tokens, not iframes. No silent_redirect_uri, so no iframe fallback either.
    automaticSilentRenew: true,
    monitorSession: false,
    requestTimeoutInSeconds: 10,
    popupWindowTarget: POPUP_WINDOW_NAME,
    popupWindowFeatures: { width: 480, height: 680 },
    fetchRequestCredentials: 'omit',
  });

  const renewListeners = new Set<(outcome: { user: RawUser } | { error: CiamErrorData }) => void>();
  manager.events.addUserLoaded((user) => renewListeners.forEach((l) => l({ user: rawUser(user) })));
  manager.events.addSilentRenewError((error) => {
    const mapped = mapOidcError(error);
    const data: CiamErrorData = mapped.cancelled ? { code: 'session_expired' } : mapped.error;
    renewListeners.forEach((l) => l({ error: data }));
  });

  return {
    async restore() {
      const user = await manager.getUser();
      if (!user) return null;
      if (!user.expired) return rawUser(user);
      if (!user.refresh_token) {
        await manager.removeUser();
        return null;
      }
      const renewed = await manager.signinSilent();
      return renewed ? rawUser(renewed) : null;
    },

    async completeCallback(url) {
      try {
        const user = await manager.signinRedirectCallback(url);
        return { user: rawUser(user), returnTo: returnToOf(user) };
      } finally {
        // A used code must never be replayed by a reload or a bookmark.
        history.replaceState(history.state, '', withoutAuthorizationResponse(url));
      }
    },

    async signIn(request) {
      const args = signinArgs(request);
      if (request.via === 'popup') {
        const user = await manager.signinPopup({ ...args, popupWindowTarget: POPUP_WINDOW_NAME, popupAbortOnClose: true });
        return { user: rawUser(user), returnTo: returnToOf(user) };
      }
      await manager.signinRedirect(args);
      return { user: null, returnTo: null }; // the page is navigating away
    },

    async signOut({ revoke, endSession }) {
      const user = await manager.getUser();
      if (revoke && user) {
        // Best effort: a failed revocation must not keep the user signed in here.
        await manager.revokeTokens(['refresh_token', 'access_token']).catch(() => undefined);
      }
      await manager.removeUser();
      if (!endSession || !discovery.end_session_endpoint) return { endSessionUrl: null };
      return {
        endSessionUrl: endSessionUrl(discovery.end_session_endpoint, {
          clientId: config.clientId,
          idTokenHint: user?.id_token,
          postLogoutRedirectUri: config.postLogoutRedirectUri,
        }),
      };
    },

    async getAccessToken() {
      const user = await manager.getUser();
      return user && !user.expired ? user.access_token : null;
    },

    async adopt(tokens) {
      const user = new User({ ...tokens, profile: tokens.profile as User['profile'], session_state: null });
      await manager.storeUser(user);
      // Arms the "expiring" timers that drive automatic renewal.
      await manager.events.load(user, false);
    },

    onRenew(listener) {
      renewListeners.add(listener);
    },

    dispose() {
      renewListeners.clear();
      manager.stopSilentRenew();
    },
  };
}

/** In the popup: hand the response to the opener, which finishes the exchange, then close. */
export async function notifyOpener(config: CiamConfig, url: string): Promise<void> {
  const manager = new UserManager({ authority: config.authority, client_id: config.clientId, redirect_uri: config.redirectUri });
  await manager.signinPopupCallback(url);
}

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
    state: { returnTo: request.returnTo },
  };
}

function returnToOf(user: User): string | null {
  const state = user.state as { returnTo?: unknown } | undefined;
  return typeof state?.returnTo === 'string' ? state.returnTo : null;
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

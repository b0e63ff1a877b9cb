/**
 * What one authorization request needs beyond its URL, made here so core
 * stays free of crypto: the PKCE pair (RFC 7636, S256), the OIDC nonce, and
 * where a pending redirect sign-in or logout keeps its state between leaving
 * for the OP and coming back. Loaded with the first paint (the client makes
 * PKCE pairs for the embedded forms and checks the address bar on start);
 * the token store is token-storage.ts, loaded with the OIDC connector.
 */
import { toBase64url } from '../core/base64url.js';
import type { Pkce } from '../core/embedded.js';

export async function createPkce(): Promise<Pkce> {
  const verifier = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: toBase64url(digest), nonce: randomToken() };
}

/** 128 bits of randomness, URL-safe: OIDC nonces and logout states. */
export function randomToken(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Key prefix of the PKCE/state entries oidc-client-ts keeps for a pending sign-in. */
export const PKCE_STATE_PREFIX = 'ciam.pkce.';
/** Key prefix of the `state` of a pending RP-initiated logout, checked when the OP sends the browser back. */
export const LOGOUT_STATE_PREFIX = 'ciam.logout.';

/**
 * The verifier and state must survive the redirect to the OP and back in the
 * same tab: sessionStorage, and only until the callback consumes them.
 */
export function transientStorage(): Storage {
  return globalThis.sessionStorage;
}

/**
 * The OP sent the browser back after RP-initiated logout with the `state` we
 * gave it: forget the state and take it off the address bar. A `state` we
 * did not send is not ours, and stays.
 */
export function completeLogoutReturn(pageUrl: string): void {
  const url = new URL(pageUrl);
  const key = LOGOUT_STATE_PREFIX + url.searchParams.get('state');
  if (url.searchParams.has('code') || url.searchParams.has('error') || transientStorage().getItem(key) === null) return;
  transientStorage().removeItem(key);
  url.searchParams.delete('state');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

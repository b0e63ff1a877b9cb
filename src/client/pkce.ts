/**
 * RFC 7636 PKCE pairs (S256), made here so core stays free of crypto, and
 * where a pending redirect sign-in keeps its verifier and state.
 */
import type { Pkce } from '../core/embedded.js';

export async function createPkce(): Promise<Pkce> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Key prefix of the PKCE/state entries oidc-client-ts keeps for a pending sign-in. */
export const PKCE_STATE_PREFIX = 'ciam.pkce.';

/**
 * The verifier and state must survive the redirect to the OP and back in the
 * same tab: sessionStorage, and only until the callback consumes them.
 */
export function transientStorage(): Storage {
  return globalThis.sessionStorage;
}

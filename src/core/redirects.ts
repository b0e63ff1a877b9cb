/**
 * URLs built once the user has acted: where to go after a sign-in, the OP's
 * end-session URL, the callback page cleaned of its one-time parameters.
 * Used by the machine's session part and the OIDC connector (both lazy).
 */

/**
 * Only same-origin return targets are honoured (open-redirect defence).
 * Returns a path+search+hash to put in history, or null.
 */
export function safeReturnTo(returnTo: string | null | undefined, pageUrl: string): string | null {
  if (!returnTo) return null;
  let target: URL;
  try {
    target = new URL(returnTo, pageUrl);
  } catch {
    return null;
  }
  if (target.origin !== new URL(pageUrl).origin) return null;
  return target.pathname + target.search + target.hash;
}

/** OpenID Connect RP-Initiated Logout 1.0 §2: the URL that ends the OP session. */
export function endSessionUrl(endpoint: string, params: { clientId: string; idTokenHint?: string; postLogoutRedirectUri: string }): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', params.clientId);
  if (params.idTokenHint) url.searchParams.set('id_token_hint', params.idTokenHint);
  url.searchParams.set('post_logout_redirect_uri', params.postLogoutRedirectUri);
  return url.toString();
}

/** The page URL without the authorization response parameters, so a reload never replays a used code. */
export function withoutAuthorizationResponse(pageUrl: string): string {
  const url = new URL(pageUrl);
  for (const name of ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri']) url.searchParams.delete(name);
  return url.pathname + url.search + url.hash;
}

/**
 * URLs built once the user has acted: where to go after a sign-in, the OP's
 * end-session URL, the callback page cleaned of its one-time parameters.
 * Used by the machine's session part and the OIDC connector (both lazy).
 */
import type { CiamErrorData } from './errors.js';
import type { Discovery } from './schemas/oidc.js';
import { parseUrl } from './url.js';

/**
 * Only same-origin return targets are honoured (open-redirect defence).
 * Returns a path+search+hash to put in history, or null.
 */
export function safeReturnTo(returnTo: string | null | undefined, pageUrl: string): string | null {
  const target = returnTo ? parseUrl(returnTo, pageUrl) : null;
  if (!target || target.origin !== new URL(pageUrl).origin) return null;
  // A path that starts `//` (from `/.//evil.example` or `https://app//evil.example`) would read as another host.
  return target.pathname.replace(/^\/+/, '/') + target.search + target.hash;
}

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2: the URL that ends the OP
 * session. `state` comes back on the return to `post_logout_redirect_uri`
 * (some OPs only return when it is there).
 */
export function endSessionUrl(
  endpoint: string,
  params: { clientId: string; idTokenHint?: string; postLogoutRedirectUri: string; state: string; uiLocales?: string | null },
): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', params.clientId);
  if (params.idTokenHint) url.searchParams.set('id_token_hint', params.idTokenHint);
  url.searchParams.set('post_logout_redirect_uri', params.postLogoutRedirectUri);
  url.searchParams.set('state', params.state);
  // RP-Initiated Logout §2: the OP's "sign out?" page in the language the elements show.
  if (params.uiLocales) url.searchParams.set('ui_locales', params.uiLocales);
  return url.toString();
}

/**
 * RFC 9207 §2.4: an `iss` on the authorization response must be the issuer
 * the request went to; an OP that promises `iss` must send it. Null when the
 * response may be used.
 */
export function responseIssuerError(
  pageUrl: string,
  discovery: Pick<Discovery, 'issuer' | 'authorization_response_iss_parameter_supported'>,
): CiamErrorData | null {
  const iss = new URL(pageUrl).searchParams.get('iss');
  if (iss === null) {
    return discovery.authorization_response_iss_parameter_supported
      ? { code: 'invalid_id_token', detail: 'authorization response without iss (RFC 9207)' }
      : null;
  }
  return iss === discovery.issuer ? null : { code: 'invalid_id_token', detail: `authorization response from ${iss}, not ${discovery.issuer} (RFC 9207)` };
}

/** The page URL without the authorization response parameters, so a reload never replays a used code. */
export function withoutAuthorizationResponse(pageUrl: string): string {
  const url = new URL(pageUrl);
  for (const name of ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri']) url.searchParams.delete(name);
  return url.pathname + url.search + url.hash;
}

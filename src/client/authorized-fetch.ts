/**
 * The client's fetch(): the access token on the request (with a DPoP proof
 * when the token is bound to this browser's key), a resource server's DPoP
 * nonce answered (RFC 9449 §9), and an RFC 9470 step-up challenge (`401
 * WWW-Authenticate: Bearer error="insufficient_user_authentication"`)
 * answered by re-authenticating and retrying once. Loaded on the first call.
 */
import { parseBearerChallenge } from '../core/bearer.js';
import type { CiamConfig } from '../core/config.js';
import { parseUrl } from '../core/url.js';
import type { CiamClient } from './ciam-client.js';

/** The page's origin, the issuer's and the configured ones (URLs count by their origin; what is no URL, not at all). */
export function tokenOrigins(config: Pick<CiamConfig, 'authority' | 'tokenOrigins'>): string[] {
  return [location.href, config.authority, ...config.tokenOrigins].flatMap((value) => parseUrl(value)?.origin ?? []);
}

export async function authorizedFetch(
  client: Pick<CiamClient, 'authorizationHeaders' | 'stepUp' | 'config'>,
  input: RequestInfo | URL,
  init: RequestInit,
): Promise<Response> {
  // RFC 9700 §4.10: a token is for its audience; another origin gets the request without it.
  const target = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (!tokenOrigins(client.config).includes(target.origin)) return fetch(input, init);
  const method = init.method ?? (input instanceof Request ? input.method : 'GET');
  const send = async (nonce?: string) => {
    const headers = new Headers(init.headers);
    // A DPoP proof is for one request: each try gets its own.
    for (const [name, value] of Object.entries((await client.authorizationHeaders(target.href, method, nonce)) ?? {})) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
  let response = await send();
  let challenge = response.status === 401 ? parseBearerChallenge(response.headers.get('www-authenticate')) : null;
  const nonce = response.headers.get('dpop-nonce');
  if (challenge?.error === 'use_dpop_nonce' && nonce) {
    response = await send(nonce);
    challenge = response.status === 401 ? parseBearerChallenge(response.headers.get('www-authenticate')) : null;
  }
  if (challenge?.error !== 'insufficient_user_authentication') return response;
  await client.stepUp({ maxAge: challenge.maxAge, acr: challenge.acrValues });
  return send();
}

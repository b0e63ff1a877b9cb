/**
 * The client's fetch(): the access token on the request, and an RFC 9470
 * step-up challenge (`401 WWW-Authenticate: Bearer
 * error="insufficient_user_authentication"`) answered by re-authenticating
 * and retrying once. Loaded on the first call.
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
  client: Pick<CiamClient, 'getAccessToken' | 'stepUp' | 'config'>,
  input: RequestInfo | URL,
  init: RequestInit,
): Promise<Response> {
  // RFC 9700 §4.10: a token is for its audience; another origin gets the request without it.
  const target = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (!tokenOrigins(client.config).includes(target.origin)) return fetch(input, init);
  const send = async () => {
    const headers = new Headers(init.headers);
    const token = await client.getAccessToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const response = await send();
  const challenge = response.status === 401 ? parseBearerChallenge(response.headers.get('www-authenticate')) : null;
  if (challenge?.error !== 'insufficient_user_authentication') return response;
  await client.stepUp({ maxAge: challenge.maxAge, acr: challenge.acrValues });
  return send();
}

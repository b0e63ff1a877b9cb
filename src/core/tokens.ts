/**
 * The embedded flow's token answer, read into what the connector stores.
 * Part of the machine's session part (loaded once the user acts).
 */
import type { HttpResult } from './http.js';
import { parseJsonResponse } from './http.js';
import { checkIdToken, type IdTokenExpectations } from './id-token.js';
import { tokenResponseSchema } from './schemas/tokens.js';

/**
 * The token response as the connector stores it. Claims come from the ID
 * token: it was received directly from the token endpoint over TLS (OIDC Core
 * §3.1.3.7), so no userinfo call is needed when it names the user; that keeps
 * password sign-in at three requests. Its claims are checked first (issuer,
 * audience, nonce, time; for a step-up the same user).
 */
export function readTokenResponse(result: HttpResult, now: number, expected: Omit<IdTokenExpectations, 'nowSeconds'>) {
  const parsed = parseJsonResponse(result, tokenResponseSchema, now);
  if (!parsed.ok) return parsed;
  const tokens = parsed.value;
  const nowSeconds = Math.floor(now / 1000);
  const checked = checkIdToken(tokens.id_token, { ...expected, nowSeconds });
  if (!checked.ok) return checked;
  const expires_at = tokens.expires_in !== undefined ? nowSeconds + tokens.expires_in : undefined;
  // The nonce did its job; like oidc-client-ts after a redirect, the profile leaves it out.
  const { nonce: _nonce, ...profile } = checked.claims;
  return { ok: true as const, value: { ...tokens, expires_at, profile } };
}

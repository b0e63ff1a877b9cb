/**
 * The embedded flow's token answer, read into what the connector stores.
 * Part of the machine's session part (loaded once the user acts).
 */
import type { HttpResult } from './http.js';
import { parseJsonResponse } from './http.js';
import { tokenResponseSchema } from './schemas/tokens.js';

/**
 * The token response as the connector stores it. Claims come from the ID
 * token: it was received directly from the token endpoint over TLS (OIDC Core
 * §3.1.3.7), so no userinfo call is needed; that keeps password sign-in at
 * three requests.
 */
export function readTokenResponse(result: HttpResult, now: number) {
  const parsed = parseJsonResponse(result, tokenResponseSchema, now);
  if (!parsed.ok) return parsed;
  const tokens = parsed.value;
  const profile = tokens.id_token ? jwtPayload(tokens.id_token) : undefined;
  if (!profile) return { ok: false as const, error: { code: 'bad_response' as const, detail: 'token response without a readable id_token' } };
  const expires_at = tokens.expires_in !== undefined ? Math.floor(now / 1000) + tokens.expires_in : undefined;
  return { ok: true as const, value: { ...tokens, expires_at, profile } };
}

function jwtPayload(jwt: string): unknown {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

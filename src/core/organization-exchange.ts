/**
 * The token endpoint's answer to an organization switch by RFC 8693 token exchange (core/organization.ts builds
 * the request). Apart from organization.ts so the switcher's view, which only compares organizations, does not
 * carry the token schema and the ID token checks; the connector loads this with itself.
 */
import { parseJsonResponse, tryJson, type HttpResult, type Parsed } from './http.js';
import { checkIdToken } from './id-token.js';
import { tokenResponseSchema } from './schemas/tokens.js';

/** What an exchange answered, ready to keep: the new access token, and the claims of its ID token when it came with one. */
export interface ExchangedTokens {
  access_token: string;
  token_type: string;
  expires_at?: number;
  scope?: string;
  id_token?: string;
  claims?: Record<string, unknown>;
}

/**
 * The token endpoint's answer to an exchange (RFC 8693 §2.2): an access token, and an ID token that must be
 * ours, from our issuer, for the same user (no nonce: nothing was asked at an authorization endpoint). A
 * refusal because the user is not in the organization (`invalid_target`, §2.2.2) is `not_a_member`.
 */
export function readExchangeAnswer(result: HttpResult, now: number, expected: { issuer: string; clientId: string; sub: string }): Parsed<ExchangedTokens> {
  const parsed = parseJsonResponse(result, tokenResponseSchema, now);
  if (!parsed.ok) {
    const error = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
    return error === 'invalid_target' ? { ok: false, error: { ...parsed.error, code: 'not_a_member' } } : parsed;
  }
  const { access_token, token_type, expires_in, scope, id_token } = parsed.value;
  const tokens: ExchangedTokens = { access_token, token_type, ...(expires_in !== undefined ? { expires_at: Math.floor(now / 1000) + expires_in } : {}) };
  if (scope) tokens.scope = scope;
  if (id_token) {
    const checked = checkIdToken(id_token, { ...expected, nowSeconds: Math.floor(now / 1000), nonce: null });
    if (!checked.ok) return checked;
    const { nonce: _nonce, ...claims } = checked.claims;
    Object.assign(tokens, { id_token, claims });
  }
  return { ok: true, value: tokens };
}

/**
 * A demo resource server on the OP's origin: "change payout details" needs
 * a sign-in from the last 5 minutes (as do passkey changes, passkey-api.ts).
 * Too old → 401 with an RFC 9470 step-up challenge in WWW-Authenticate,
 * which the client answers by re-authenticating and retrying.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { DpopVerifier } from './dpop.js';

export const PAYOUT_PATH = '/api/payout';
/** How recent a sign-in sensitive calls want (payout, adding or removing a passkey). */
export const RECENT_AUTH_MAX_AGE_SECONDS = 5 * 60;

export interface AccessTokenLike {
  accountId: string;
  clientId: string;
  /** The sign-in it was issued under (its refresh tokens share it). */
  grantId?: string;
  /** auth_time; and for a token of an organization (org-tokens.ts), its id and the roles when it was issued. */
  extra?: { auth_time?: number; org_id?: string; roles?: string[] };
  /** RFC 9449: the thumbprint of the key the token is bound to (DPoP), or none (a Bearer token). */
  jkt?: string;
}

/** A token the API takes, or the answer that refuses it (401 with this WWW-Authenticate). */
export type TokenCheck =
  { ok: true; token: AccessTokenLike; scheme: 'Bearer' | 'DPoP' } | { ok: false; error: string; challenge: string; headers?: Record<string, string> };

/** One replay memory for the APIs' proofs (a proof is for one request, RFC 9449 §11.1); nonces for clocks that are off (§9). */
const apiProofs = new DpopVerifier({ nonces: true });

/**
 * The live access token of a request (not unknown, expired or revoked), as RFC 6750 and RFC 9449 §7 want it
 * presented: a Bearer token as `Authorization: Bearer …`; a DPoP-bound one only as `Authorization: DPoP …`
 * with a fresh proof of the bound key for this method and URL that carries the token's hash. A copied
 * DPoP-bound token is worth nothing without the browser's key.
 */
export async function checkAccessToken(provider: Provider, req: IncomingMessage): Promise<TokenCheck> {
  const [, scheme = '', value = ''] = /^(Bearer|DPoP) +(\S+)$/i.exec(req.headers.authorization ?? '') ?? [];
  const dpop = scheme.toLowerCase() === 'dpop';
  const refuse = (error: string, description?: string, headers?: Record<string, string>): TokenCheck => {
    const params = [`error="${error}"`, ...(description ? [`error_description="${description}"`] : [])].join(', ');
    return { ok: false, error, challenge: dpop ? `DPoP algs="ES256", ${params}` : `Bearer ${params}`, ...(headers ? { headers } : {}) };
  };
  if (!value) return refuse('invalid_token');
  // AccessToken.find checks expiry; revoked tokens are gone from storage.
  const tokens = (provider as unknown as { AccessToken: { find(v: string): Promise<AccessTokenLike | undefined> } }).AccessToken;
  const token = await tokens.find(value);
  if (!token) return refuse('invalid_token');
  if (!token.jkt) return dpop ? refuse('invalid_token', 'This token is not DPoP-bound') : { ok: true, token, scheme: 'Bearer' };
  if (!dpop) return refuse('invalid_token', 'This token is DPoP-bound: present it as DPoP with a proof');
  const proof = req.headers.dpop;
  if (typeof proof !== 'string') return refuse('invalid_dpop_proof', 'A DPoP proof is required');
  const url = new URL(req.url ?? '/', provider.issuer);
  const checked = apiProofs.check(proof, req.method ?? '', `${url.origin}${url.pathname}`, Date.now(), value);
  if (!checked.ok && checked.nonce) return refuse('use_dpop_nonce', checked.description, { 'DPoP-Nonce': checked.nonce });
  if (!checked.ok) return refuse('invalid_dpop_proof', checked.description.replace(/"/g, "'"));
  if (checked.jkt !== token.jkt) return refuse('invalid_dpop_proof', 'The DPoP proof is signed by another key than the token is bound to');
  return { ok: true, token, scheme: 'DPoP' };
}

/**
 * RFC 9470: the WWW-Authenticate value asking for a sign-in within `maxAgeSeconds`,
 * or null when the token's own sign-in (auth_time) is recent enough.
 */
export function recentAuthChallenge(token: AccessTokenLike, maxAgeSeconds: number): string | null {
  const authTime = token.extra?.auth_time ?? 0;
  if (Math.floor(Date.now() / 1000) - authTime <= maxAgeSeconds) return null;
  // In the scheme the token is presented with (RFC 9449 §7.1).
  return `${token.jkt ? 'DPoP algs="ES256",' : 'Bearer'} error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=${maxAgeSeconds}`;
}

export function createApiHandler(provider: Provider, appOrigins: Set<string>, maxAgeSeconds = RECENT_AUTH_MAX_AGE_SECONDS) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== PAYOUT_PATH) return false;
    const origin = req.headers.origin;
    if (origin && appOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, DPoP-Nonce');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'authorization, content-type, dpop',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (req.method !== 'POST') return (send(res, 405, { error: 'method_not_allowed' }), true);
    const checked = await checkAccessToken(provider, req);
    if (!checked.ok) {
      res.setHeader('WWW-Authenticate', checked.challenge);
      for (const [name, value] of Object.entries(checked.headers ?? {})) res.setHeader(name, value);
      return (send(res, 401, { error: checked.error }), true);
    }
    const { token } = checked;
    const challenge = recentAuthChallenge(token, maxAgeSeconds);
    if (challenge) {
      res.setHeader('WWW-Authenticate', challenge);
      return (send(res, 401, { error: 'insufficient_user_authentication' }), true);
    }
    return (send(res, 200, { ok: true, message: 'Payout details updated.', auth_time: token.extra?.auth_time, token_type: checked.scheme }), true);
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

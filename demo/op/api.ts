/**
 * A demo resource server on the OP's origin: "change payout details" needs
 * a sign-in from the last 5 minutes (as do passkey changes, passkey-api.ts).
 * Too old → 401 with an RFC 9470 step-up challenge in WWW-Authenticate,
 * which the client answers by re-authenticating and retrying.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';

export const PAYOUT_PATH = '/api/payout';
/** How recent a sign-in sensitive calls want (payout, adding or removing a passkey). */
export const RECENT_AUTH_MAX_AGE_SECONDS = 5 * 60;

export interface AccessTokenLike {
  accountId: string;
  clientId: string;
  /** The sign-in it was issued under (its refresh tokens share it). */
  grantId?: string;
  extra?: { auth_time?: number };
}

/** The live access token in `Authorization: Bearer …`, or null (none, unknown, expired or revoked). */
export async function bearerToken(provider: Provider, req: IncomingMessage): Promise<AccessTokenLike | null> {
  const value = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!value) return null;
  // AccessToken.find checks expiry; revoked tokens are gone from storage.
  const tokens = (provider as unknown as { AccessToken: { find(v: string): Promise<AccessTokenLike | undefined> } }).AccessToken;
  return (await tokens.find(value)) ?? null;
}

/**
 * RFC 9470: the WWW-Authenticate value asking for a sign-in within `maxAgeSeconds`,
 * or null when the token's own sign-in (auth_time) is recent enough.
 */
export function recentAuthChallenge(token: AccessTokenLike, maxAgeSeconds: number): string | null {
  const authTime = token.extra?.auth_time ?? 0;
  if (Math.floor(Date.now() / 1000) - authTime <= maxAgeSeconds) return null;
  return `Bearer error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=${maxAgeSeconds}`;
}

export function createApiHandler(provider: Provider, appOrigins: Set<string>, maxAgeSeconds = RECENT_AUTH_MAX_AGE_SECONDS) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== PAYOUT_PATH) return false;
    const origin = req.headers.origin;
    if (origin && appOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'authorization, content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (req.method !== 'POST') return (send(res, 405, { error: 'method_not_allowed' }), true);
    const token = await bearerToken(provider, req);
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return (send(res, 401, { error: 'invalid_token' }), true);
    }
    const challenge = recentAuthChallenge(token, maxAgeSeconds);
    if (challenge) {
      res.setHeader('WWW-Authenticate', challenge);
      return (send(res, 401, { error: 'insufficient_user_authentication' }), true);
    }
    return (send(res, 200, { ok: true, message: 'Payout details updated.', auth_time: token.extra?.auth_time }), true);
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The ID token checks of OpenID Connect Core §3.1.3.7, run wherever an ID
 * token arrives (redirect and popup callbacks, embedded sign-in, step-up),
 * before anything is stored. The signature is not checked: the token came
 * straight from the token endpoint over TLS (§3.1.3.7 item 6). Pure; loaded
 * once the user has acted.
 */
import { fromBase64url } from './base64url.js';
import type { CiamErrorData } from './errors.js';

/** Clocks of phones and laptops drift; five minutes is what OIDC libraries allow (oidc-client-ts, MSAL). */
export const CLOCK_SKEW_SECONDS = 300;

export interface IdTokenExpectations {
  /** The issuer from discovery, compared exactly. */
  issuer: string;
  clientId: string;
  nowSeconds: number;
  /** The nonce sent with the authorization request; null when none was sent (a refresh). */
  nonce: string | null;
  /** Step-up: the user who must come back. */
  sub?: string;
  /** Freshly issued tokens are checked for time; a restored or refreshed session's first ID token is not. */
  checkTime?: boolean;
}

export type IdTokenClaims = Record<string, unknown> & { sub: string };

export type IdTokenCheck = { ok: true; claims: IdTokenClaims } | { ok: false; error: CiamErrorData };

export function checkIdToken(jwt: string | undefined, expected: IdTokenExpectations): IdTokenCheck {
  const reject = (detail: string): IdTokenCheck => ({ ok: false, error: { code: 'invalid_id_token', detail } });
  const claims = jwt ? jwtPayload(jwt) : undefined;
  if (!jwt || !claims || typeof claims !== 'object') return reject('no readable id_token');
  // §2: never `none` for a client that did not register for it (nobody does); an unsecured JWT (RFC 7519 §6) has no signature.
  const header = jwtPayload(jwt, 0) as { alg?: unknown } | undefined;
  if (String(header?.alg).toLowerCase() === 'none' || !jwt.split('.')[2]) return reject('id_token is unsigned (alg none)');
  const c = claims as Record<string, unknown>;
  if (typeof c.sub !== 'string' || !c.sub) return reject('id_token without sub');
  if (c.iss !== expected.issuer) return reject(`id_token iss ${String(c.iss)} is not ${expected.issuer}`);
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!audiences.includes(expected.clientId)) return reject('id_token aud does not name this client');
  // Several audiences: the token must say it was issued to us (§3.1.3.7 items 4 and 5).
  if ((audiences.length > 1 || c.azp !== undefined) && c.azp !== expected.clientId) return reject('id_token azp is not this client');
  if (expected.nonce !== null && c.nonce !== expected.nonce) return reject('id_token nonce does not match the request');
  if (expected.checkTime !== false) {
    if (typeof c.exp !== 'number' || c.exp + CLOCK_SKEW_SECONDS < expected.nowSeconds) return reject('id_token has expired');
    if (typeof c.iat !== 'number' || c.iat - CLOCK_SKEW_SECONDS > expected.nowSeconds) return reject('id_token issued in the future');
  }
  if (expected.sub !== undefined && c.sub !== expected.sub) {
    return { ok: false, error: { code: 'account_mismatch', detail: 'signed in as a different user' } };
  }
  return { ok: true, claims: c as IdTokenClaims };
}

/** The payload of a JWT (or with `part` 0 its header), or undefined when it is not one. */
export function jwtPayload(jwt: string, part = 1): unknown {
  const payload = jwt.split('.')[part];
  if (!payload) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(fromBase64url(payload)));
  } catch {
    return undefined;
  }
}

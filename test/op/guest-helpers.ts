// Helpers for the guest session tests (docs/first-party-challenge.md, "Guest sessions"): a guest made at
// /challenge and its tokens (Bearer, or DPoP-bound to a named key), the demo cart, and first requests that
// carry a guest_token (with a DPoP proof when asked).
import assert from 'node:assert/strict';
import { dpopProof } from '../../src/connectors/dpop.js';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { Answer } from './challenge-helpers.js';
import { next, start } from './challenge-helpers.js';
import { APP_ORIGIN, CLIENT_ID, REDIRECT_URI, httpFetch, jwtPayload, pkce } from './helpers.js';
import { call } from './profile-helpers.js';
import type { Reply } from './profile-helpers.js';

export interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token: string;
  token_type: string;
}

export interface Guest extends Tokens {
  sub: string;
}

/** The token endpoint for a /challenge code; with `key`, a DPoP proof of that key (bound tokens). */
export async function redeemWith(issuer: string, code: unknown, verifier: string, key?: string): Promise<Tokens> {
  const token = new URL('/token', issuer).href;
  const res = await httpFetch(token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN, ...(key ? { dpop: await dpopProof(key, 'POST', token) } : {}) },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      grant_type: 'authorization_code',
      code: String(code),
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    }).toString(),
  });
  const body = (await res.json()) as Tokens;
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

/** A new guest session: action=guest, then its tokens (DPoP-bound to `key` if given). */
export async function newGuest(issuer: string, key?: string): Promise<Guest> {
  const started = await start(issuer, { action: 'guest' });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const tokens = await redeemWith(issuer, started.body.authorization_code, started.verifier, key);
  return { ...tokens, sub: String(jwtPayload(tokens.id_token).sub) };
}

/** A first request at /challenge with a fresh PKCE pair, and a DPoP proof of `key` when given. */
export async function startWithProof(
  issuer: string,
  params: Record<string, string>,
  key?: string,
): Promise<Answer & { verifier: string; authSession: string }> {
  const { verifier, challenge } = pkce();
  const endpoint = new URL('/challenge', issuer).href;
  const res = await httpFetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN, ...(key ? { dpop: await dpopProof(key, 'POST', endpoint) } : {}) },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      scope: 'openid profile email',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      redirect_uri: REDIRECT_URI,
      ...params,
    }).toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, body, verifier, authSession: typeof body.auth_session === 'string' ? body.auth_session : '' };
}

/** A password sign-in to the seeded account that carries `guestToken`, up to the guest_merge question. */
export async function signInAsGuest(issuer: string, guestToken: string): Promise<{ verifier: string; authSession: string; asked: Answer }> {
  const started = await start(issuer, { username: SEEDED_USER.email, guest_token: guestToken });
  assert.equal(started.body.error, 'insufficient_authorization', JSON.stringify(started.body));
  const asked = await next(issuer, started.authSession, { password: SEEDED_USER.password });
  return { verifier: started.verifier, authSession: started.authSession, asked };
}

export type CartItems = { id: string; qty: number }[];

/** GET /api/cart, or PUT it with `items`, as the app does (Bearer token). */
export function cart(issuer: string, token: string | undefined, items?: CartItems): Promise<Reply> {
  return items === undefined ? call(issuer, 'GET', '/api/cart', token) : call(issuer, 'PUT', '/api/cart', token, { body: { items } });
}

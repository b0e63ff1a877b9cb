// Helpers for the profile (SCIM) and consents API tests: users made straight
// in the database, signed in at /challenge with the profile scopes, and
// requests made the way the app makes them (cross-origin, Bearer token).
import { randomBytes } from 'node:crypto';
import type { RunningOp } from '../../demo/op/server.js';
import { next, redeem, start } from './challenge-helpers.js';
import { APP_ORIGIN, httpFetch } from './helpers.js';

export const PROFILE_SCOPE = 'openid profile email phone address';
const PASSWORD = 'a-long-enough-passphrase-42';

export interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token: string;
}

/** A new user with a name split into parts, signed in with `scope`. */
export async function newUser(op: RunningOp, scope = PROFILE_SCOPE): Promise<{ id: string; email: string; tokens: Tokens }> {
  const email = `user-${randomBytes(4).toString('hex')}@example.com`;
  const user = await op.db.users.create({ email, password: PASSWORD, name: 'Grace Hopper', givenName: 'Grace', familyName: 'Hopper', emailVerified: true });
  return { id: user.id, email, tokens: await signIn(op.issuer, email, scope) };
}

export async function signIn(issuer: string, email: string, scope = PROFILE_SCOPE): Promise<Tokens> {
  const first = await start(issuer, { username: email, scope });
  const done = await next(issuer, first.authSession, { password: PASSWORD });
  return (await redeem(issuer, done.body.authorization_code, first.verifier)) as unknown as Tokens;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, {} when empty or not JSON. */
  body: Record<string, unknown>;
}

export async function call(
  issuer: string,
  method: string,
  path: string,
  token: string | undefined,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { origin: APP_ORIGIN, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await httpFetch(new URL(path, issuer), {
    method,
    headers: { ...headers, ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function preflight(issuer: string, path: string, method: string, requestHeaders: string, origin = APP_ORIGIN): Promise<Response> {
  return httpFetch(new URL(path, issuer), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders },
  });
}

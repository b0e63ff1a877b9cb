// Helpers for the passkey tests: an OP at http://localhost:<port> (WebAuthn
// refuses IP addresses as RP ID) with an app at http://localhost:5173, the
// challenge endpoint and the token endpoint called the way that app calls
// them, the passkey API, and the usual ceremonies with a SoftAuthenticator.
import assert from 'node:assert/strict';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { Answer } from './challenge-helpers.js';
import { RELAXED_LIMITS } from './challenge-helpers.js';
import { CLIENT_ID, httpFetch, pkce, startTestOp, tokenRequest } from './helpers.js';
import type { TestOp } from './helpers.js';
import type { SoftAuthenticator } from './soft-authenticator.js';

/** The app's origin; nothing listens there, it only has to be a host name. */
export const APP = 'http://localhost:5173';
export const APP_REDIRECT = `${APP}/`;

export function startPasskeyOp(extra: Parameters<typeof startTestOp>[0] = {}): Promise<TestOp> {
  return startTestOp({ host: 'localhost', appOrigins: [APP], rateLimit: RELAXED_LIMITS, ...extra });
}

export async function challengeAt(issuer: string, params: Record<string, string>): Promise<Answer> {
  const res = await httpFetch(new URL('/challenge', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** The first request of a /challenge flow with a fresh PKCE pair. */
export async function startFlow(issuer: string, params: Record<string, string>): Promise<Answer & { verifier: string; authSession: string }> {
  const { verifier, challenge } = pkce();
  const answer = await challengeAt(issuer, {
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    redirect_uri: APP_REDIRECT,
    ...params,
  });
  return { ...answer, verifier, authSession: typeof answer.body.auth_session === 'string' ? answer.body.auth_session : '' };
}

export async function redeemAt(issuer: string, code: unknown, verifier: string): Promise<Record<string, string>> {
  const res = await tokenRequest(issuer, { grant_type: 'authorization_code', code: String(code), code_verifier: verifier, redirect_uri: APP_REDIRECT }, APP);
  const body = (await res.json()) as Record<string, string>;
  if (res.status !== 200) throw new Error(`token endpoint said ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Signs in with a password at /challenge; returns the tokens. */
export async function passwordTokens(
  issuer: string,
  email: string = SEEDED_USER.email,
  password: string = SEEDED_USER.password,
): Promise<Record<string, string>> {
  const started = await startFlow(issuer, { username: email });
  const done = await challengeAt(issuer, { auth_session: started.authSession, password });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return redeemAt(issuer, done.body.authorization_code, started.verifier);
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The passkey API as the app calls it: cross-origin, Bearer token, JSON. */
export async function api(issuer: string, method: string, path: string, init: { token?: string; json?: unknown } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { origin: APP };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await httpFetch(new URL(path, issuer), { method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export type PasskeyView = {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  transports: string[];
};

/** Options, create() on the authenticator, then POST: the new passkey as the API returns it. */
export async function registerPasskey(issuer: string, token: string, authenticator: SoftAuthenticator, name?: string): Promise<PasskeyView> {
  const options = await api(issuer, 'POST', '/api/passkeys/options', { token });
  assert.equal(options.status, 200, JSON.stringify(options.body));
  const response = authenticator.create(options.body as PublicKeyCredentialCreationOptionsJSON, { origin: APP });
  const created = await api(issuer, 'POST', '/api/passkeys', { token, json: name === undefined ? { response } : { response, name } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as PasskeyView;
}

export function passkeyOptions(answer: Answer): PublicKeyCredentialRequestOptionsJSON {
  assert.equal(answer.body.error, 'insufficient_authorization', JSON.stringify(answer.body));
  return answer.body.passkey_options as PublicKeyCredentialRequestOptionsJSON;
}

/** A whole passkey sign-in at /challenge (start, finish, token); returns the tokens. */
export async function passkeyTokens(issuer: string, authenticator: SoftAuthenticator): Promise<Record<string, string>> {
  const started = await startFlow(issuer, { action: 'passkey' });
  const assertion = authenticator.get(passkeyOptions(started), { origin: APP });
  const done = await challengeAt(issuer, { auth_session: started.authSession, passkey: JSON.stringify(assertion) });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return redeemAt(issuer, done.body.authorization_code, started.verifier);
}

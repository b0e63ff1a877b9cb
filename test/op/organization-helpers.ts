// Helpers for the organization tests (test/op/organizations.test.ts, test/security/organizations.test.ts):
// sign-ins through /challenge, the token exchange and the organization API, as the SPA calls them.
import { SEEDED_USER } from '../../demo/op/server.js';
import { dpopProof } from '../../src/connectors/dpop.js';
import { challenge, latestCode, next, redeem, start } from './challenge-helpers.js';
import type { Answer } from './challenge-helpers.js';
import { APP_ORIGIN, CLIENT_ID, httpFetch, pkce } from './helpers.js';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** A password sign-in at /challenge (Ada unless told), with `extra` first-request parameters: the last answer and, on success, the tokens. */
export async function passwordSignIn(
  issuer: string,
  extra: Record<string, string> = {},
  user: { email: string; password: string } = SEEDED_USER,
): Promise<{ answer: Answer; tokens?: Record<string, string> }> {
  const started = await start(issuer, { username: user.email, ...extra });
  if (!started.authSession) return { answer: started };
  const answer = await next(issuer, started.authSession, { password: user.password });
  if (answer.status !== 200) return { answer };
  return { answer, tokens: await redeem(issuer, answer.body.authorization_code, started.verifier) };
}

/** Tokens of a password sign-in that must succeed. */
export async function signIn(issuer: string, extra: Record<string, string> = {}, user?: { email: string; password: string }): Promise<Record<string, string>> {
  const { answer, tokens } = await passwordSignIn(issuer, extra, user);
  if (!tokens) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return tokens;
}

/** A new account made by sign-up at /challenge (email verified by the mailed code); its tokens. */
export async function signUp(issuer: string, email: string, password = 'tidal amber lantern orchard'): Promise<Record<string, string>> {
  const { verifier, challenge: codeChallenge } = pkce();
  const first = await challenge(issuer, {
    action: 'signup',
    email,
    password,
    scope: 'openid profile email',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    redirect_uri: `${APP_ORIGIN}/`,
  });
  const done = await next(issuer, String(first.body.auth_session), { code: await latestCode(issuer, email) });
  if (done.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(done.body)}`);
  return redeem(issuer, done.body.authorization_code, verifier);
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A token endpoint request as the SPA sends it (its origin, form-encoded), optionally with a DPoP proof. */
export async function tokenCall(issuer: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await httpFetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN, ...headers },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** RFC 8693: the user's access token for one of `organization`. */
export function exchange(issuer: string, subjectToken: string, organization: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return tokenCall(issuer, { grant_type: TOKEN_EXCHANGE, subject_token: subjectToken, subject_token_type: ACCESS_TOKEN_TYPE, organization, ...extra }, headers);
}

/** A DPoP proof for the token endpoint, with the key named `key`. */
export function tokenProof(issuer: string, key: string): Promise<string> {
  return dpopProof(key, 'POST', new URL('/token', issuer).href);
}

/** The organization API with a Bearer token (or DPoP, with a proof of `dpopKey`). */
export async function orgApi(
  issuer: string,
  path: string,
  token: string,
  init: { method?: string; body?: unknown; dpopKey?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, issuer).href;
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { origin: APP_ORIGIN };
  if (init.dpopKey) {
    headers.authorization = `DPoP ${token}`;
    headers.dpop = await dpopProof(init.dpopKey, method, url, { accessToken: token });
  } else headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await httpFetch(url, { method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The invitation token from the newest invitation mail to `to`. */
export async function invitationToken(issuer: string, to: string): Promise<string> {
  const res = await httpFetch(new URL(`/mailbox.json?to=${encodeURIComponent(to)}`, issuer));
  const mails = (await res.json()) as { subject: string; text: string }[];
  const match = mails.map((mail) => /#ciam_invite=([A-Za-z0-9_-]+)/.exec(mail.text)).find(Boolean);
  if (!match) throw new Error(`no invitation mailed to ${to}`);
  return match[1];
}

// Helpers for the authorization challenge endpoint tests: requests made the
// way the SPA makes them (cross-origin from the app, form-encoded), and the
// dev mailbox read over HTTP like a person would read their inbox.
import assert from 'node:assert/strict';
import type { Mail } from '../../demo/op/server.js';
import { APP_ORIGIN, CLIENT_ID, REDIRECT_URI, formAction, httpFetch, pkce, tokenRequest } from './helpers.js';
import type { Browser, Page } from './helpers.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Limits high enough that only the rate-limit tests ever meet them. */
export const RELAXED_LIMITS = { attempts: 1000, starts: 1000, ipAttempts: 1000, ipStarts: 1000, accountAttempts: 1000, accountStarts: 1000 };

export async function challenge(issuer: string, params: Record<string, string>, origin: string | null = APP_ORIGIN): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (origin) headers.origin = origin;
  const res = await httpFetch(new URL('/challenge', issuer), {
    method: 'POST',
    headers,
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export interface Started extends Answer {
  verifier: string;
  authSession: string;
}

/** The first request of a flow, with a fresh PKCE pair bound to REDIRECT_URI. */
export async function start(issuer: string, params: Record<string, string>): Promise<Started> {
  const { verifier, challenge: codeChallenge } = pkce();
  const answer = await challenge(issuer, {
    scope: 'openid profile email',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    redirect_uri: REDIRECT_URI,
    ...params,
  });
  return { ...answer, verifier, authSession: typeof answer.body.auth_session === 'string' ? answer.body.auth_session : '' };
}

/** Continues a flow with its auth_session. */
export function next(issuer: string, authSession: string, params: Record<string, string>): Promise<Answer> {
  return challenge(issuer, { auth_session: authSession, ...params });
}

/** The token endpoint, as the SPA calls it for a code from /challenge. */
export async function redeem(issuer: string, code: unknown, verifier: string): Promise<Record<string, string>> {
  const res = await tokenRequest(issuer, { grant_type: 'authorization_code', code: String(code), code_verifier: verifier, redirect_uri: REDIRECT_URI });
  const body = (await res.json()) as Record<string, string>;
  if (res.status !== 200) throw new Error(`token endpoint said ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** A refresh token grant; `extra`: more parameters (an `organization`). */
export async function refresh(
  issuer: string,
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, string> }> {
  const res = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export async function mailbox(issuer: string, to: string): Promise<Mail[]> {
  const res = await httpFetch(new URL(`/mailbox.json?to=${encodeURIComponent(to)}`, issuer));
  if (res.status !== 200) throw new Error(`mailbox said ${res.status}`);
  return (await res.json()) as Mail[];
}

/** The code of the newest mail to `to` that has one. */
export async function latestCode(issuer: string, to: string): Promise<string> {
  const code = (await mailbox(issuer, to)).find((mail) => mail.code)?.code;
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}

/** The shape of an answer, for "indistinguishable" checks: status, field names and non-secret values. */
export function shape(answer: Answer): unknown {
  const { auth_session: session, ...rest } = answer.body;
  return { status: answer.status, keys: Object.keys(answer.body).sort(), hasSession: typeof session === 'string', ...rest };
}

/** Another code than `code` (for wrong-code attempts). */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/**
 * Registration without JavaScript, as a person does it: the server-rendered form (on `page`), then
 * the code from the email on the "Check your email" page. Returns where that leads (consent or the app).
 */
export async function registerByForm(browser: Browser, page: Page, values: { name: string; email: string; password: string }) {
  const check = await browser.page(formAction(page.body, '/register'), values);
  assert.match(check.body, /<h1>Check your email<\/h1>/, check.body);
  const code = await latestCode(browser.issuer, values.email.toLowerCase());
  return browser.go(formAction(check.body, '/verify'), { auth_session: hiddenValue(check.body, 'auth_session'), code });
}

/** The value of a hidden input on a page. */
export function hiddenValue(body: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(body);
  if (!match) throw new Error(`no hidden ${name} in:\n${body}`);
  return match[1];
}

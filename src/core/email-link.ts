/**
 * A sign-in link's page (docs/first-party-challenge.md, "Sign-in links"): the
 * requests that open and decide a link at the challenge endpoint, and what
 * their answers mean; and the asking page's status requests (the flow part
 * sends them, machine/flow.ts). Pure; loaded with the flow or a link's page.
 */
import { readChallengeResponse, type ChallengeOutcome } from './challenge-answers.js';
import { newFlow, type EmbeddedFlow } from './embedded.js';
import type { CiamErrorData } from './errors.js';
import { parseRetryAfter } from './errors.js';
import type { HttpRequest, HttpResult } from './http.js';
import { tryJson } from './http.js';
import { challengeErrorSchema } from './schemas/challenge.js';

/** The fragment an emailed link carries (`#ciam_link=<token>`): 43 base64url characters (256 bits). */
export const LINK_FRAGMENT = /(?:^#|&)ciam_link=([A-Za-z0-9_-]{43})(?:&|$)/;

/** What the link's page shows next. */
export type LinkAnswer =
  /** Another browser asked: which one, and when (epoch seconds); nothing is decided until the user says. */
  | { status: 'confirm'; device: string; requestedAt: number }
  /** Decided: `sameBrowser` when this browser's verifier proved it is the one that asked. */
  | { status: 'approved'; sameBrowser: boolean }
  | { status: 'declined' }
  | { status: 'failed'; error: CiamErrorData };

/**
 * Opens (`decision` unset) or decides a link. The verifier goes with the first request only: it is how the
 * browser that asked approves without a question; another browser's answer is the user's `decision`.
 */
export function linkRequest(endpoint: string, clientId: string, token: string, verifier: string | undefined, decision?: 'yes' | 'no'): HttpRequest {
  const params = new URLSearchParams({ client_id: clientId, link: token });
  if (decision) params.set('approve', decision);
  else if (verifier) params.set('link_verifier', verifier);
  return { url: endpoint, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() };
}

export function readLinkAnswer(result: HttpResult, now: number): LinkAnswer {
  const body = tryJson(result.body) as Record<string, unknown> | undefined;
  if (result.status === 429) {
    const seconds = parseRetryAfter(result.headers['retry-after'], now) ?? 30;
    return { status: 'failed', error: { code: 'rate_limited', status: 429, retryAfterSeconds: seconds } };
  }
  if (result.status === 200 && body?.link_status === 'confirm' && typeof body.device === 'string') {
    return { status: 'confirm', device: body.device.slice(0, 100), requestedAt: typeof body.requested_at === 'number' ? body.requested_at : now / 1000 };
  }
  if (result.status === 200 && body?.link_status === 'approved') return { status: 'approved', sameBrowser: body.same_browser === true };
  if (result.status === 200 && body?.link_status === 'declined') return { status: 'declined' };
  if (result.status === 400 && body?.error === 'invalid_link') return { status: 'failed', error: { code: 'invalid_link' } };
  return { status: 'failed', error: { code: result.status >= 500 ? 'server_error' : 'bad_response', status: result.status } };
}

/**
 * The link's status (the OP answers as a device flow's token endpoint does, RFC 8628 §3.5): the code once the
 * link approved the sign-in; waiting (sooner or later); declined from the link or never used in time.
 */
export function readLinkStatus(flow: EmbeddedFlow, result: HttpResult, now: number): ChallengeOutcome {
  const waited = { ...flow, polling: false };
  if (result.status === 200) return readChallengeResponse(waited, result, now);
  const body = challengeErrorSchema.safeParse(tryJson(result.body));
  if (!body.success) return { kind: 'flow', flow: waited }; // a hiccup: the next request asks again
  switch (body.data.error) {
    case 'authorization_pending':
    case 'slow_down':
      return { kind: 'flow', flow: { ...waited, pollEveryS: body.data.interval ?? waited.pollEveryS } };
    case 'expired_token':
      return { kind: 'flow', flow: { ...waited, error: { code: 'link_expired' } } };
    case 'access_denied':
      return { kind: 'flow', flow: { ...newFlow(flow.intent, flow.username), error: { code: 'link_declined' } } };
    default:
      return readChallengeResponse(waited, result, now);
  }
}

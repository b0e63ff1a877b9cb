/**
 * The OP's request for access, as its hosted page shows it with
 * <ciam-consent mode="hosted">: which requested scopes the user may leave
 * out, what an answer grants, and how the OP's reply is read. Pure; the
 * element brings the page's fetch.
 */
import type { CiamErrorData } from './errors.js';
import { parseJsonResponse, tryJson, type HttpRequest, type HttpResult, type SafeParser } from './http.js';

export interface ScopeChoice {
  scope: string;
  /** Asked for and not up to the user: `openid` (without it there is no sign-in), or what the OP names. */
  required: boolean;
}

export type Decision = 'allow' | 'deny';

/** The requested scopes once each, required ones first, each in the order asked. */
export function scopeChoices(requested: string, required: string): ScopeChoice[] {
  const needed = new Set(words(required));
  const choices = [...new Set(words(requested))].map((scope) => ({ scope, required: needed.has(scope) }));
  return [...choices.filter((c) => c.required), ...choices.filter((c) => !c.required)];
}

/** What "Allow" grants: every required scope, and each optional one the user did not untick. */
export function grantedScopes(choices: readonly ScopeChoice[], declined: ReadonlySet<string>): string[] {
  return choices.filter((c) => c.required || !declined.has(c.scope)).map((c) => c.scope);
}

/**
 * The answer as a form post to the OP's own endpoint, with the interaction cookie (same origin only). The
 * same fields as the page's `<noscript>` form: `decision`, and the granted scopes one `scope` field each.
 */
export function decisionRequest(endpoint: string, decision: Decision, scopes: readonly string[]): HttpRequest {
  const body = new URLSearchParams({ decision });
  if (decision === 'allow') for (const scope of scopes) body.append('scope', scope);
  return { url: endpoint, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), credentials: 'same-origin' };
}

export type DecisionReply = { ok: true; url: string } | { ok: false; error: CiamErrorData };

const redirectReply: SafeParser<{ redirect_to: string }> = {
  safeParse: (data) =>
    typeof (data as { redirect_to?: unknown } | null)?.redirect_to === 'string'
      ? { success: true, data: data as { redirect_to: string } }
      : { success: false, error: { message: 'redirect_to is required' } },
};

/** The OP's reply: where the browser goes on (the origin of `endpoint`, an absolute URL, only), or what went wrong. */
export function readDecisionReply(result: HttpResult, endpoint: string, nowMs: number): DecisionReply {
  const parsed = parseJsonResponse(result, redirectReply, nowMs);
  if (!parsed.ok) {
    // The OP says the interaction is gone (expired, answered in another tab): nothing here can be retried.
    const expired = (tryJson(result.body) as { error?: unknown } | undefined)?.error === 'invalid_session';
    return { ok: false, error: expired ? { code: 'request_expired', status: 400 } : parsed.error };
  }
  let target: URL;
  try {
    target = new URL(parsed.value.redirect_to, endpoint);
  } catch {
    return { ok: false, error: { code: 'bad_response', detail: 'redirect_to is not a URL' } };
  }
  if (target.origin !== new URL(endpoint).origin) {
    return { ok: false, error: { code: 'bad_response', detail: 'redirect_to leaves the OP' } };
  }
  return { ok: true, url: target.href };
}

function words(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

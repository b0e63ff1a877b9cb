/**
 * The challenge endpoint's answers, as the embedded flow reads them (the next step, an error on this one,
 * a bot check, the code), and the token request that follows the code. Loaded with the flow part (first
 * action): the first paint's passkey autofill reads only its own answer (machine/autofill.ts).
 */
import { bindsTokens } from './config.js';
import { oauthErrorCode, parseRetryAfter, type CiamErrorData } from './errors.js';
import type { HttpRequest, HttpResult } from './http.js';
import { parseJsonResponse, tryJson } from './http.js';
import { challengeErrorSchema, challengeSuccessSchema, type ChallengeError } from './schemas/challenge.js';
import type { Ready } from './states.js';
import { newFlow, type BotChallenge, type EmbeddedFlow } from './embedded.js';

/** What to do with the challenge endpoint's answer. */
export type ChallengeOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'continue'; url: string }
  | { kind: 'flow'; flow: EmbeddedFlow }
  /** The OP wants its own pages; `idp` and `domainHint` when it routes the email's domain to an upstream IdP. */
  | { kind: 'redirect'; idp?: string; domainHint?: string; loginHint?: string };

export function readChallengeResponse(flow: EmbeddedFlow, result: HttpResult, now: number): ChallengeOutcome {
  const settled = { ...flow, pending: false };
  if (result.status === 200) {
    const parsed = parseJsonResponse(result, challengeSuccessSchema, now);
    if (!parsed.ok) return { kind: 'flow', flow: { ...settled, error: parsed.error } };
    const value = parsed.value as { authorization_code?: string; redirect_to?: string };
    if (value.authorization_code) return { kind: 'code', code: value.authorization_code };
    return { kind: 'continue', url: value.redirect_to ?? '' };
  }
  const body = result.status >= 400 && result.status < 500 ? challengeErrorSchema.safeParse(tryJson(result.body)) : null;
  if (result.status === 429) {
    const seconds = parseRetryAfter(result.headers['retry-after'], now) ?? (body?.success ? body.data.retry_after : undefined) ?? 30;
    return {
      kind: 'flow',
      flow: { ...settled, error: { code: 'rate_limited', status: 429, retryAfterSeconds: seconds }, retryAvailableAtMs: now + seconds * 1000 },
    };
  }
  if (!body?.success) {
    // 5xx, HTML error pages, invalid JSON: the shared reader names them.
    const parsed = parseJsonResponse(result, challengeErrorSchema, now);
    return { kind: 'flow', flow: { ...settled, error: parsed.ok ? { code: 'bad_response', status: result.status } : parsed.error } };
  }
  return readChallengeError(settled, body.data, now);
}

function readChallengeError(flow: EmbeddedFlow, body: ChallengeError, now: number): ChallengeOutcome {
  switch (body.error) {
    case 'insufficient_authorization':
      return { kind: 'flow', flow: nextStep(flow, body, now) };
    case 'invalid_session':
      return {
        kind: 'flow',
        flow: {
          ...newFlow(flow.intent, flow.username),
          ...(flow.stepUp ? { stepUp: flow.stepUp } : {}),
          ...(flow.guest ? { guest: 'bind' as const } : {}),
          error: { code: 'invalid_session' },
        },
      };
    case 'redirect_to_web':
      return { kind: 'redirect', idp: body.idp, domainHint: body.domain_hint, loginHint: body.login_hint };
    case 'bot_check_required': {
      // Nothing was done: the same request goes again with a proof. A refused proof says so; a first ask does not.
      const botCheck = botChallenge(body.bot_challenge);
      if (!botCheck) return { kind: 'flow', flow: { ...flow, error: { code: 'bot_check_failed', detail: 'no challenge this client can solve' } } };
      return { kind: 'flow', flow: { ...flow, botCheck, ...(body.reason ? { error: { code: 'bot_check_failed', detail: body.reason } } : {}) } };
    }
    case 'invalid_request':
      if (body.reason === 'weak_password')
        return { kind: 'flow', flow: { ...flow, error: { code: 'weak_password', detail: body.password_reason ?? 'too_short' } } };
      if (body.reason === 'invalid_email') return { kind: 'flow', flow: { ...flow, error: { code: 'invalid_email' } } };
      // Signing in to an organization the user is not in (after the credential check; the flow is used up).
      if (body.reason === 'not_a_member') return { kind: 'flow', flow: { ...flow, authSession: null, error: { code: 'not_a_member' } } };
      return { kind: 'flow', flow: { ...flow, error: { code: 'invalid_request', detail: body.error_description ?? body.error } } };
    default:
      return { kind: 'flow', flow: { ...flow, error: { code: oauthErrorCode(body.error), detail: body.error_description ?? body.error } } };
  }
}

function botChallenge(raw: ChallengeError['bot_challenge']): BotChallenge | undefined {
  if (raw?.type === 'pow' && raw.challenge && raw.difficulty !== undefined && raw.difficulty >= 0 && raw.difficulty <= 32)
    return { type: 'pow', challenge: raw.challenge, difficulty: raw.difficulty };
  if ((raw?.type === 'turnstile' || raw?.type === 'hcaptcha') && raw.site_key) return { type: raw.type, siteKey: raw.site_key };
  return undefined;
}

const reasons: Record<string, CiamErrorData['code']> = {
  invalid_credentials: 'invalid_credentials',
  invalid_code: 'invalid_code',
  code_expired: 'code_expired',
  invalid_passkey: 'invalid_passkey',
};

/** `insufficient_authorization`: the OP names what it needs next. */
function nextStep(flow: EmbeddedFlow, body: ChallengeError, now: number): EmbeddedFlow {
  const methods = body.methods ?? flow.methods;
  const next: EmbeddedFlow = { ...flow, authSession: body.auth_session ?? flow.authSession, methods };
  delete next.error;
  delete next.passkeyOptions;
  if (body.resend_after !== undefined) next.resendAvailableAtMs = now + body.resend_after * 1000;
  const reason = body.reason ? reasons[body.reason] : undefined;
  if (reason) return { ...next, error: { code: reason, detail: body.error_description ?? body.reason } };
  if (methods.includes('passkey') && body.passkey_options) return { ...next, step: 'passkey', pending: true, passkeyOptions: body.passkey_options };
  if (methods.includes('email_verification')) return { ...next, step: 'verify-email' };
  if (methods.includes('recovery_code')) return { ...next, step: 'recovery-code' };
  if (methods.includes('guest_merge')) return { ...next, step: 'guest-merge' };
  if (body.link_sent) return { ...next, step: 'email-link', pollEveryS: body.interval ?? 2 };
  if (body.code_sent || (flow.step === 'identifier' && !methods.includes('password') && methods.includes('email_code'))) return { ...next, step: 'email-code' };
  if (methods.includes('password')) return { ...next, step: 'password' };
  return { ...next, error: { code: 'unknown', detail: `no supported method in ${methods.join(', ') || 'the answer'}` } };
}

/** RFC 6749 §4.1.3: the code, the PKCE verifier and the same redirect_uri the code was bound to. */
export function tokenRequest(ready: Ready, code: string, verifier: string) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: ready.config.clientId,
    redirect_uri: ready.config.redirectUri,
  });
  const request: HttpRequest = {
    url: ready.discovery.token_endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
  // The same key as the flow's: the OP binds the tokens to it (RFC 9449 §5), refreshes then need its proofs.
  if (bindsTokens(ready.config, ready.discovery)) request.proof = 'dpop';
  return request;
}

/**
 * Embedded sign-in, sign-up and recovery over the authorization challenge
 * endpoint (draft-ietf-oauth-first-party-apps). Part of the session machine:
 * pure, and secrets pass through effects only (the state keeps the PKCE
 * verifier, never a password or a code).
 */
import { bindsTokens, collectsCredentials, takesDpopProofs } from './config.js';
import type { CiamErrorData } from './errors.js';
import { oauthErrorCode, parseRetryAfter } from './errors.js';
import type { HttpRequest, HttpResult } from './http.js';
import { parseJsonResponse, tryJson } from './http.js';
import { challengeErrorSchema, challengeSuccessSchema, type ChallengeError } from './schemas/challenge.js';
import type { Ready } from './states.js';

export type EmbeddedIntent = 'sign-in' | 'sign-up' | 'recover';
export type EmbeddedStep =
  'identifier' | 'password' | 'email-code' | 'email-link' | 'signup' | 'verify-email' | 'recover' | 'recovery-code' | 'passkey' | 'guest-merge';

export interface EmbeddedFlow {
  intent: EmbeddedIntent;
  step: EmbeddedStep;
  /** A request is in flight: the form is disabled (no double submit). */
  pending: boolean;
  /** The email the user typed first; shown on later steps and kept after errors. */
  username: string;
  authSession: string | null;
  methods: string[];
  codeVerifier: string | null;
  /** The OIDC nonce sent with the flow's first request; the ID token must carry it. */
  nonce: string | null;
  error?: CiamErrorData;
  /** Epoch ms after which "Resend code" works again. */
  resendAvailableAtMs?: number;
  /** A sign-in link's status request is in flight (not `pending`: the step's buttons stay usable meanwhile). */
  polling?: boolean;
  /** Seconds between the link's status requests, as the OP asks. */
  pollEveryS?: number;
  /** Epoch ms until which the OP asked us to wait (429 Retry-After). */
  retryAvailableAtMs?: number;
  /** Step-up (RFC 9470): sent with the first request of the flow. */
  stepUp?: { maxAge?: number; acrValues?: string };
  /**
   * A guest signing in or up (`guest_token` goes with the first request): what became of the guest's data,
   * once the user chose (`move`, `keep_separate`); `bind` until then.
   */
  guest?: 'bind' | 'move' | 'keep_separate';
  /** Passkey sign-in: the OP's WebAuthn request options, waiting for the authenticator. */
  passkeyOptions?: unknown;
  /** The OP wants a bot check before it does the last request: the element solves it and sends that request again with the proof. */
  botCheck?: BotChallenge;
}

/**
 * A bot check the OP asks for: `pow` (built in: find `n` so that SHA-256 of `<challenge>:<n>` starts with
 * `difficulty` zero bits), or a provider's widget (`turnstile`, `hcaptcha`) with its site key.
 */
export type BotChallenge = { type: 'pow'; challenge: string; difficulty: number } | { type: 'turnstile' | 'hcaptcha'; siteKey: string };

/** A submit, sent again with the answer to the OP's bot check (`botProof`, the `bot_proof` parameter). */
export type EmbeddedSubmit = EmbeddedSubmitKind & { botProof?: string };

type EmbeddedSubmitKind =
  | { kind: 'identifier'; username: string }
  | { kind: 'password'; password: string }
  | { kind: 'send-code' }
  /** Emails a sign-in link; `linkChallenge`: the SHA-256 of the verifier this browser keeps (the client adds it). */
  | { kind: 'send-link'; linkChallenge?: string }
  /** Has the link been used? Sent on a timer while the link step shows. */
  | { kind: 'link-status' }
  | { kind: 'code'; code: string }
  | { kind: 'signup'; email: string; password: string; name?: string }
  | { kind: 'recover'; email: string }
  | { kind: 'recovery-code'; code: string; newPassword: string }
  /** Starts a passkey sign-in (discoverable credentials: no email needed; a typed one is kept for later). */
  | { kind: 'passkey'; username?: string }
  /** The authenticator's answer (AuthenticationResponseJSON), sent on by the interpreter. */
  | { kind: 'passkey-response'; response: unknown }
  /** Hosted mode: "Continue with <provider>" on the OP's own page; the OP answers where that upstream's sign-in starts. */
  | { kind: 'federate'; idp: string }
  /** A guest session: no credentials; the app keeps a cart or drafts under its `sub` until the user signs in or up. */
  | { kind: 'guest' }
  /** A guest signing in to an existing account: move the guest's data into it, or leave it behind. */
  | { kind: 'guest-merge'; move: boolean };

/**
 * Passkey autofill (conditional mediation): a passkey sign-in of its own,
 * waiting in the background while the first step shows. `attempt` tags its
 * effects, so answers to an abandoned attempt are ignored.
 */
export interface PasskeyAutofill {
  /** starting: asking the OP for WebAuthn options; waiting: the browser offers passkeys; off: may start again; failed: not on this page. */
  stage: 'starting' | 'waiting' | 'off' | 'failed';
  attempt: number;
  codeVerifier?: string | null;
  nonce?: string | null;
  authSession?: string | null;
}

/** Autofill belongs to the first sign-in step of our own forms, while nothing is in flight. */
export function collectsPasskeyAutofill(ready: Ready, flow: EmbeddedFlow): boolean {
  return collectsCredentials(ready.mode) && flow.intent === 'sign-in' && flow.step === 'identifier' && !flow.pending && !flow.stepUp;
}

const startingIntent: Partial<Record<EmbeddedSubmit['kind'], EmbeddedIntent>> = {
  identifier: 'sign-in',
  signup: 'sign-up',
  recover: 'recover',
  passkey: 'sign-in',
  federate: 'sign-in',
  guest: 'sign-in',
};

/** Submits that start a new challenge flow, so they carry a fresh PKCE pair. */
export function startsFlow(submit: EmbeddedSubmit): boolean {
  return submit.kind in startingIntent;
}

/** The flow a starting submit opens (whatever view it was sent from); other submits continue `flow`. */
export function flowFor(flow: EmbeddedFlow, submit: EmbeddedSubmit): EmbeddedFlow {
  const intent = startingIntent[submit.kind];
  if (!intent) return flow;
  const next = { ...newFlow(intent, flow.username), ...(flow.stepUp ? { stepUp: flow.stepUp } : {}), ...(flow.guest ? { guest: flow.guest } : {}) };
  return submit.kind === 'passkey' ? { ...next, step: 'passkey' } : next;
}

/** The secrets of one authorization request, made by the client (core has no randomness): the PKCE pair (RFC 7636) and the OIDC nonce. */
export interface Pkce {
  verifier: string;
  challenge: string;
  nonce: string;
}

export const firstStep: Record<EmbeddedIntent, EmbeddedStep> = { 'sign-in': 'identifier', 'sign-up': 'signup', recover: 'recover' };

export function newFlow(intent: EmbeddedIntent = 'sign-in', username = ''): EmbeddedFlow {
  return { intent, step: firstStep[intent], pending: false, username, authSession: null, methods: [], codeVerifier: null, nonce: null };
}

/**
 * A submit as the flow's next request: the flow, now waiting, and its
 * challenge request; or the flow with the reason it cannot be sent.
 */
export function submitFlow(ready: Ready, flow: EmbeddedFlow, submit: EmbeddedSubmit, pkce: Pkce | undefined): { flow: EmbeddedFlow; request?: HttpRequest } {
  const current = flowFor(flow, submit);
  const built = challengeRequest(ready, current, submit, pkce);
  if ('error' in built) return { flow: { ...current, error: built.error } };
  const next: EmbeddedFlow = { ...current, pending: true, codeVerifier: built.verifier, nonce: built.nonce, username: typedEmail(submit) ?? current.username };
  if (submit.kind === 'guest-merge') next.guest = submit.move ? 'move' : 'keep_separate';
  delete next.error;
  delete next.botCheck;
  return { flow: next, request: built.request };
}

function typedEmail(submit: EmbeddedSubmit): string | undefined {
  if (submit.kind === 'identifier') return submit.username;
  if (submit.kind === 'signup' || submit.kind === 'recover') return submit.email;
  if (submit.kind === 'passkey') return submit.username;
  return undefined;
}

/** The challenge request for a submit, or an error when the flow cannot send it. */
export function challengeRequest(ready: Ready, flow: EmbeddedFlow, submit: EmbeddedSubmit, pkce: Pkce | undefined) {
  const hosted = ready.mode === 'hosted';
  const endpoint = hosted ? ready.config.challengeEndpoint : ready.discovery.authorization_challenge_endpoint;
  if (!endpoint)
    return {
      error: { code: 'config', detail: hosted ? 'hosted mode needs a challenge-endpoint' : 'the OP has no authorization_challenge_endpoint' } as CiamErrorData,
    };
  // Hosted: the OP's interaction already holds the client and the authorization request.
  const params = new URLSearchParams(hosted ? {} : { client_id: ready.config.clientId });
  let verifier = flow.codeVerifier;
  let nonce = flow.nonce;
  if (startsFlow(submit) && hosted) {
    verifier = null;
    nonce = null;
  } else if (startsFlow(submit)) {
    if (!pkce) return { error: { code: 'config', detail: 'a new flow needs a PKCE pair' } as CiamErrorData };
    verifier = pkce.verifier;
    nonce = pkce.nonce;
    params.set('scope', ready.config.scope);
    params.set('nonce', pkce.nonce);
    params.set('code_challenge', pkce.challenge);
    params.set('code_challenge_method', 'S256');
    params.set('redirect_uri', ready.config.redirectUri);
    if (flow.stepUp?.maxAge !== undefined) params.set('max_age', String(flow.stepUp.maxAge));
    if (flow.stepUp?.acrValues) params.set('acr_values', flow.stepUp.acrValues);
  } else if (flow.authSession) {
    params.set('auth_session', flow.authSession);
  } else {
    return { error: { code: 'invalid_session' } as CiamErrorData };
  }
  for (const [key, value] of Object.entries(submitParams(submit, flow))) if (value) params.set(key, value);
  if (submit.botProof) params.set('bot_proof', submit.botProof);
  const request: HttpRequest = { url: endpoint, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() };
  // A guest's first request carries its token (the interpreter adds it: core never holds one).
  if (flow.guest && (submit.kind === 'identifier' || submit.kind === 'signup' || submit.kind === 'passkey')) request.guest = true;
  // Hosted: the OP finds its interaction by its own cookie, on its own origin.
  if (hosted) request.credentials = 'same-origin';
  // An OP that takes DPoP proofs binds the auth_session to this page's key, so no one else can go on
  // with the flow (first-party draft, auth_session DPoP binding). Only then: a foreign OP that does not
  // list DPoP would refuse the header's CORS preflight.
  else if (takesDpopProofs(ready.discovery)) request.proof = 'dpop';
  return { request, verifier, nonce };
}

function submitParams(submit: EmbeddedSubmit, flow: EmbeddedFlow): Record<string, string | undefined> {
  switch (submit.kind) {
    case 'identifier':
      return { action: 'signin', username: submit.username };
    case 'password':
      return { password: submit.password };
    case 'send-code':
      // Sign-in switches to (or repeats) the email code; sign-up re-sends its verification code.
      return { method: flow.step === 'verify-email' ? 'resend' : 'email_code' };
    case 'send-link':
      return { method: 'email_link', link_challenge: submit.linkChallenge };
    case 'link-status':
      return { method: 'email_link_status' };
    case 'code':
      return { code: submit.code };
    case 'signup':
      return { action: 'signup', email: submit.email, password: submit.password, name: submit.name };
    case 'recover':
      return { action: 'recover', email: submit.email };
    case 'recovery-code':
      return { code: submit.code, new_password: submit.newPassword };
    case 'passkey':
      return { action: 'passkey' }; // the email stays here: discoverable credentials need none
    case 'passkey-response':
      return { passkey: JSON.stringify(submit.response) };
    case 'federate':
      return { action: 'federate', idp: submit.idp };
    case 'guest':
      return { action: 'guest' };
    case 'guest-merge':
      return { guest_merge: submit.move ? 'move' : 'keep_separate' };
  }
}

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

/**
 * Embedded sign-in, sign-up and recovery over the authorization challenge
 * endpoint (draft-ietf-oauth-first-party-apps). Part of the session machine:
 * pure, and secrets pass through effects only (the state keeps the PKCE
 * verifier, never a password or a code). The OP's answers are read by
 * challenge-answers.ts, which loads with the flow.
 */
import { collectsCredentials, takesDpopProofs } from './config.js';
import type { CiamErrorData } from './errors.js';
import type { HttpRequest } from './http.js';
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
  /** `organization`: the tab's, where the fresh tokens must stay. */
  stepUp?: { maxAge?: number; acrValues?: string; organization?: string };
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
    const organization = flow.stepUp ? flow.stepUp.organization : ready.config.organizations.organization;
    if (organization) params.set(ready.config.organizations.param ?? 'organization', organization);
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

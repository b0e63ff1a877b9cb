import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientLike, Provider } from 'oidc-provider';
import { issueAuthorizationCode } from './authorize.js';
import { SCOPES as PROVIDER_SCOPES } from './provider.js';
import { AMR, invalidRequest, invalidSession, openLink, repeatedParameter, runFlow } from './challenge-flows.js';
import type { Acr, CodeParams, Completion, FlowState, Flows, Reply } from './challenge-flows.js';
import type { Router } from './routing.js';
import { DpopVerifier } from './dpop.js';
import { GUEST_BINDING_ACTIONS, guestOfToken, startGuest } from './guest-flows.js';
import { HttpError, readForm, sendJson } from './http.js';
import { ORGANIZATION_PARAM } from './org-tokens.js';

// The authorization challenge endpoint of draft-ietf-oauth-first-party-apps
// (docs/first-party-challenge.md): POST /challenge, form-encoded, JSON out.
// This file is the HTTP side (CORS, parsing, the first request's OAuth
// parameters) and the end of every flow here (an authorization code);
// challenge-flows.ts holds sign-in, sign-up, recovery and passkey sign-in,
// shared with the hosted page's endpoint (hosted.ts); guest-flows.ts guest sessions (here only).

export const CHALLENGE_PATH = '/challenge';

export type { RateLimitOptions } from './challenge-flows.js';

const SCOPES = new Set(PROVIDER_SCOPES);
const DEFAULT_SCOPE = 'openid profile email';
/**
 * What each action's sign-in can be: password ("pwd") or a one-time code by
 * email ("otp"); a passkey ("phr", phishing-resistant) only with action=passkey.
 */
const CODE_OR_PASSWORD_ACR = new Set(['pwd', 'otp']);
const SUPPORTED_ACR: Record<string, Set<string>> = {
  signin: CODE_OR_PASSWORD_ACR,
  signup: CODE_OR_PASSWORD_ACR,
  recover: CODE_OR_PASSWORD_ACR,
  passkey: new Set(['phr']),
  // A guest session authenticates nobody: "guest" is all it can be.
  guest: new Set(['guest']),
};
const ACTIONS = new Set(Object.keys(SUPPORTED_ACR));
// RFC 7636 §4.2: base64url of a SHA-256 is 43 characters; allow the full range.
const CODE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export type ChallengeHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function createChallengeHandler(options: { provider: Provider; flows: Flows; appOrigins: Set<string>; route?: Router }): ChallengeHandler {
  const { provider, flows, appOrigins, route } = options;
  const endpoint = new URL(CHALLENGE_PATH, provider.issuer).href;
  const dpop = new DpopVerifier();

  /** The end of every flow here: an authorization code bound to the first request. */
  const complete: Completion = (session, accountId, acr, amr) => {
    if (!('request' in session.state)) return Promise.resolve(invalidSession());
    return issue(session.clientId, session.state.request, accountId, acr, amr);
  };

  async function issue(clientId: string, request: CodeParams, accountId: string, acr: Acr, amr: string[]): Promise<Reply> {
    // Checked only now, after the credential: a stranger learns nothing of who is in which organization.
    const { organizations } = flows.db;
    const org = request.organization ? organizations.find(request.organization) : undefined;
    if (request.organization && (!org || !organizations.rolesOf(accountId, org.id))) {
      return {
        status: 400,
        body: {
          error: 'invalid_request',
          reason: 'not_a_member',
          error_description: 'You are not a member of this organization. Sign in without it, or ask for an invitation.',
        },
      };
    }
    const code = await issueAuthorizationCode(
      provider,
      {
        clientId,
        accountId,
        scope: request.scope,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        ...(request.nonce ? { nonce: request.nonce } : {}),
        acr,
        amr,
        ...(org ? { organizationId: org.id } : {}),
      },
      organizations,
    );
    return { status: 200, body: { authorization_code: code } };
  }

  async function challenge(form: URLSearchParams, ip: string, userAgent: string, proof: string | string[] | undefined): Promise<Reply> {
    const repeated = repeatedParameter(form);
    if (repeated) return repeated;
    // A DPoP proof (sent when discovery lists dpop_signing_alg_values_supported) binds a new flow to the
    // browser's key, and must prove that key on every later request of a bound flow.
    let jkt: string | undefined;
    if (proof !== undefined) {
      const checked = typeof proof === 'string' ? dpop.check(proof, 'POST', endpoint) : { ok: false as const, description: 'Send one DPoP header.' };
      if (!checked.ok) return { status: 400, body: { error: 'invalid_dpop_proof', error_description: checked.description } };
      jkt = checked.jkt;
    }
    // RFC 6749 §3.1: a parameter sent without a value is treated as omitted.
    const param = (name: string) => form.get(name) || undefined;

    const clientId = param('client_id');
    if (!clientId) return invalidRequest('client_id is required.');
    const client = await provider.Client.find(clientId);
    if (!client || !client.grantTypeAllowed('authorization_code')) {
      return { status: 400, body: { error: 'invalid_client', error_description: 'Unknown client.' } };
    }

    // A sign-in link's page: not a flow of its own, a decision about the flow that sent the link.
    if (form.has('link')) {
      if (form.has('auth_session') || form.has('action')) return invalidRequest('link goes without auth_session and action.');
      return openLink(flows, ip, client.clientId, param);
    }

    const value = param('auth_session');
    if (value) {
      const session = flows.sessions.find(value, client.clientId);
      // A flow of the hosted page belongs to its interaction, not here; a bound flow to the key that
      // started it: without that key's proof it is, for this caller, a flow that does not exist.
      if (!session || !('request' in session.state)) return invalidSession();
      if (session.state.dpopJkt !== undefined && session.state.dpopJkt !== jkt) return invalidSession();
      return runFlow({ ...flows, ip, userAgent, complete }, form, session);
    }

    const action = param('action') ?? 'signin';
    if (!ACTIONS.has(action)) return invalidRequest('action must be signin, signup, recover, passkey or guest.');
    const request = authorizationRequest(param, client, SUPPORTED_ACR[action]);
    if ('status' in request) return request;
    // A company email signs in (and up) at its company's IdP: no password of ours to check or to create.
    if ((action === 'signin' || action === 'signup') && route) {
      const routed = federatedSignIn(action === 'signup' ? param('email') : (param('username') ?? param('login_hint')), route);
      if (routed) return routed;
    }
    const ctx = { ...flows, ip, userAgent, complete };
    const guestToken = param('guest_token');
    if (action === 'guest') {
      if (guestToken) return invalidRequest('guest_token does not go with action=guest.');
      return startGuest(ctx, param, (accountId) => issue(client.clientId, request, accountId, 'guest', AMR.guest));
    }
    // A flow that may bind the guest session the app already has (guest-flows.ts).
    let guest: string | undefined;
    if (guestToken) {
      if (!GUEST_BINDING_ACTIONS.has(action)) return invalidRequest('guest_token goes with action=signin, signup or passkey only.');
      const found = await guestOfToken(provider, flows, guestToken, client.clientId, jkt);
      if ('status' in found) return found;
      guest = found.guest;
    }
    return runFlow(ctx, form, {
      action: action as FlowState['flow'],
      clientId: client.clientId,
      target: { request, ...(jkt ? { dpopJkt: jkt } : {}), ...(guest ? { guest } : {}) },
    });
  }

  return async function handle(req, res, path) {
    if (path !== CHALLENGE_PATH) return false;
    const origin = req.headers.origin;
    const corsOrigin = origin !== undefined && appOrigins.has(origin) ? origin : undefined;

    if (req.method === 'OPTIONS') {
      preflight(req, res, corsOrigin);
      return true;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST, OPTIONS' }).end();
      return true;
    }
    // Like the token endpoint (clientBasedCORS): a browser request from any
    // other origin is refused before anything happens. A form-encoded POST
    // needs no preflight, so without this check any web page could make the
    // OP send codes or test passwords on its visitors' behalf.
    if (origin !== undefined && !corsOrigin) {
      sendReply(res, invalidRequest(`Origin ${origin} is not allowed for this endpoint.`), undefined);
      return true;
    }

    let reply: Reply;
    try {
      const form = await readForm(req);
      // Never trust X-Forwarded-For: the demo listens on loopback only.
      reply = await challenge(form, req.socket.remoteAddress ?? 'unknown', req.headers['user-agent'] ?? '', req.headers.dpop);
    } catch (err) {
      if (err instanceof HttpError) {
        reply = { status: err.status, body: { error: 'invalid_request', error_description: err.message } };
      } else {
        console.error('[demo-op] challenge error', err);
        reply = { status: 500, body: { error: 'server_error', error_description: 'Something went wrong on our side.' } };
      }
    }
    sendReply(res, reply, corsOrigin);
    return true;
  };
}

/**
 * Email first: a username in a company domain signs in at the company's IdP,
 * in the browser. One Map lookup (routing.ts), no database, so a routed and
 * an unrouted answer take the same time, and only the typed email's own
 * domain is ever revealed.
 */
function federatedSignIn(typed: string | undefined, route: Router): Reply | undefined {
  const username = typed?.trim();
  const routed = username && username.length <= 254 ? route(username) : undefined;
  if (!username || !routed) return undefined;
  return {
    status: 403,
    body: {
      error: 'redirect_to_web',
      error_description: 'This account signs in with its organization. Continue at the authorization endpoint with the idp, login_hint and domain_hint given.',
      idp: routed.idp,
      domain_hint: routed.domain,
      login_hint: username,
    },
  };
}

/** The OAuth part of the first request: what the authorization code will be bound to. */
function authorizationRequest(param: (name: string) => string | undefined, client: ClientLike, supportedAcr: Set<string>): CodeParams | Reply {
  const responseType = param('response_type');
  if (responseType !== undefined && responseType !== 'code') {
    return { status: 400, body: { error: 'unsupported_response_type', error_description: 'Only response_type=code is supported.' } };
  }

  const scopes = [...new Set((param('scope') ?? DEFAULT_SCOPE).split(' ').filter(Boolean))];
  const unknown = scopes.filter((s) => !SCOPES.has(s));
  if (!scopes.length || unknown.length) {
    return { status: 400, body: { error: 'invalid_scope', error_description: `Unsupported scope: ${unknown.join(' ') || '(empty)'}.` } };
  }

  const codeChallenge = param('code_challenge');
  if (param('code_challenge_method') !== 'S256' || !codeChallenge || !CODE_CHALLENGE.test(codeChallenge)) {
    return invalidRequest('PKCE is required: code_challenge with code_challenge_method=S256.');
  }

  // The provider's token endpoint insists on redirect_uri and compares it with
  // the code's, so the code is bound to one of the client's registered URIs
  // even though nothing is ever redirected.
  const redirectUri = param('redirect_uri');
  if (!redirectUri) return invalidRequest('redirect_uri is required.');
  if (!client.redirectUris.includes(redirectUri)) return invalidRequest('redirect_uri is not registered for this client.');

  const maxAge = param('max_age');
  // Every sign-in here authenticates the user anew, so any max_age is met;
  // it only has to be well-formed.
  if (maxAge !== undefined && !/^\d{1,10}$/.test(maxAge)) return invalidRequest('max_age must be a non-negative integer.');

  const acrValues = param('acr_values')?.split(' ').filter(Boolean);
  if (acrValues?.length && !acrValues.some((acr) => supportedAcr.has(acr))) {
    // acr_values are voluntary (OIDC Core 3.1.2.1), but when none of them can
    // be met here the draft's answer is to continue in the browser, where the
    // OP is in full control of the authentication.
    return {
      status: 403,
      body: {
        error: 'redirect_to_web',
        error_description: `None of the requested acr_values can be satisfied here (supported: ${[...supportedAcr].join(', ')}). Use the authorization endpoint.`,
      },
    };
  }

  const nonce = param('nonce');
  if (nonce !== undefined && nonce.length > 512) return invalidRequest('nonce is too long.');
  // Whether it exists, and whether the user is in it, is only said after the sign-in (issue()).
  const organization = param(ORGANIZATION_PARAM);
  if (organization !== undefined && organization.length > 64) return invalidRequest('organization is too long.');
  return { scope: scopes.join(' '), codeChallenge, redirectUri, ...(nonce ? { nonce } : {}), ...(organization ? { organization } : {}) };
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  // No Allow-Credentials: the SPA has no OP cookie and needs none here.
  // Retry-After is not a CORS-safelisted response header; expose it for 429s.
  return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' } : { Vary: 'Origin' };
}

function preflight(req: IncomingMessage, res: ServerResponse, origin: string | undefined): void {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin && req.headers['access-control-request-method']) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Allow-Methods'] = 'POST';
    headers['Access-Control-Allow-Headers'] = req.headers['access-control-request-headers'] || 'content-type';
    headers['Access-Control-Max-Age'] = '3600';
  }
  res.writeHead(204, headers).end();
}

function sendReply(res: ServerResponse, reply: Reply, origin: string | undefined): void {
  sendJson(res, reply.status, reply.body, { ...corsHeaders(origin), ...reply.headers });
}

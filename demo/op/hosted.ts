import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, Provider } from 'oidc-provider';
import { invalidRequest, invalidSession, repeatedParameter, runFlow } from './challenge-flows.js';
import type { Completion, FlowState, Flows, Reply } from './challenge-flows.js';
import type { Federation } from './federation.js';
import { expiredInteraction, isCrossOrigin, jsonFailure, readForm, sendJson } from './http.js';

// Hosted mode: the OP's own sign-in page is <ciam-login mode="hosted">
// (views.ts), which runs the same steps as against /challenge but posts them
// to POST /interaction/:uid/challenge. Same flows, limits and mails
// (challenge-flows.ts); the differences: the interaction already holds the
// client and the authorization request, and a finished flow resolves the
// interaction (interactionResult) instead of minting a code. The element then
// navigates to the resume URL and the provider redirects to the app as usual.

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)\/challenge$/;
const ACTIONS = new Set(['signin', 'signup', 'recover', 'passkey', 'federate']);
/** The prompts the hosted page is shown for. */
const SIGN_IN_PROMPTS = new Set(['login', 'create']);

export type HostedChallengeHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function createHostedChallengeHandler(options: { provider: Provider; flows: Flows; issuer: string; federation?: Federation }): HostedChallengeHandler {
  const { provider, flows, federation } = options;

  async function challenge(req: IncomingMessage, res: ServerResponse, uid: string, form: URLSearchParams): Promise<Reply> {
    const repeated = repeatedParameter(form);
    if (repeated) return repeated;
    const param = (name: string) => form.get(name) || undefined;

    // The interaction cookie (path /interaction/<uid>) names the request we
    // act on; without it, or for another uid, there is nothing to sign in to.
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch (err) {
      if ((err as { name?: string }).name === 'SessionNotFound') return expiredInteraction();
      throw err;
    }
    if (interaction.uid !== uid) return expiredInteraction();
    if (!SIGN_IN_PROMPTS.has(interaction.prompt.name)) return invalidRequest('This request needs no sign-in.');
    const clientId = typeof interaction.params.client_id === 'string' ? interaction.params.client_id : '';

    const complete = interactionCompletion(provider, req, res, interaction);
    const ctx = { ...flows, ip: req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? '', complete };

    const value = param('auth_session');
    if (value) {
      const session = flows.sessions.find(value, clientId);
      // Bound to this interaction: a /challenge flow or another interaction's is refused.
      if (!session || !('interaction' in session.state) || session.state.interaction !== uid) return invalidSession();
      return runFlow(ctx, form, session);
    }
    const action = param('action') ?? 'signin';
    if (!ACTIONS.has(action)) return invalidRequest('action must be signin, signup, recover, passkey or federate.');
    // "Continue with <provider>" on the hosted page: on to that upstream, as the /auth hint would.
    if (action === 'federate') {
      const idp = param('idp');
      if (!federation || !idp || !federation.upstream(idp)) return invalidRequest('idp names no upstream of this OP.');
      return { status: 200, body: { redirect_to: new URL(federation.startPath(uid, idp), options.issuer).href } };
    }
    // Email first: a company domain continues at its IdP, like a finished step continues at redirect_to.
    const username = (action === 'signin' ? (param('username') ?? param('login_hint')) : action === 'signup' ? param('email') : undefined)?.trim();
    const routed = username && federation ? federation.route(username) : undefined;
    if (routed && federation) {
      return { status: 200, body: { redirect_to: new URL(federation.startPath(uid, routed.idp, username, routed.domain), options.issuer).href } };
    }
    return runFlow(ctx, form, { action: action as FlowState['flow'], clientId, target: { interaction: uid } });
  }

  return async function handle(req, res, path) {
    const match = ROUTE.exec(path);
    if (!match) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return true;
    }
    // Same origin only, and no CORS headers at all: only the OP's own page
    // may drive its interactions. A form POST needs no preflight, so this
    // check (with SameSite=Lax cookies) is what stops other sites.
    if (isCrossOrigin(req, options.issuer)) {
      sendJson(res, 403, { error: 'invalid_request', error_description: 'Cross-origin requests are not allowed here.' });
      return true;
    }

    let reply: Reply;
    try {
      reply = await challenge(req, res, match[1], await readForm(req));
    } catch (err) {
      reply = jsonFailure(err, 'hosted challenge');
    }
    sendJson(res, reply.status, reply.body, reply.headers);
    return true;
  };
}

/**
 * The end of a flow run for an OP interaction (this page's element, or the
 * plain forms of interactions.ts): resolve the interaction and answer where
 * the browser goes on, `200 {"redirect_to"}`.
 */
export function interactionCompletion(provider: Provider, req: IncomingMessage, res: ServerResponse, interaction: Interaction): Completion {
  return async (session, accountId, acr, amr) => {
    // prompt=create is settled by the result key its check looks for (prompts.ts).
    const create = interaction.prompt.name === 'create' ? { create: { accountId, registered: session.state.flow === 'signup' } } : {};
    const redirectTo = await provider.interactionResult(req, res, { login: { accountId, amr, acr }, ...create }, { mergeWithLastSubmission: false });
    return { status: 200, body: { redirect_to: redirectTo } };
  };
}

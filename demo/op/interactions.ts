import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, Provider } from 'oidc-provider';
import { runFlow } from './challenge-flows.js';
import type { FlowContext, FlowState, Flows, Reply } from './challenge-flows.js';
import type { OpDb } from './db.js';
import type { Federation } from './federation.js';
import { interactionCompletion } from './hosted.js';
import { HttpError, isCrossOrigin, jsonFailure, readForm, redirect, sendHtml, sendJson } from './http.js';
import { pickLang, text, type Lang, type MessageKey } from './locales.js';
import { consentPage, errorPage, hostedCsp, loginPage, registerPage, verifyPage } from './views.js';
import type { ConsentScope, FieldError, HostedElement } from './views.js';

// Interaction routes under /interaction/:uid. oidc-provider redirects the
// browser here whenever the interaction policy (prompts.ts) asks for a prompt;
// each handler resolves it with interactionResult() and sends the browser back
// to the provider's resume URL. With `hosted` set, the login and registration
// pages are <ciam-login mode="hosted"> (which talks to hosted.ts) with these
// server-rendered forms as the <noscript> fallback, and the consent page is
// <ciam-consent mode="hosted">, which posts its answer to .../consent (JSON).
//
// One path for credentials: these forms run the very flows of the challenge
// endpoints (challenge-flows.ts) for the interaction, as the hosted page's
// element does, so they share its rate limits, password policy, identical
// answers for known and unknown emails, and email verification before a new
// account signs in. Only the answers' form differs: a page instead of JSON.

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|register|verify|confirm|consent|abort))?$/;
/** Scopes that are not up to the user on the consent page: without `openid` there is no sign-in. */
const REQUIRED_SCOPES = new Set(['openid']);

/** The flows' password refusals (challenge-flows.ts `password_reason`), in the page's language. */
const PASSWORD_MESSAGE: Record<string, MessageKey> = {
  too_short: 'error.passwordShort',
  too_long: 'error.passwordLong',
  common: 'error.passwordCommon',
  repetitive: 'error.passwordRepetitive',
  contains_identifier: 'error.passwordIdentifier',
};

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  interaction: Interaction;
  base: string;
  clientName: string;
  /** The pages' language, from the authorization request's ui_locales (locales.ts). */
  lang: Lang;
}

export type InteractionHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function createInteractionHandler(
  provider: Provider,
  db: OpDb,
  clientNames: Record<string, string>,
  flows: Flows,
  hosted?: { issuer: string },
  federation?: Federation,
): InteractionHandler {
  /** "Continue with …" buttons: the social upstreams (company ones are found by email). */
  const providers = federation?.providers.filter((p) => p.kind === 'social') ?? [];

  /** Which page belongs to the pending prompt. */
  function showPrompt(ctx: Ctx): void {
    const { interaction } = ctx;
    // An `idp` (or routed `domain_hint`) hint skips our page and goes to that upstream, once.
    const hinted = interaction.prompt.name === 'login' || interaction.prompt.name === 'create' ? federation?.hinted(interaction) : undefined;
    if (hinted && federation) return redirect(ctx.res, federation.startPath(interaction.uid, hinted, param(interaction, 'login_hint') || undefined));
    switch (interaction.prompt.name) {
      case 'create':
        return showRegister(ctx, { name: '', email: param(interaction, 'login_hint') });
      case 'login':
        return showLogin(ctx, param(interaction, 'login_hint'));
      case 'consent':
        return showConsent(ctx);
      default:
        throw new HttpError(400, `Unsupported prompt "${interaction.prompt.name}".`);
    }
  }

  /** The element's attributes, when pages are hosted; undefined for plain server-rendered pages. */
  function element(ctx: Ctx): HostedElement | undefined {
    if (!hosted) return undefined;
    const { interaction } = ctx;
    return {
      issuer: hosted.issuer,
      clientId: param(interaction, 'client_id'),
      endpoint: `${ctx.base}/challenge`,
      loginHint: param(interaction, 'login_hint'),
      // The element's buttons post action=federate to the endpoint (hosted.ts), which answers with the upstream's start.
      social: providers.map((p) => `${p.id}=${p.name}`).join(', '),
    };
  }

  function sendSignInPage(ctx: Ctx, page: string, status = 200): void {
    const redirectUri = ctx.interaction.params.redirect_uri;
    sendHtml(ctx.res, status, page, hosted ? hostedCsp(typeof redirectUri === 'string' ? redirectUri : undefined) : undefined);
  }

  function showLogin(ctx: Ctx, email: string, error?: FieldError, status = 200): void {
    sendSignInPage(ctx, loginPage({ base: ctx.base, clientName: ctx.clientName, email, error, hosted: element(ctx), lang: ctx.lang, providers }), status);
  }

  function showRegister(ctx: Ctx, values: { name: string; email: string }, error?: FieldError, status = 200): void {
    sendSignInPage(ctx, registerPage({ base: ctx.base, clientName: ctx.clientName, ...values, error, hosted: element(ctx), lang: ctx.lang }), status);
  }

  function showVerify(ctx: Ctx, email: string, authSession: string, error?: string, resent = false, status = 200): void {
    sendSignInPage(ctx, verifyPage({ base: ctx.base, email, authSession, error, resent, lang: ctx.lang }), status);
  }

  /** Every requested scope, once, in the order asked. */
  function requestedScopes(interaction: Interaction): ConsentScope[] {
    return [...new Set(param(interaction, 'scope').split(' ').filter(Boolean))].map((scope) => ({ scope, required: REQUIRED_SCOPES.has(scope) }));
  }

  function showConsent(ctx: Ctx): void {
    const { interaction } = ctx;
    const account = interaction.session ? db.users.findById(interaction.session.accountId) : undefined;
    if (!account) throw new HttpError(400, 'There is no signed-in user for this request.');
    // List everything the app asked for, not only what is new since an
    // earlier consent: the user decides about the whole request.
    const page = consentPage({
      base: ctx.base,
      clientName: ctx.clientName,
      email: account.email,
      scopes: requestedScopes(interaction),
      lang: ctx.lang,
      hosted: hosted ? { endpoint: `${ctx.base}/consent` } : undefined,
    });
    const redirectUri = interaction.params.redirect_uri;
    sendHtml(ctx.res, 200, page, hosted ? hostedCsp(typeof redirectUri === 'string' ? redirectUri : undefined) : undefined);
  }

  /** The flows' context for this interaction: its address and browser, ending in interactionResult. */
  function flowContext(ctx: Ctx): FlowContext {
    const { req, res, interaction } = ctx;
    return {
      ...flows,
      ip: req.socket.remoteAddress ?? 'unknown',
      userAgent: req.headers['user-agent'] ?? '',
      complete: interactionCompletion(provider, req, res, interaction),
    };
  }

  /** Starts a flow of the challenge endpoints for this interaction, as the hosted page's element would. */
  function startFlow(ctx: Ctx, action: FlowState['flow'], params: Record<string, string>): Promise<Reply> {
    const target = { interaction: ctx.interaction.uid };
    return runFlow(flowContext(ctx), new URLSearchParams(params), { action, clientId: param(ctx.interaction, 'client_id'), target });
  }

  /** A live flow of this interaction, found by the auth_session the page carried. */
  function findFlow(ctx: Ctx, value: string | null) {
    const session = value ? flows.sessions.find(value, param(ctx.interaction, 'client_id')) : undefined;
    return session && 'interaction' in session.state && session.state.interaction === ctx.interaction.uid ? session : undefined;
  }

  /** The flow's refusal as the page's one error line. */
  function refusal(ctx: Ctx, reply: Reply): string {
    const { body } = reply;
    if (reply.status === 429) {
      const seconds = Number(body.retry_after) || 1;
      return seconds < 120
        ? text(ctx.lang, 'error.tooManySeconds', { seconds: String(seconds) })
        : text(ctx.lang, 'error.tooManyMinutes', { minutes: String(Math.ceil(seconds / 60)) });
    }
    const reason = typeof body.reason === 'string' ? body.reason : '';
    if (reason === 'invalid_credentials') return text(ctx.lang, 'error.wrongPassword');
    if (reason === 'invalid_code') return text(ctx.lang, 'error.wrongCode');
    if (reason === 'code_expired') return text(ctx.lang, 'error.codeExpired');
    if (reason === 'invalid_email') return text(ctx.lang, 'error.email');
    if (reason === 'invalid_name') return text(ctx.lang, 'error.name');
    if (reason === 'weak_password') return text(ctx.lang, PASSWORD_MESSAGE[String(body.password_reason)] ?? 'error.passwordShort', { max: '256' });
    if (body.error === 'invalid_session') return text(ctx.lang, 'error.signUpExpired');
    return text(ctx.lang, 'error.failed');
  }

  /** A flow that ended: on to where the provider resumes (consent, or the app). */
  function finished(ctx: Ctx, reply: Reply): boolean {
    if (reply.status !== 200 || typeof reply.body.redirect_to !== 'string') return false;
    redirect(ctx.res, reply.body.redirect_to);
    return true;
  }

  async function postLogin(ctx: Ctx): Promise<void> {
    const form = await readForm(ctx.req);
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    // Email first: a company domain goes to its IdP (no password asked here), any other
    // email without a password gets the password step (the same page, email filled in).
    const routed = email ? federation?.route(email) : undefined;
    if (routed && federation) return redirect(ctx.res, federation.startPath(ctx.interaction.uid, routed.idp, email, routed.domain));
    if (email && !password) return showLogin(ctx, email);
    if (!email) return showLogin(ctx, email, { field: 'email', message: text(ctx.lang, 'error.email') });
    // The challenge endpoint's password sign-in: same limiter, same dummy hash for unknown emails, same answers.
    const started = await startFlow(ctx, 'signin', { username: email });
    const session = findFlow(ctx, typeof started.body.auth_session === 'string' ? started.body.auth_session : null);
    const reply = session ? await runFlow(flowContext(ctx), new URLSearchParams({ password }), session) : started;
    if (finished(ctx, reply)) return;
    return showLogin(ctx, email, { field: 'form', message: refusal(ctx, reply) }, reply.status === 429 ? 429 : 200);
  }

  async function postRegister(ctx: Ctx): Promise<void> {
    const form = await readForm(ctx.req);
    const name = (form.get('name') ?? '').trim();
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    const again = (error: FieldError, status = 200) => showRegister(ctx, { name, email }, error, status);

    // The form asks for a name; the flow also takes none (the element's sign-up has it optional).
    if (!name) return again({ field: 'name', message: text(ctx.lang, 'error.name') });
    // The challenge endpoint's sign-up: the shared password policy, a code to the address (or,
    // for an address that has an account, a notice instead), the same answer either way.
    const reply = await startFlow(ctx, 'signup', { email, name, password });
    const authSession = reply.body.auth_session;
    if (reply.body.code_sent === true && typeof authSession === 'string') return showVerify(ctx, email, authSession);
    const field =
      reply.body.reason === 'invalid_email'
        ? 'email'
        : reply.body.reason === 'invalid_name'
          ? 'name'
          : reply.body.reason === 'weak_password'
            ? 'password'
            : 'form';
    return again({ field, message: refusal(ctx, reply) }, reply.status === 429 ? 429 : 200);
  }

  /** The code from the sign-up email (or a new one): the flow's next step. */
  async function postVerify(ctx: Ctx): Promise<void> {
    const form = await readForm(ctx.req);
    const session = findFlow(ctx, form.get('auth_session'));
    if (!session || session.state.flow !== 'signup') {
      return showRegister(ctx, { name: '', email: '' }, { field: 'form', message: text(ctx.lang, 'error.signUpExpired') });
    }
    const email = session.state.identifier;
    const resend = form.get('method') === 'resend';
    const reply = await runFlow(
      flowContext(ctx),
      resend ? new URLSearchParams({ method: 'resend' }) : new URLSearchParams({ code: (form.get('code') ?? '').trim() }),
      session,
    );
    if (finished(ctx, reply)) return;
    if (resend && reply.body.code_sent === true) return showVerify(ctx, email, session.value, undefined, true);
    return showVerify(ctx, email, session.value, refusal(ctx, reply), false, reply.status === 429 ? 429 : 200);
  }

  /**
   * "Allow": a grant of what the user left ticked (the required scopes always), the rest rejected so the
   * provider does not ask again for them; remembered beyond this session (consents.ts). Answers the
   * provider's resume URL, where the browser goes on.
   */
  async function allow(ctx: Ctx, chosen: readonly string[]): Promise<string> {
    const { interaction } = ctx;
    const accountId = interaction.session?.accountId;
    if (!accountId) throw new HttpError(400, 'There is no signed-in user for this request.');
    if (interaction.prompt.name !== 'consent') throw new HttpError(400, 'Nothing to confirm for this request.');
    const wanted = new Set(chosen);
    const requested = requestedScopes(interaction);
    const granted = requested.filter((s) => s.required || wanted.has(s.scope)).map((s) => s.scope);
    const declined = requested.filter((s) => !granted.includes(s.scope)).map((s) => s.scope);

    // A fresh grant per decision: what was unticked now is not carried over from an earlier "Allow".
    const grant = new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
    grant.addOIDCScope(granted.join(' '));
    if (declined.length) grant.rejectOIDCScope(declined.join(' '));
    const { details } = interaction.prompt;
    if (Array.isArray(details.missingOIDCClaims)) grant.addOIDCClaims(details.missingOIDCClaims as string[]);
    const resourceScopes = (details.missingResourceScopes ?? {}) as Record<string, string[]>;
    for (const [indicator, scopes] of Object.entries(resourceScopes)) {
      grant.addResourceScope(indicator, scopes.filter((scope) => granted.includes(scope)).join(' '));
    }
    const grantId = await grant.save();
    db.consents.remember(grant);
    // Merge with the earlier login/create result: on resume the provider
    // re-checks every prompt against the combined result.
    return provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  function deny(ctx: Ctx): Promise<string> {
    return provider.interactionResult(
      ctx.req,
      ctx.res,
      { error: 'access_denied', error_description: 'The user denied access.' },
      { mergeWithLastSubmission: false },
    );
  }

  /** The consent page's form (no JavaScript): the ticked scopes, then on to the provider. */
  async function postConfirm(ctx: Ctx): Promise<void> {
    const form = await readForm(ctx.req);
    redirect(ctx.res, await allow(ctx, form.getAll('scope')));
  }

  /** <ciam-consent mode="hosted">: the same answer as JSON, `{ redirect_to }` where the element goes on. */
  async function postConsent(ctx: Ctx): Promise<void> {
    const form = await readForm(ctx.req);
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny') throw new HttpError(400, 'decision must be allow or deny.');
    const redirectTo = decision === 'allow' ? await allow(ctx, form.getAll('scope')) : await deny(ctx);
    sendJson(ctx.res, 200, { redirect_to: redirectTo });
  }

  async function dispatch(ctx: Ctx, action: string | undefined, method: string): Promise<void> {
    const prompt = ctx.interaction.prompt.name;
    if (action === 'abort') return redirect(ctx.res, await deny(ctx));
    if (action === 'confirm') return postConfirm(ctx);
    if (action === 'consent') return postConsent(ctx);
    if (action === 'login' || action === 'register' || action === 'verify') {
      // Sign-in and registration only make sense while nobody is signed in
      // for this request yet; otherwise show whatever the prompt needs.
      if (prompt !== 'login' && prompt !== 'create') return redirect(ctx.res, ctx.base);
      if (action === 'verify') return method === 'POST' ? postVerify(ctx) : redirect(ctx.res, `${ctx.base}/register`);
      if (method === 'POST') return action === 'login' ? postLogin(ctx) : postRegister(ctx);
      if (action === 'login') return showLogin(ctx, param(ctx.interaction, 'login_hint'));
      return showRegister(ctx, { name: '', email: param(ctx.interaction, 'login_hint') });
    }
    return showPrompt(ctx);
  }

  return async function handle(req, res, path) {
    const match = ROUTE.exec(path);
    if (!match) return false;
    const [, uid, action] = match as unknown as [string, string, string | undefined];
    const method = req.method ?? 'GET';
    const allowed = action === 'confirm' || action === 'abort' || action === 'consent' ? ['POST'] : action ? ['GET', 'POST'] : ['GET'];
    if (!allowed.includes(method)) {
      res.writeHead(405, { Allow: allowed.join(', ') }).end();
      return true;
    }
    // The element's JSON endpoint: answers in JSON, and only to the OP's own pages.
    const json = action === 'consent';
    if (json && (!hosted || isCrossOrigin(req, hosted.issuer))) {
      sendJson(res, 403, { error: 'invalid_request', error_description: 'Cross-origin requests are not allowed here.' });
      return true;
    }

    try {
      const interaction = await provider.interactionDetails(req, res);
      // The interaction cookie decides which request we act on; a URL for a
      // different (older) interaction must not resolve this one.
      if (interaction.uid !== uid) {
        throw new HttpError(400, 'This sign-in page is out of date. Go back to the app and try again.');
      }
      const clientId = param(interaction, 'client_id');
      const base = `/interaction/${uid}`;
      const lang = pickLang(param(interaction, 'ui_locales'));
      await dispatch({ req, res, interaction, base, clientName: clientNames[clientId] ?? clientId, lang }, action, method);
    } catch (err) {
      if (!json) renderFailure(res, err);
      else if (!res.headersSent) {
        const reply = jsonFailure(err, 'consent');
        sendJson(res, reply.status, reply.body);
      }
    }
    return true;
  };
}

/** A string parameter of the authorization request, '' when absent (the provider types them all as unknown). */
function param(interaction: Interaction, name: string): string {
  const value = interaction.params[name];
  return typeof value === 'string' ? value : '';
}

function renderFailure(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return;
  if (err instanceof HttpError) {
    sendHtml(res, err.status, errorPage('invalid_request', err.message));
    return;
  }
  // oidc-provider throws SessionNotFound when the interaction cookie or the
  // stored interaction is gone (expired, already used, other browser).
  if ((err as { name?: string }).name === 'SessionNotFound') {
    sendHtml(res, 400, errorPage('session_not_found', 'This sign-in request has expired or was already completed.'));
    return;
  }
  console.error('[demo-op] interaction error', err);
  sendHtml(res, 500, errorPage('server_error', 'Something went wrong on our side.'));
}

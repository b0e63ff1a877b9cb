/**
 * Demo ID as a relying party of upstream IdPs ("Continue with Social ID",
 * company SSO), and what their identities mean for our accounts.
 *
 *   GET  /interaction/:uid/federate/:idp   to the upstream (from the login page, an `idp` or
 *                                          `domain_hint` hint, or a routed email)
 *   GET  /federation/callback              back from it: state, code exchange, ID token checks
 *   GET|POST /interaction/:uid/federated   the account decision, and the proof step before linking
 *   GET|POST /federation/link/:token       linking from the app (connections-api.ts): GET asks, POST goes on
 *   GET|POST /federation/unlink/:token     "this wasn't me" from the notice email
 *
 * Accounts are found by the upstream's issuer + subject, never by email. An
 * email only decides between creating an account (nobody has it) and asking
 * the owner of the account that has it to prove it's them before linking;
 * an email the upstream did not vouch for does neither.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, Provider } from 'oidc-provider';
import { revokeAccount } from './adapter.js';
import type { Flows } from './challenge-flows.js';
import type { OpDb } from './db.js';
import { connectCodeMail, connectedMail } from './emails.js';
import { HttpError, readForm, redirect, sendHtml } from './http.js';
import { langFromHeader, pickLang, text } from './locales.js';
import type { Lang } from './locales.js';
import { CODE_MINUTES, RESEND_AFTER_S, checkOneTimeCode, generateCode } from './one-time-code.js';
import type { OneTimeCode } from './one-time-code.js';
import { createRouter, emailVerifiedBy } from './routing.js';
import type { Router } from './routing.js';
import { UpstreamError, createUpstreamClient, randomValue, sha256 } from './upstream-client.js';
import type { UpstreamClient, UpstreamConfig, UpstreamIdentity } from './upstream-client.js';
import { EmailTakenError } from './users.js';
import type { User } from './users.js';
import { errorPage, linkPage, proofPage, refusedPage, unlinkPage, unlinkedPage } from './views.js';

export type { UpstreamConfig } from './upstream-client.js';

export const CALLBACK_PATH = '/federation/callback';
/** A round trip to the upstream, and a verified identity waiting in its interaction. */
const REQUEST_TTL_MS = 10 * 60 * 1000;
/** Link URLs from the connections API. */
export const LINK_TOKEN_TTL_MS = 5 * 60 * 1000;
const UNLINK_TOKEN_DAYS = 7;
const SIGN_IN_PROMPTS = new Set(['login', 'create']);
const INTERACTION_ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)\/(?:federate\/([A-Za-z0-9_-]{1,64})|federated)$/;
// Tokens are 32 random bytes, base64url.
const TOKEN_ROUTE = /^\/federation\/(link|unlink)\/([A-Za-z0-9_-]{43})$/;

type Target = { kind: 'signin'; uid: string } | { kind: 'link'; userId: string; returnTo: string };

/** What a state value stands for, kept server-side. */
interface RoundTrip {
  provider: string;
  nonce: string;
  codeVerifier: string;
  /** SHA-256 of the browser-binding cookie set when the round trip started. */
  binding: string;
  target: Target;
}

/** A verified identity in its interaction; `proof` once it waits for the existing account's owner. */
interface Pending {
  provider: string;
  identity: UpstreamIdentity;
  proof?: { userId: string; code?: OneTimeCode; sentAt?: number };
}

export interface LinkTokenData {
  provider: string;
  returnTo: string;
}

interface UnlinkTokenData {
  identityId: string;
  provider: string;
}

export interface Federation {
  /** Every upstream, for the connections API. */
  readonly providers: { id: string; name: string; kind: 'social' | 'enterprise' }[];
  /** The upstream an email's domain is routed to. */
  readonly route: Router;
  upstream(id: string): UpstreamConfig | undefined;
  /** Where a sign-in interaction goes to federate with `idp` (a path on the OP). */
  startPath(uid: string, idp: string, loginHint?: string, domainHint?: string): string;
  /** The upstream an interaction's request asks for (`idp`, else a routed `domain_hint`), unless it has been there already. */
  hinted(interaction: Interaction): string | undefined;
  /** The "connected" notice to the account, with its single-use "this wasn't me" link. */
  notifyConnected(user: User, identityId: string, provider: string): void;
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

export function createFederation(options: {
  provider: Provider;
  db: OpDb;
  flows: Flows;
  issuer: string;
  upstreams: UpstreamConfig[];
  domainRoutes: Record<string, string>;
  clientNames: Record<string, string>;
}): Federation {
  const { provider, db, flows, issuer } = options;
  const store = db.federation;
  const clients = new Map<string, UpstreamClient>();
  for (const config of options.upstreams) {
    if (clients.has(config.id)) throw new Error(`two upstreams with id "${config.id}"`);
    clients.set(config.id, createUpstreamClient(config));
  }
  const route = createRouter(options.domainRoutes, clients.keys());
  const redirectUri = new URL(CALLBACK_PATH, issuer).href;

  // ---- to the upstream ----

  async function toUpstream(req: IncomingMessage, res: ServerResponse, client: UpstreamClient, target: Target, loginHint?: string): Promise<void> {
    const state = randomValue();
    const binding = randomValue();
    const trip: RoundTrip = { provider: client.config.id, nonce: randomValue(), codeVerifier: randomValue(), binding: sha256(binding), target };
    let url: URL;
    try {
      url = await client.authorizationUrl({
        redirectUri,
        state,
        nonce: trip.nonce,
        codeVerifier: trip.codeVerifier,
        loginHint,
        // Linking: let the person pick the upstream account, not whoever is signed in there.
        ...(target.kind === 'link' ? { prompt: 'login' } : {}),
      });
    } catch (err) {
      console.error(`[demo-op] upstream ${client.config.id} unavailable`, err);
      return sendHtml(
        res,
        502,
        errorPage('temporarily_unavailable', text(reqLang(req), 'federation.unavailable', { provider: client.config.name }), reqLang(req)),
      );
    }
    store.createRequest(state, target.kind === 'signin' ? target.uid : null, trip, REQUEST_TTL_MS);
    // Binds the state to this browser: a callback URL planted in another browser (login CSRF) finds no cookie.
    res.writeHead(303, {
      Location: url.href,
      'Set-Cookie': `${bindingCookie(state)}=${binding}; Path=${CALLBACK_PATH}; Max-Age=${REQUEST_TTL_MS / 1000}; HttpOnly; SameSite=Lax`,
      'Cache-Control': 'no-store',
      'Content-Length': '0',
    });
    res.end();
  }

  // ---- back from it ----

  async function callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const lang = reqLang(req);
    const state = url.searchParams.get('state');
    const trip = state ? store.consumeRequest<RoundTrip>(state) : undefined;
    // Unknown, expired or replayed: nothing to go back to.
    if (!state || !trip) return sendHtml(res, 400, errorPage('invalid_request', text(lang, 'federation.expired'), lang));
    res.setHeader('Set-Cookie', `${bindingCookie(state)}=; Path=${CALLBACK_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`);
    const binding = cookie(req, bindingCookie(state));
    if (!binding || sha256(binding) !== trip.binding) {
      return sendHtml(res, 400, errorPage('invalid_request', text(lang, 'federation.otherBrowser'), lang));
    }
    const client = clients.get(trip.provider);
    if (!client) return sendHtml(res, 400, errorPage('invalid_request', text(lang, 'federation.expired'), lang));
    const { target } = trip;

    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    let identity: UpstreamIdentity | undefined;
    if (!error && code) {
      try {
        identity = await client.exchange({ code, redirectUri, codeVerifier: trip.codeVerifier, nonce: trip.nonce, iss: url.searchParams.get('iss') });
      } catch (err) {
        if (!(err instanceof UpstreamError)) throw err;
        console.error(`[demo-op] ${client.config.id} answer refused: ${err.message}`);
      }
    }

    if (target.kind === 'link') {
      const outcome = identity ? linkFromApp(target.userId, client.config, identity) : error ? 'access_denied' : 'invalid_response';
      return redirect(res, backToApp(target.returnTo, client.config.id, outcome));
    }
    // Cancelled (or refused) at the upstream: back to our sign-in page, which offers the other ways.
    if (error) return redirect(res, `/interaction/${target.uid}`);
    if (!identity) {
      return sendHtml(res, 400, errorPage('invalid_response', text(lang, 'federation.failed', { provider: client.config.name }), lang));
    }
    store.savePending<Pending>(target.uid, { provider: client.config.id, identity }, Date.now() + REQUEST_TTL_MS);
    // The interaction cookie (path /interaction/<uid>) only comes along there.
    redirect(res, `/interaction/${target.uid}/federated`);
  }

  /** Links an identity to the signed-in user who asked for it; the outcome for the app's return URL. */
  function linkFromApp(userId: string, config: UpstreamConfig, identity: UpstreamIdentity): 'linked' | 'already_linked' | 'invalid_request' {
    const user = db.users.findById(userId);
    if (!user) return 'invalid_request';
    const result = store.link({ userId, issuer: identity.issuer, subject: identity.subject, providerId: config.id, email: identity.email });
    // Someone else's upstream identity is never moved over; one already ours is fine.
    if ('taken' in result) return result.taken.userId === userId ? 'linked' : 'already_linked';
    notifyConnected(user, result.linked.id, config.name);
    return 'linked';
  }

  function notifyConnected(user: User, identityId: string, provider: string): void {
    const token = store.createToken<UnlinkTokenData>('unlink', user.id, { identityId, provider }, UNLINK_TOKEN_DAYS * 24 * 60 * 60 * 1000);
    db.mails.send({ to: user.email, ...connectedMail(provider, new URL(`/federation/unlink/${token}`, issuer).href, UNLINK_TOKEN_DAYS) });
  }

  // ---- in the interaction ----

  interface Ctx {
    req: IncomingMessage;
    res: ServerResponse;
    interaction: Interaction;
    base: string;
    lang: Lang;
  }

  async function finish(ctx: Ctx, accountId: string, amr: string[], registered: boolean): Promise<void> {
    // prompt=create is settled by its own result key (prompts.ts), as the other sign-in pages do.
    const create = ctx.interaction.prompt.name === 'create' ? { create: { accountId, registered } } : {};
    const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId, amr }, ...create }, { mergeWithLastSubmission: false });
    redirect(ctx.res, to);
  }

  /** GET /interaction/:uid/federated: what the verified identity means here. */
  async function decide(ctx: Ctx): Promise<void> {
    const uid = ctx.interaction.uid;
    const pending = store.findPending<Pending>(uid);
    const config = pending && clients.get(pending.provider)?.config;
    if (!pending || !config) return redirect(ctx.res, ctx.base);
    if (pending.proof) return showProof(ctx, pending, config);
    const { identity } = pending;

    const known = store.findBySubject(identity.issuer, identity.subject);
    if (known && db.users.findById(known.userId)) {
      if (!store.dropPending(uid)) return redirect(ctx.res, ctx.base);
      return finish(ctx, known.userId, ['fed'], false);
    }
    if (!identity.email || !emailVerifiedBy(config, identity, route)) {
      // The same page whether or not an account has this email: it reveals nothing.
      store.dropPending(uid);
      const clientName = options.clientNames[String(ctx.interaction.params.client_id)] ?? String(ctx.interaction.params.client_id);
      return sendHtml(ctx.res, 200, refusedPage({ base: ctx.base, provider: config.name, clientName, lang: ctx.lang }));
    }
    const existing = db.users.findByEmail(identity.email);
    if (existing) {
      // The upstream vouches for the email, but that is not the account owner saying yes: ask them.
      pending.proof = { userId: existing.id };
      store.savePending(uid, pending, Date.now() + REQUEST_TTL_MS);
      return showProof(ctx, pending, config);
    }
    if (!store.dropPending(uid)) return redirect(ctx.res, ctx.base);
    let user: User;
    try {
      // Passwordless; the email is verified (only verified emails get this far).
      user = db.users.createWithHash({ email: identity.email, name: identity.name ?? '', passwordHash: '', emailVerified: true });
    } catch (err) {
      if (!(err instanceof EmailTakenError)) throw err;
      // Registered a moment ago by someone else: ask for proof like any existing account.
      store.savePending<Pending>(uid, { ...pending, proof: { userId: db.users.findByEmail(identity.email)!.id } }, Date.now() + REQUEST_TTL_MS);
      return redirect(ctx.res, `${ctx.base}/federated`);
    }
    const linked = store.link({ userId: user.id, issuer: identity.issuer, subject: identity.subject, providerId: config.id, email: identity.email });
    // A racing callback linked this identity first: sign in where it belongs.
    const accountId = 'taken' in linked ? linked.taken.userId : user.id;
    return finish(ctx, accountId, ['fed'], accountId === user.id);
  }

  function showProof(ctx: Ctx, pending: Pending, config: UpstreamConfig, error?: string, status = 200): void {
    const user = pending.proof && db.users.findById(pending.proof.userId);
    if (!user) throw new HttpError(400, 'This sign-in request has expired.');
    sendHtml(
      ctx.res,
      status,
      proofPage({
        base: ctx.base,
        provider: config.name,
        email: user.email,
        hasPassword: user.hasPassword,
        codeSent: pending.proof?.code !== undefined,
        error,
        lang: ctx.lang,
      }),
    );
  }

  /** POST /interaction/:uid/federated: the owner proves it's them (password or emailed code), then we link. */
  async function prove(ctx: Ctx): Promise<void> {
    const uid = ctx.interaction.uid;
    const form = await readForm(ctx.req);
    const pending = store.findPending<Pending>(uid);
    const config = pending && clients.get(pending.provider)?.config;
    const proof = pending?.proof;
    const user = proof && db.users.findById(proof.userId);
    if (!pending || !config || !proof || !user) return redirect(ctx.res, ctx.base);
    const ip = ctx.req.socket.remoteAddress ?? 'unknown';
    // The challenge endpoint's counters, keyed by the account's email: a guess here is a guess there.
    const identifier = user.email;
    const again = (key: Parameters<typeof text>[1], params: Record<string, string> = {}, status = 200) =>
      showProof(ctx, pending, config, text(ctx.lang, key, params), status);
    const tooMany = (seconds: number) => again('proof.tooMany', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) }, 429);

    const password = form.get('password');
    const code = form.get('code');
    if (form.get('method') === 'email_code') {
      const now = Date.now();
      if (proof.sentAt !== undefined && now - proof.sentAt < RESEND_AFTER_S * 1000) {
        return again('proof.resendWait', { seconds: String(Math.ceil((proof.sentAt + RESEND_AFTER_S * 1000 - now) / 1000)) }, 429);
      }
      const wait = flows.sends.retryAfter(ip, identifier);
      if (wait) return tooMany(wait);
      flows.sends.hit(ip, identifier);
      const fresh = generateCode(now);
      proof.code = fresh.record;
      proof.sentAt = now;
      store.savePending(uid, pending, now + REQUEST_TTL_MS);
      db.mails.send({ to: user.email, ...connectCodeMail(fresh.code, CODE_MINUTES, config.name) });
      return showProof(ctx, pending, config);
    }
    let amr: string;
    if (code !== null && proof.code) {
      const reserved = flows.attempts.reserve(ip, identifier, Date.now(), { perAccount: false });
      if (!reserved.ok) return tooMany(reserved.retryAfterSeconds);
      const checked = checkOneTimeCode(proof.code, code.trim());
      if (checked !== 'ok') {
        if (checked === 'wrong') reserved.ticket.fail();
        else reserved.ticket.release();
        store.savePending(uid, pending, Date.now() + REQUEST_TTL_MS);
        return again(checked === 'expired' ? 'proof.codeExpired' : 'proof.wrongCode');
      }
      reserved.ticket.succeed();
      amr = 'otp';
    } else if (password !== null) {
      // Reserved before the hash, so parallel guesses count at once (rate-limit.ts).
      const reserved = flows.attempts.reserve(ip, identifier);
      if (!reserved.ok) return tooMany(reserved.retryAfterSeconds);
      const signedIn = await db.users.verifyCredentials(user.email, password).catch((err: unknown) => {
        reserved.ticket.release();
        throw err;
      });
      if (signedIn?.id !== user.id) {
        reserved.ticket.fail();
        return again('proof.wrongPassword');
      }
      reserved.ticket.succeed();
      amr = 'pwd';
    } else {
      return showProof(ctx, pending, config);
    }

    // Proven. Two racing submissions link once.
    if (!store.dropPending(uid)) return redirect(ctx.res, ctx.base);
    // A code proves the address; on an account whose address was never verified, whatever credentials it has were
    // set by whoever created it, maybe not the owner (pre-hijacking): they go, and its sessions end.
    if (amr === 'otp' && db.users.claimUnverified(user.id)) {
      for (const passkey of db.passkeys.listByUser(user.id)) db.passkeys.remove(user.id, passkey.id, true);
      revokeAccount(db.sqlite, user.id, { keepInteraction: uid });
    }
    const { identity } = pending;
    const result = store.link({ userId: user.id, issuer: identity.issuer, subject: identity.subject, providerId: config.id, email: identity.email });
    if ('linked' in result) notifyConnected(user, result.linked.id, config.name);
    // Taken meanwhile by another account: sign in where it belongs (it was never moved).
    const accountId = 'taken' in result ? result.taken.userId : user.id;
    return finish(ctx, accountId, ['fed', amr], false);
  }

  async function interactionRoute(req: IncomingMessage, res: ServerResponse, uid: string, idp: string | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    const allowed = idp ? ['GET'] : ['GET', 'POST'];
    if (!allowed.includes(method)) {
      res.writeHead(405, { Allow: allowed.join(', ') }).end();
      return;
    }
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) throw new HttpError(400, 'This sign-in page is out of date. Go back to the app and try again.');
    const base = `/interaction/${uid}`;
    // Only while someone is to be signed in; otherwise whatever the interaction needs next.
    if (!SIGN_IN_PROMPTS.has(interaction.prompt.name)) return redirect(res, base);
    const ctx: Ctx = { req, res, interaction, base, lang: pickLang(interaction.params.ui_locales) };
    if (idp !== undefined) {
      const client = clients.get(idp);
      // An unknown id is just the normal sign-in page: no error tells ids apart.
      if (!client) return redirect(res, base);
      const url = new URL(req.url ?? '/', issuer);
      const hint = url.searchParams.get('login_hint') ?? (typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : '');
      return toUpstream(req, res, client, { kind: 'signin', uid }, hint.slice(0, 254) || undefined);
    }
    return method === 'POST' ? prove(ctx) : decide(ctx);
  }

  // ---- links from the app and from the notice email ----

  async function tokenRoute(req: IncomingMessage, res: ServerResponse, kind: 'link' | 'unlink', token: string): Promise<void> {
    const lang = reqLang(req);
    const expired = () => sendHtml(res, 400, errorPage('invalid_request', text(lang, 'federation.expired'), lang));
    if (kind === 'link') {
      if (req.method !== 'GET' && req.method !== 'POST') return void res.writeHead(405, { Allow: 'GET, POST' }).end();
      // GET asks first, naming the account: a link URL passed to someone else must not tie their upstream account to it.
      const found = req.method === 'GET' ? store.peekToken<LinkTokenData>('link', token) : store.consumeToken<LinkTokenData>('link', token);
      const client = found && clients.get(found.data.provider);
      const user = found && db.users.findById(found.userId);
      if (!found || !client || !user) return expired();
      if (req.method === 'GET') {
        const cancel = backToApp(found.data.returnTo, found.data.provider, 'access_denied');
        return sendHtml(res, 200, linkPage({ action: `/federation/link/${token}`, cancel, provider: client.config.name, email: user.email, lang }));
      }
      return toUpstream(req, res, client, { kind: 'link', userId: found.userId, returnTo: found.data.returnTo });
    }
    if (req.method !== 'GET' && req.method !== 'POST') return void res.writeHead(405, { Allow: 'GET, POST' }).end();
    // GET only asks (mail scanners and link previews open links); POST acts.
    if (req.method === 'GET') {
      const found = store.peekToken<UnlinkTokenData>('unlink', token);
      const user = found && db.users.findById(found.userId);
      if (!found || !user) return expired();
      return sendHtml(res, 200, unlinkPage({ action: `/federation/unlink/${token}`, provider: found.data.provider, email: user.email, lang }));
    }
    const found = store.consumeToken<UnlinkTokenData>('unlink', token);
    if (!found) return expired();
    store.unlink(found.userId, found.data.identityId);
    // We cannot tell which sessions came in through that link, so all of the account's end.
    revokeAccount(db.sqlite, found.userId);
    flows.sessions.dropAccount(found.userId);
    sendHtml(res, 200, unlinkedPage({ provider: found.data.provider, lang }));
  }

  return {
    providers: options.upstreams.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    route,
    upstream: (id) => clients.get(id)?.config,
    startPath(uid, idp, loginHint, domainHint) {
      const query = new URLSearchParams({ ...(loginHint ? { login_hint: loginHint } : {}), ...(domainHint ? { domain_hint: domainHint } : {}) }).toString();
      return `/interaction/${uid}/federate/${idp}${query ? `?${query}` : ''}`;
    },
    hinted(interaction) {
      const { idp, domain_hint: domainHint } = interaction.params;
      const wanted = typeof idp === 'string' && clients.has(idp) ? idp : typeof domainHint === 'string' ? route(`@${domainHint}`)?.idp : undefined;
      // Once per interaction: coming back (cancelled there) shows our page instead of going round again.
      return wanted && !store.hasRequestFor(interaction.uid) ? wanted : undefined;
    },
    notifyConnected,
    async handle(req, res, path) {
      if (path === CALLBACK_PATH) {
        if (req.method !== 'GET') {
          res.writeHead(405, { Allow: 'GET' }).end();
          return true;
        }
        await callback(req, res);
        return true;
      }
      const token = TOKEN_ROUTE.exec(path);
      if (token) {
        await tokenRoute(req, res, token[1] as 'link' | 'unlink', token[2]);
        return true;
      }
      const match = INTERACTION_ROUTE.exec(path);
      if (!match) return false;
      try {
        await interactionRoute(req, res, match[1], match[2]);
      } catch (err) {
        interactionFailure(res, err);
      }
      return true;
    },
  };
}

/** The app's return URL with `linked=<provider>` or `link_error=<code>`. */
function backToApp(returnTo: string, provider: string, outcome: string): string {
  const url = new URL(returnTo);
  if (outcome === 'linked') url.searchParams.set('linked', provider);
  else url.searchParams.set('link_error', outcome);
  return url.href;
}

/** One cookie per round trip, so two tabs federating at once do not overwrite each other's. */
function bindingCookie(state: string): string {
  return `fed_${sha256(state).slice(0, 16)}`;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function reqLang(req: IncomingMessage): Lang {
  return langFromHeader(req.headers['accept-language']);
}

function interactionFailure(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return;
  if (err instanceof HttpError) return sendHtml(res, err.status, errorPage('invalid_request', err.message));
  if ((err as { name?: string }).name === 'SessionNotFound') {
    return sendHtml(res, 400, errorPage('session_not_found', 'This sign-in request has expired or was already completed.'));
  }
  console.error('[demo-op] federation error', err);
  sendHtml(res, 500, errorPage('server_error', 'Something went wrong on our side.'));
}

/**
 * The demo's backend-for-frontend (OAuth 2.0 for Browser-Based Apps §6.1):
 * a confidential client of the demo OP that runs the code flow itself and
 * keeps the tokens in memory on the server; the browser gets only an
 * httpOnly, Secure, SameSite=Strict session cookie (`__Host-bff`). The page
 * (<ciam-login bff="/bff">, client/bff-client.ts) reaches it on its own
 * origin through the app server's proxy:
 *
 *   GET  /bff/login?returnTo&prompt&login_hint&idp&max_age&acr_values&ui_locales → the OP
 *   GET  /bff/callback                     ← the OP; then back to returnTo (same origin only), with
 *                                            `bff_error=<code>` when the sign-in did not finish
 *   GET  /bff/user                         → { claims, expires_at } or 401; never a token
 *   POST /bff/logout                       → tokens revoked; { end_session_url }
 *   *    /bff/api/<path>                   → the OP's /api/<path> with the access token added
 *   GET  /bff/events                       → server-sent events: `session-ended` when the OP ends it
 *   POST /bff/backchannel-logout           ← the OP (OIDC Back-Channel Logout 1.0): a logout token
 *
 * A session ended at the OP (its sign-out page, another device's list) is
 * told to the BFF with a signed logout token naming its `sid`; the BFF drops
 * that session and ends the page's event stream with `session-ended`, which
 * <ciam-session events="/bff/events"> turns into a sign-out in every tab.
 *
 * CSRF: every route but the two navigations needs `X-CSRF: 1` (a header a
 * cross-site page cannot send without a CORS preflight, which is never
 * granted here) and, when the browser sends one, the app's Origin; the
 * cookie is SameSite=Strict too. Development only: one process, sessions
 * in memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OAuthErrorCodes } from '../../src/core/oauth-codes.js';
import { sendJson, sessionEndStream } from '../op/http.js';
import { ALGORITHMS, basicAuthorization, fetchMetadata, randomValue, sha256, tokenEndpoint, verifiedClaims, type Metadata } from '../op/upstream-client.js';

export interface BffOptions {
  port: number;
  /** The OP. */
  issuer: string;
  /** Where the pages are (the BFF is reached through the app server at `${appOrigin}/bff`). */
  appOrigin: string;
  client: { id: string; secret: string };
  scope?: string;
}

export interface RunningBff {
  url: string;
  close(): Promise<void>;
}

interface Session {
  accessToken: string;
  refreshToken?: string;
  idToken: string;
  /** Epoch seconds. */
  expiresAt: number;
  claims: Record<string, unknown>;
  /** A refresh under way, so two calls at once do not use one refresh token twice. */
  refreshing?: Promise<void>;
  /** The page's event streams, told when the OP ends this session. */
  listeners: Set<() => void>;
}

const COOKIE = '__Host-bff';
const PENDING_TTL_MS = 10 * 60_000;
const MAX_SESSIONS = 10_000;
const TIMEOUT_MS = 10_000;
/** Renewed before a proxied call when it has less left than this. */
const RENEW_BEFORE_SECONDS = 30;
/** OIDC Back-Channel Logout 1.0 §2.4: the event a logout token must carry. */
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused; its jti is remembered as long. */
const LOGOUT_TOKEN_MAX_AGE_S = 120;

export async function startBff(options: BffOptions): Promise<RunningBff> {
  const client = { clientId: options.client.id, clientSecret: options.client.secret };
  const redirectUri = `${options.appOrigin}/bff/callback`;
  const pending = new Map<string, { nonce: string; verifier: string; returnTo: string; at: number }>();
  const sessions = new Map<string, Session>();
  /** Logout tokens' jti → when it may be forgotten (a token is used once). */
  const usedLogoutTokens = new Map<string, number>();
  let discovered: Promise<{ meta: Metadata; keys: JWTVerifyGetKey }> | undefined;
  const discover = () => {
    discovered ??= fetchMetadata(options.issuer).then((meta) => ({ meta, keys: createRemoteJWKSet(new URL(meta.jwks_uri)) }));
    discovered.catch(() => (discovered = undefined));
    return discovered;
  };

  function sessionOf(req: IncomingMessage): [string, Session] | null {
    const id = new RegExp(`(?:^|;\\s*)${COOKIE.replace('-', '\\-')}=([\\w-]+)`).exec(req.headers.cookie ?? '')?.[1];
    const session = id ? sessions.get(sha256(id)) : undefined;
    return id && session ? [sha256(id), session] : null;
  }

  async function login(url: URL, res: ServerResponse) {
    const { meta } = await discover();
    for (const [state, p] of pending) if (Date.now() - p.at > PENDING_TTL_MS) pending.delete(state);
    const state = randomValue();
    const nonce = randomValue();
    const verifier = randomValue();
    pending.set(state, { nonce, verifier, returnTo: sameOriginPath(url.searchParams.get('returnTo')), at: Date.now() });
    const target = new URL(meta.authorization_endpoint);
    target.search = new URLSearchParams({
      client_id: client.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: options.scope ?? 'openid profile email',
      state,
      nonce,
      code_challenge: sha256(verifier),
      code_challenge_method: 'S256',
    }).toString();
    for (const name of ['prompt', 'login_hint', 'idp', 'max_age', 'acr_values', 'ui_locales']) {
      const value = url.searchParams.get(name);
      if (value) target.searchParams.set(name, value);
    }
    redirect(res, target.href);
  }

  /**
   * Back to the page in every case: signed in, or with `bff_error=<code>`, a fixed code the page shows (never the
   * OP's error_description, which the OP words as it likes).
   */
  async function callback(url: URL, res: ServerResponse) {
    const state = url.searchParams.get('state') ?? '';
    const request = pending.get(state);
    pending.delete(state);
    // Expired, used or forged: no way back to where it began, so the BFF's own page says so.
    if (!request) return failed(res, sameOriginPath(null), 'invalid_state');
    // Cancelled or denied at the OP (access_denied: the page stays quiet), or another OAuth error the page knows.
    const refused = url.searchParams.get('error');
    if (refused) return failed(res, request.returnTo, (OAuthErrorCodes as readonly string[]).includes(refused) ? refused : 'server_error');
    const { meta, keys } = await discover();
    // RFC 9207: the answer must come from our OP.
    if (url.searchParams.get('iss') !== meta.issuer) return failed(res, request.returnTo, 'invalid_id_token');
    const notFinished = (error: unknown, code: 'server_error' | 'invalid_id_token') => {
      console.error('[demo-bff] sign-in not finished:', error);
      failed(res, request.returnTo, code);
    };
    let tokens: Record<string, unknown>;
    try {
      tokens = await tokenEndpoint(meta, client, {
        grant_type: 'authorization_code',
        code: url.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: request.verifier,
      });
    } catch (error) {
      return notFinished(error, 'server_error');
    }
    const idToken = tokens.id_token;
    if (typeof idToken !== 'string' || typeof tokens.access_token !== 'string') return notFinished('token response without tokens', 'server_error');
    let claims: Record<string, unknown>;
    try {
      claims = await verifiedClaims(idToken, { issuer: meta.issuer, clientId: client.clientId, nonce: request.nonce, keys });
    } catch (error) {
      return notFinished(error, 'invalid_id_token');
    }
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const id = randomValue();
    sessions.set(sha256(id), { ...read(tokens), idToken, claims, listeners: new Set() });
    res.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    redirect(res, request.returnTo);
  }

  /** The access token with some life left; renewed (refresh tokens rotate) one call at a time. */
  async function fresh(session: Session): Promise<string> {
    if (session.expiresAt - Date.now() / 1000 > RENEW_BEFORE_SECONDS || !session.refreshToken) return session.accessToken;
    session.refreshing ??= (async () => {
      const { meta } = await discover();
      const tokens = await tokenEndpoint(meta, client, { grant_type: 'refresh_token', refresh_token: session.refreshToken! });
      Object.assign(session, read(tokens));
    })().finally(() => (session.refreshing = undefined));
    await session.refreshing;
    return session.accessToken;
  }

  async function proxy(req: IncomingMessage, res: ServerResponse, session: Session, path: string) {
    let token: string;
    try {
      token = await fresh(session);
    } catch {
      return sendJson(res, 401, { error: 'login_required' }); // the session ended at the OP
    }
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
    const upstream = await fetch(new URL(`/api/${path}`, options.issuer), {
      method: req.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' };
    const challenge = upstream.headers.get('www-authenticate');
    if (challenge) headers['WWW-Authenticate'] = challenge; // RFC 9470: the page signs in again at the OP
    res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  }

  /** Drops a session; `ended`: the OP ended it, and the page's event streams say so. */
  function drop(key: string, session: Session, ended: boolean) {
    sessions.delete(key);
    if (ended) for (const listener of session.listeners) listener();
    session.listeners.clear();
  }

  /**
   * OIDC Back-Channel Logout 1.0 §2.6: a logout token from our OP, for us, recent, used once, with the logout
   * event and no nonce, naming a sid (our client asks for one) or a sub. The sessions it names end here.
   */
  async function backchannelLogout(req: IncomingMessage, res: ServerResponse) {
    const refuse = (description: string) => sendJson(res, 400, { error: 'invalid_request', error_description: description });
    const body = new URLSearchParams((await readBody(req)).toString('utf8'));
    const token = body.get('logout_token');
    if (!token) return refuse('logout_token is missing');
    const { meta, keys } = await discover();
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: meta.issuer,
        audience: client.clientId,
        algorithms: ALGORITHMS,
        typ: 'logout+jwt',
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: LOGOUT_TOKEN_MAX_AGE_S,
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) return refuse(`logout_token rejected: ${error.code}`);
      throw error;
    }
    const events = claims.events as Record<string, unknown> | undefined;
    if (!events || typeof events[LOGOUT_EVENT] !== 'object') return refuse('logout_token without the back-channel logout event');
    if ('nonce' in claims) return refuse('a logout token has no nonce');
    const { sid, sub, jti } = claims as { sid?: unknown; sub?: unknown; jti: string };
    if (typeof sid !== 'string' && typeof sub !== 'string') return refuse('logout_token names no sid or sub');
    const now = Date.now();
    for (const [seen, until] of usedLogoutTokens) if (until < now) usedLogoutTokens.delete(seen);
    if (usedLogoutTokens.has(jti)) return refuse('logout_token was used before');
    usedLogoutTokens.set(jti, now + LOGOUT_TOKEN_MAX_AGE_S * 2000);
    for (const [key, session] of sessions) {
      const same = typeof sid === 'string' ? session.claims.sid === sid : session.claims.sub === sub;
      if (same && (typeof sub !== 'string' || session.claims.sub === sub)) drop(key, session, true);
    }
    res.writeHead(200, { 'Cache-Control': 'no-store' }).end();
  }

  /** The page's stream: a comment at once, keep-alives, and `session-ended` when the OP ends the session. */
  function events(res: ServerResponse, session: Session) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    sessionEndStream(res, (end) => {
      session.listeners.add(end);
      return () => session.listeners.delete(end);
    });
  }

  async function logout(res: ServerResponse, key: string, session: Session) {
    drop(key, session, false);
    res.setHeader('Set-Cookie', `${COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`);
    const { meta } = await discover();
    // Best effort: revoke both tokens, so a copy taken from this server is worth nothing either.
    if (meta.revocation_endpoint) {
      for (const token of [session.refreshToken, session.accessToken]) {
        if (!token) continue;
        await fetch(meta.revocation_endpoint, {
          method: 'POST',
          headers: { authorization: basicAuthorization(client), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        }).catch(() => undefined);
      }
    }
    const end = meta.end_session_endpoint ? new URL(meta.end_session_endpoint) : null;
    end?.searchParams.set('client_id', client.clientId);
    end?.searchParams.set('id_token_hint', session.idToken);
    end?.searchParams.set('post_logout_redirect_uri', `${options.appOrigin}/bff.html`);
    sendJson(res, 200, { end_session_url: end?.href ?? null });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', options.appOrigin);
    const path = url.pathname;
    if (req.method === 'GET' && path === '/bff/login') return login(url, res);
    if (req.method === 'GET' && path === '/bff/callback') return callback(url, res);
    // From the OP's server, not a page: its proof is the signed logout token (no cookie, no X-CSRF).
    if (req.method === 'POST' && path === '/bff/backchannel-logout') return backchannelLogout(req, res);
    // Everything else is for the app's own pages only (CSRF).
    const origin = req.headers.origin;
    if (req.headers['x-csrf'] !== '1' || (origin !== undefined && origin !== options.appOrigin)) {
      return sendJson(res, 403, { error: 'invalid_request', error_description: 'X-CSRF: 1 from the app’s own pages only.' });
    }
    const found = sessionOf(req);
    if (path === '/bff/user' && req.method === 'GET') {
      if (!found) return sendJson(res, 401, { error: 'login_required' });
      const [, session] = found;
      return sendJson(res, 200, { claims: session.claims, expires_at: session.expiresAt });
    }
    if (path === '/bff/events' && req.method === 'GET') return found ? events(res, found[1]) : sendJson(res, 401, { error: 'login_required' });
    if (path === '/bff/logout' && req.method === 'POST') return found ? logout(res, ...found) : sendJson(res, 200, { end_session_url: null });
    const api = /^\/bff\/api\/([\w\-/]{1,200})$/.exec(path);
    if (api && !api[1].includes('..')) return found ? proxy(req, res, found[1], api[1]) : sendJson(res, 401, { error: 'login_required' });
    sendJson(res, 404, { error: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[demo-bff]', error);
      if (!res.headersSent) sendJson(res, 502, { error: 'server_error', error_description: 'The sign-in service did not answer as expected.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function read(tokens: Record<string, unknown>): Pick<Session, 'accessToken' | 'refreshToken' | 'expiresAt'> {
  const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : 300;
  return {
    accessToken: String(tokens.access_token),
    ...(typeof tokens.refresh_token === 'string' ? { refreshToken: tokens.refresh_token } : {}),
    expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
  };
}

/** `returnTo` as a path on this origin; anything else (another origin, `//evil`, `/\\evil`) is the BFF page. */
function sameOriginPath(value: string | null): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/bff.html';
}

/** Back to `returnTo` (a same-origin path) with the code of a sign-in that did not finish. */
function failed(res: ServerResponse, returnTo: string, code: string) {
  const target = new URL(returnTo, 'http://app.invalid');
  target.searchParams.set('bff_error', code);
  redirect(res, target.pathname + target.search + target.hash);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' }).end();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

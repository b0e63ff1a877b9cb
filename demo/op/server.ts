import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createElementsHandler } from './assets.js';
import { CHALLENGE_PATH, createChallengeHandler } from './challenge.js';
import { createFlows } from './challenge-flows.js';
import type { RateLimitOptions } from './challenge-flows.js';
import type { BotCheckOptions } from './bot-check.js';
import { openDb } from './db.js';
import type { OpDb } from './db.js';
import { sendText } from './http.js';
import { createApiHandler } from './api.js';
import { CartStore } from './cart.js';
import { GUEST_MERGED_PATH, createCartApiHandler, createGuestMergedHandler } from './cart-api.js';
import { GuestMergedReceiver, guestMergeNotifier, publicJwks } from './guest-merge-event.js';
import { loadJwks } from './keys.js';
import { createLocalJWKSet } from 'jose';
import { createConnectionsApiHandler } from './connections-api.js';
import { DEMO_CONSENT_PURPOSES, Purposes } from './consent-receipts.js';
import type { ConsentPurposeConfig, DocumentVersion } from './consent-receipts.js';
import { createConsentsApiHandler } from './consents-api.js';
import { createSessionsApiHandler } from './sessions-api.js';
import { createOrganizationsApiHandler } from './organizations-api.js';
import { createLegalHandler } from './legal.js';
import { createScimApiHandler } from './scim-api.js';
import { createFederation } from './federation.js';
import type { UpstreamConfig } from './federation.js';
import { createHostedChallengeHandler } from './hosted.js';
import { createInteractionHandler } from './interactions.js';
import { createMailboxHandler } from './mailbox.js';
import { createPasskeyApiHandler } from './passkey-api.js';
import { BFF_CLIENT, CLIENT_ID, CLIENT_NAME, createProvider } from './provider.js';
import { dummyPasswordHash } from './password.js';
import { relyingParty } from './webauthn.js';

/** What the `grant.success` listener reads of oidc-provider's context. */
interface GrantSuccessCtx {
  oidc: {
    entities: {
      Grant?: { jti: string; accountId: string; clientId: string };
      /** The OP session's id for the client, on the code (sign-in) or refresh token, when the client takes back-channel logout. */
      AuthorizationCode?: { sid?: string };
      RefreshToken?: { sid?: string };
    };
  };
  ip: string;
  get(header: string): string;
}

export { SEEDED_USER } from './db.js';
export type { RateLimitOptions } from './challenge-flows.js';
export type { BotCheckOptions } from './bot-check.js';
export type { Mail } from './mailbox.js';
export type { UpstreamConfig } from './federation.js';
export type { ConsentPurposeConfig, DocumentVersion } from './consent-receipts.js';
export { DEMO_CONSENT_PURPOSES } from './consent-receipts.js';

/**
 * The demo OP's resource APIs (passkeys, connections, consents, payout, SCIM `/Me`): what the app does with a
 * signed-in user, not what signing in costs. The bench and the e2e request counts leave them out.
 */
export function isResourceApi(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/scim/');
}

export interface StartOpOptions {
  /** TCP port on 127.0.0.1. 0 picks a free port (the issuer then uses it). */
  port: number;
  /**
   * Defaults to http://<host>:<port>. Passkeys use its host name as the
   * WebAuthn RP ID, which browsers refuse for IP addresses: use localhost.
   */
  issuer?: string;
  /**
   * Host name of the default issuer (default 127.0.0.1), e.g. `localhost` for
   * passkeys with `port: 0`. The server still listens on 127.0.0.1 only.
   */
  host?: string;
  /** Origins of the demo SPA, e.g. http://127.0.0.1:5173 (redirect URIs + CORS). */
  appOrigins: string[];
  dbPath: string;
  /** Log one line per request to stdout. */
  log?: boolean;
  /** How recent a sign-in the payout API and passkey changes want (default 300 s); tests shorten it to see step-up. */
  recentAuthMaxAgeSeconds?: number;
  /** Access token lifetime (default 10 minutes); tests shorten it to see silent renewal. */
  accessTokenTtlSeconds?: number;
  /**
   * Limits of the challenge endpoint (per client IP + identifier, and per IP,
   * in a sliding window). Defaults: 5 failed attempts and 5 code emails per
   * IP + identifier, 20 of each per IP, in 15 minutes. Tests lower or raise them.
   * Shared with the hosted page's /interaction/:uid/challenge.
   */
  rateLimit?: RateLimitOptions;
  /** When the challenge flows ask for a bot check, and which (bot-check.ts; default: a proof of work after 3 sends from an address in 10 minutes). */
  botCheck?: BotCheckOptions;
  /** Days a guest session's account lives unless bound to an email before (default 30; guests.ts). */
  guestTtlDays?: number;
  /**
   * The built ciam-elements library (`npx vite build --mode cdn` → cdn/: ciam-login.js,
   * chunks/*.js). When set, it is served at /assets/elements/ and the login
   * and registration pages are <ciam-login mode="hosted"> (server-rendered
   * forms only as the <noscript> fallback); unset, they stay plain forms.
   */
  elementsDir?: string;
  /**
   * Upstream IdPs to federate with (federation.ts): Demo ID is a confidential
   * client of each, with redirect URI <issuer>/federation/callback. A function
   * gets the issuer first, for upstreams that must learn that redirect URI
   * (with port 0 it is only known once the OP listens).
   */
  upstreams?: UpstreamConfig[] | ((issuer: string) => Promise<UpstreamConfig[]>);
  /** Email domains whose users sign in at an upstream, e.g. `{ 'acme.test': 'acme' }`. Never published. */
  domainRoutes?: Record<string, string>;
  /**
   * What users consent to at /api/consents (default DEMO_CONSENT_PURPOSES:
   * terms and privacy 2026-11, required; marketing and analytics, optional).
   * Documents are served at <issuer>/legal/<id>/<version>.
   */
  consentPurposes?: readonly ConsentPurposeConfig[];
}

export interface RunningOp {
  issuer: string;
  port: number;
  db: OpDb;
  /**
   * Makes `version` of a purpose's document current (until the OP stops), e.g.
   * terms 2026-12: users who granted an older one see it in `outdated`.
   */
  publishDocument(purpose: string, version: string, text: string, changesUrl?: string | null): DocumentVersion;
  close(): Promise<void>;
}

const CSS = readFileSync(new URL('./op.css', import.meta.url), 'utf8');

export async function startOp(options: StartOpOptions): Promise<RunningOp> {
  const appOrigins = new Set(options.appOrigins.map((o) => new URL(o).origin));
  const db = await openDb(options.dbPath);

  // Requests can only arrive once we listen, but with port 0 the issuer (and
  // so the provider) is only known after listen(); until then answer 503.
  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined = undefined;
  const server = createServer((req, res) => {
    if (options.log) {
      const start = Date.now();
      res.on('finish', () => console.log(`[demo-op] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - start}ms`));
    }
    if (!app) return sendText(res, 503, 'starting');
    app(req, res).catch((err: unknown) => {
      console.error('[demo-op] unhandled error', err);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    db.close();
    throw err;
  }

  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://${options.host ?? '127.0.0.1'}:${port}`;
  let upstreams: UpstreamConfig[];
  try {
    upstreams = typeof options.upstreams === 'function' ? await options.upstreams(issuer) : (options.upstreams ?? []);
  } catch (err) {
    server.close();
    db.close();
    throw err;
  }
  let purposes: Purposes;
  try {
    purposes = new Purposes(issuer, options.consentPurposes ?? DEMO_CONSENT_PURPOSES);
  } catch (err) {
    server.close();
    db.close();
    throw err;
  }
  const provider = createProvider({
    issuer,
    appOrigins: [...appOrigins],
    db,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    challengePath: CHALLENGE_PATH,
    guestMergePath: GUEST_MERGED_PATH,
  });
  provider.on('server_error', (_ctx: unknown, err: unknown) => console.error('[demo-op] provider error', err));
  // Every sign-in and renewal: the device list's "where" and "last used" (device-sessions.ts).
  provider.on('grant.success', (ctx: GrantSuccessCtx) => {
    const grant = ctx.oidc.entities.Grant;
    if (!grant) return;
    const { AuthorizationCode: code, RefreshToken: refresh } = ctx.oidc.entities;
    const sid = code?.sid ?? refresh?.sid;
    db.deviceSessions.seen({
      grantId: grant.jti,
      accountId: grant.accountId,
      clientId: grant.clientId,
      userAgent: ctx.get('user-agent'),
      ip: ctx.ip,
      ...(sid ? { sid } : {}),
    });
  });
  const hostedPages = options.elementsDir ? { issuer } : undefined;
  const clientNames = { [CLIENT_ID]: CLIENT_NAME, [BFF_CLIENT.id]: BFF_CLIENT.name };
  // One set of flows and rate limits for both endpoints, so using both does not double anyone's budget.
  // The proof step before linking an upstream identity counts on the same limits.
  // Passkeys are bound to the issuer's host name and accepted from its pages and the apps.
  const rp = relyingParty(issuer, appOrigins);
  // The demo app's cart, and its receiver of guest-merged events (the app's side: it knows only the OP's public keys).
  const carts = new CartStore(db.sqlite);
  const flows = createFlows(db, rp, options.rateLimit, options.botCheck, {
    ...(options.guestTtlDays !== undefined ? { ttlDays: options.guestTtlDays } : {}),
    onMerge: guestMergeNotifier(provider, loadJwks(db)),
    onPurged: (guests) => carts.remove(guests),
  });
  const stopPurgingGuests = flows.guests.startPurging();
  const cartApi = createCartApiHandler({ provider, db, carts, appOrigins });
  const guestMerged = createGuestMergedHandler({
    carts,
    receiver: new GuestMergedReceiver({ issuer, audience: CLIENT_ID, keys: createLocalJWKSet(publicJwks(loadJwks(db))) }),
  });
  const federation = createFederation({ provider, db, flows, issuer, upstreams, domainRoutes: options.domainRoutes ?? {}, clientNames });
  const interactions = createInteractionHandler(provider, db, clientNames, flows, hostedPages, federation);
  const elements = options.elementsDir ? createElementsHandler(options.elementsDir) : undefined;
  const challenge = createChallengeHandler({ provider, flows, appOrigins, route: federation.route });
  const hostedChallenge = createHostedChallengeHandler({ provider, flows, issuer, federation });
  const mailbox = createMailboxHandler(db.mails);
  const api = createApiHandler(provider, appOrigins, options.recentAuthMaxAgeSeconds);
  const passkeyApi = createPasskeyApiHandler({ provider, db, relyingParty: rp, appOrigins, recentAuthMaxAgeSeconds: options.recentAuthMaxAgeSeconds });
  const connectionsApi = createConnectionsApiHandler({
    provider,
    db,
    federation,
    issuer,
    appOrigins,
    recentAuthMaxAgeSeconds: options.recentAuthMaxAgeSeconds,
  });
  const scimApi = createScimApiHandler({ provider, db, issuer, appOrigins });
  const consentsApi = createConsentsApiHandler({ provider, db, purposes, appOrigins });
  const sessionsApi = createSessionsApiHandler({ provider, db, appOrigins, clientNames });
  const organizationsApi = createOrganizationsApiHandler({ provider, db, appOrigins });
  const legal = createLegalHandler(purposes);
  const oidc = provider.callback();

  const issuerHost = new URL(issuer).host;
  // Warm the dummy hash now, so the first sign-in with an unknown email costs no more than any other.
  void dummyPasswordHash();

  app = async (req, res) => {
    // DNS rebinding: a page on evil.example whose name is made to resolve to
    // 127.0.0.1 is same-origin with whatever listens there, and could read the
    // dev mailbox (every code) or drive the flows. Its requests carry its own
    // name in Host, so answer only to the issuer's.
    if (req.headers.host?.toLowerCase() !== issuerHost) {
      return sendText(res, 421, `This server answers only as ${issuerHost}.`);
    }
    const path = new URL(req.url ?? '/', 'http://op.invalid').pathname;
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendText(res, 200, 'ok');
    }
    if (path === '/op.css' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendText(res, 200, CSS, 'text/css; charset=utf-8', 'public, max-age=300');
    }
    if (elements && (await elements(req, res))) return;
    if (await federation.handle(req, res, path)) return;
    if (await interactions(req, res, path)) return;
    if (await hostedChallenge(req, res, path)) return;
    if (await challenge(req, res, path)) return;
    if (mailbox(req, res, path)) return;
    if (await api(req, res, path)) return;
    if (await passkeyApi(req, res, path)) return;
    if (await connectionsApi(req, res, path)) return;
    if (await scimApi(req, res, path)) return;
    if (await consentsApi(req, res, path)) return;
    if (await sessionsApi(req, res, path)) return;
    if (await organizationsApi(req, res, path)) return;
    if (await cartApi(req, res, path)) return;
    if (await guestMerged(req, res, path)) return;
    if (legal(req, res, path)) return;
    // oidc-provider gives end_session no CORS at all; the SPA may fetch it
    // (without credentials) to find out where logout leads. Only for our app
    // origins, and no Allow-Credentials, so no other site can read it.
    const origin = req.headers.origin;
    // Discovery changes only with a deployment: the elements keep it for the tab this long (src/client/discovery.ts),
    // so a reload or the callback page goes on without asking again.
    if (path === '/.well-known/openid-configuration') res.setHeader('Cache-Control', 'public, max-age=300');
    if (path === '/session/end' && origin && appOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    await oidc(req, res);
  };

  let closing: Promise<void> | undefined;
  return {
    issuer,
    port,
    db,
    publishDocument: (purpose, version, text, changesUrl = null) => purposes.publish(purpose, version, text, changesUrl),
    close() {
      closing ??= new Promise<void>((resolve) => {
        stopPurgingGuests();
        server.close(() => {
          db.close();
          resolve();
        });
        // Browsers and fetch keep connections alive; without this close()
        // would wait for them to time out and the port would stay busy.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

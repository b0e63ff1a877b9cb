/**
 * The signed-in user's connections to upstream IdPs (federation.ts): list,
 * start linking one, remove one. Same auth, CORS and step-up as the passkey
 * API (bearer-api.ts). Linking itself happens in the browser: POST hands out
 * a single-use URL the app navigates to, which goes through the upstream and
 * back to the app.
 */
import type { Provider } from 'oidc-provider';
import { createBearerApi, readJson } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { disconnectedMail } from './emails.js';
import { LINK_TOKEN_TTL_MS } from './federation.js';
import type { Federation, LinkTokenData } from './federation.js';
import type { FederatedIdentity } from './federation-store.js';
import type { User } from './users.js';

export const CONNECTIONS_PATH = '/api/connections';
// /api/connections, /api/connections/<connection id (a UUID)>
const ROUTE = /^\/api\/connections(?:\/([A-Za-z0-9-]{1,64}))?$/;

export function createConnectionsApiHandler(options: {
  provider: Provider;
  db: OpDb;
  federation: Federation;
  issuer: string;
  appOrigins: Set<string>;
  recentAuthMaxAgeSeconds?: number;
}) {
  const { db, federation, issuer, appOrigins } = options;
  const store = db.federation;

  /** Whether the account keeps a way to sign in without this connection (emailed codes do not count). */
  function canUnlink(user: User, connection: FederatedIdentity, all: FederatedIdentity[]): boolean {
    return user.hasPassword || db.passkeys.listByUser(user.id).length > 0 || all.some((c) => c.id !== connection.id);
  }

  function list(user: User): ApiReply {
    const connections = store.listByUser(user.id);
    return {
      status: 200,
      body: {
        connections: connections.map((c) => ({
          id: c.id,
          provider: c.providerId,
          name: federation.upstream(c.providerId)?.name ?? c.providerId,
          issuer: c.issuer,
          email: c.email,
          linked_at: c.createdAt,
        })),
        providers: federation.providers.map(({ id, name }) => ({ id, name })),
        can_unlink: Object.fromEntries(connections.map((c) => [c.id, canUnlink(user, c, connections)])),
      },
    };
  }

  function startLink(user: User, body: Record<string, unknown>): ApiReply {
    const provider = typeof body.provider === 'string' ? federation.upstream(body.provider) : undefined;
    if (!provider) return invalid('provider must be the id of one of the providers.');
    const returnTo = appUrl(body.return_to, appOrigins);
    if (!returnTo) return invalid("return_to must be an absolute URL on one of the app's origins.");
    const token = store.createToken<LinkTokenData>('link', user.id, { provider: provider.id, returnTo }, LINK_TOKEN_TTL_MS);
    return { status: 200, body: { url: new URL(`/federation/link/${token}`, issuer).href } };
  }

  function remove(user: User, id: string): ApiReply {
    const connections = store.listByUser(user.id);
    const connection = connections.find((c) => c.id === id);
    // Someone else's connection looks exactly like one that does not exist.
    if (!connection) return { status: 404, body: { error: 'not_found', error_description: 'No such connection.' } };
    if (!canUnlink(user, connection, connections)) {
      return {
        status: 409,
        body: {
          error: 'last_method',
          error_description: 'This is the only way to sign in to this account. Add a password, a passkey or another connection first.',
        },
      };
    }
    if (!store.unlink(user.id, id)) return { status: 404, body: { error: 'not_found', error_description: 'No such connection.' } };
    db.mails.send({ to: user.email, ...disconnectedMail(federation.upstream(connection.providerId)?.name ?? connection.providerId) });
    return { status: 204 };
  }

  return createBearerApi({
    ...options,
    route: ROUTE,
    methods: ([, id]) => (id === undefined ? ['GET', 'POST'] : ['DELETE']),
    stepUp: new Set(['POST', 'DELETE']),
    async handle(req, user, [, id]) {
      if (id === undefined && req.method === 'GET') return list(user);
      if (id === undefined && req.method === 'POST') return startLink(user, await readJson(req));
      return remove(user, id);
    },
    name: 'connections api',
  });
}

/** `value` when it is an http(s) URL on one of the app origins (exactly), without credentials; else undefined. */
export function appUrl(value: unknown, appOrigins: ReadonlySet<string>): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !appOrigins.has(url.origin)) return undefined;
  return url.href;
}

function invalid(description: string): ApiReply {
  return { status: 400, body: { error: 'invalid_request', error_description: description } };
}

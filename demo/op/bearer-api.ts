/**
 * The shape every API of the signed-in user shares (passkey-api.ts,
 * connections-api.ts): JSON, `Authorization: Bearer <access token>` (or `DPoP` with a proof, api.ts), CORS for
 * the app origins only (no credentials; Authorization, Content-Type and DPoP
 * allowed, WWW-Authenticate exposed), `Cache-Control: no-store`, and an RFC
 * 9470 step-up challenge for the methods that change how the account signs in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { checkAccessToken, recentAuthChallenge, RECENT_AUTH_MAX_AGE_SECONDS } from './api.js';
import type { AccessTokenLike } from './api.js';
import type { OpDb } from './db.js';
import { isGuest } from './guests.js';
import { HttpError, sendJson } from './http.js';
import type { User } from './users.js';

// A passkey registration with packed attestation is a few KB; nothing here is bigger.
const MAX_JSON_BYTES = 64 * 1024;

export interface ApiReply {
  status: number;
  /** No body (and no `raw`): an empty answer (204). */
  body?: unknown;
  /** A body sent as it is instead of JSON (set its Content-Type in `headers`). */
  raw?: string;
  /** Extra response headers (ETag, Content-Type, ...). */
  headers?: Record<string, string>;
  /** A long answer the handler writes itself after the head (server-sent events); it ends the response. */
  stream?: (res: ServerResponse) => void;
}

export interface BearerApiOptions {
  provider: Provider;
  db: OpDb;
  appOrigins: Set<string>;
  recentAuthMaxAgeSeconds?: number;
  /** Paths this API answers; the match goes to `methods` and `handle`. */
  route: RegExp;
  /** The methods a matched path takes (OPTIONS is answered for them). */
  methods(match: RegExpExecArray): string[];
  /** Methods that want a sign-in within recentAuthMaxAgeSeconds (adding or removing a way to sign in). */
  stepUp: ReadonlySet<string>;
  /**
   * Whether a guest session's token may call it (guests.ts): true only for the app's own data (the demo cart).
   * Otherwise 403 `guest_not_allowed`: a guest has no email and no account to manage.
   */
  guests?: boolean | ((match: RegExpExecArray) => boolean);
  handle(req: IncomingMessage, user: User, match: RegExpExecArray, token: AccessTokenLike): Promise<ApiReply>;
  /** For the log line of an unexpected error. */
  name: string;
  /** Request headers the preflight allows (default Authorization, Content-Type, DPoP). */
  allowHeaders?: string[];
  /** Response headers a page may read (default WWW-Authenticate, DPoP-Nonce). */
  exposeHeaders?: string[];
  /**
   * The answer for an error the helper itself gives (401, 405, a HttpError
   * from readJson, 500), for APIs with an error format of their own (SCIM).
   * Default: `{"error", "error_description"?}`.
   */
  errorReply?: (status: number, error: string, description?: string) => ApiReply;
}

function defaultErrorReply(status: number, error: string, description?: string): ApiReply {
  return { status, body: description === undefined ? { error } : { error, error_description: description } };
}

export function createBearerApi(options: BearerApiOptions): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const { provider, db, appOrigins, recentAuthMaxAgeSeconds = RECENT_AUTH_MAX_AGE_SECONDS, errorReply = defaultErrorReply } = options;
  const allowHeaders = (options.allowHeaders ?? ['authorization', 'content-type', 'dpop']).join(', ').toLowerCase();
  const exposeHeaders = (options.exposeHeaders ?? ['WWW-Authenticate', 'DPoP-Nonce']).join(', ');
  return async (req, res, path) => {
    const match = options.route.exec(path);
    if (!match) return false;
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && appOrigins.has(origin)
        ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': exposeHeaders, Vary: 'Origin' }
        : { Vary: 'Origin' };
    const send = (reply: ApiReply, headers: Record<string, string> = {}) => {
      const all = { ...cors, ...headers, ...reply.headers };
      if (reply.stream) {
        res.writeHead(reply.status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...all });
        reply.stream(res);
      } else if (reply.raw !== undefined)
        res.writeHead(reply.status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...all }).end(reply.raw);
      else if (reply.body === undefined) res.writeHead(reply.status, { ...all, 'Cache-Control': 'no-store' }).end();
      else sendJson(res, reply.status, reply.body, all);
    };
    const methods = options.methods(match);

    if (req.method === 'OPTIONS') {
      // Without Allow-Origin (other origins) the browser still refuses.
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': methods.join(', '),
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (!methods.includes(req.method ?? '')) {
      send(errorReply(405, 'method_not_allowed'), { Allow: [...methods, 'OPTIONS'].join(', ') });
      return true;
    }

    const checked = await checkAccessToken(provider, req);
    if (!checked.ok) {
      send(errorReply(401, checked.error), { 'WWW-Authenticate': checked.challenge, ...checked.headers });
      return true;
    }
    const { token } = checked;
    const user = db.users.findById(token.accountId);
    if (!user) {
      send(errorReply(401, 'invalid_token'), { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return true;
    }
    const guestsAllowed = typeof options.guests === 'function' ? options.guests(match) : !!options.guests;
    if (isGuest(user) && !guestsAllowed) {
      send(errorReply(403, 'guest_not_allowed', 'A guest session cannot use this API. Sign up or sign in first.'));
      return true;
    }
    // A stolen or forgotten session alone cannot add or remove a way into the account.
    const challenge = options.stepUp.has(req.method ?? '') ? recentAuthChallenge(token, recentAuthMaxAgeSeconds) : null;
    if (challenge) {
      send(errorReply(401, 'insufficient_user_authentication'), { 'WWW-Authenticate': challenge });
      return true;
    }

    let reply: ApiReply;
    try {
      reply = await options.handle(req, user, match, token);
    } catch (err) {
      if (err instanceof HttpError) {
        reply = errorReply(err.status, 'invalid_request', err.message);
      } else {
        console.error(`[demo-op] ${options.name} error`, err);
        reply = errorReply(500, 'server_error', 'Something went wrong on our side.');
      }
    }
    send(reply);
    return true;
  };
}

/** A JSON object body (415 without one of `types`, 413 over `maxBytes` (64 KB), 400 when not an object). */
export async function readJson(
  req: IncomingMessage,
  types: readonly string[] = ['application/json'],
  maxBytes = MAX_JSON_BYTES,
): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!types.includes(type)) throw new HttpError(415, `Expected ${types.join(' or ')}.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'The request body is too large.');
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'Expected a JSON object.');
  return value as Record<string, unknown>;
}

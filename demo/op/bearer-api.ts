/**
 * The shape every API of the signed-in user shares (passkey-api.ts,
 * connections-api.ts): JSON, `Authorization: Bearer <access token>`, CORS for
 * the app origins only (no credentials; Authorization and Content-Type
 * allowed, WWW-Authenticate exposed), `Cache-Control: no-store`, and an RFC
 * 9470 step-up challenge for the methods that change how the account signs in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { bearerToken, recentAuthChallenge, RECENT_AUTH_MAX_AGE_SECONDS } from './api.js';
import type { AccessTokenLike } from './api.js';
import type { OpDb } from './db.js';
import { HttpError, sendJson } from './http.js';
import type { User } from './users.js';

// A passkey registration with packed attestation is a few KB; nothing here is bigger.
const MAX_JSON_BYTES = 64 * 1024;

export interface ApiReply {
  status: number;
  /** No body: an empty answer (204). */
  body?: unknown;
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
  handle(req: IncomingMessage, user: User, match: RegExpExecArray, token: AccessTokenLike): Promise<ApiReply>;
  /** For the log line of an unexpected error. */
  name: string;
}

export function createBearerApi(options: BearerApiOptions): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const { provider, db, appOrigins, recentAuthMaxAgeSeconds = RECENT_AUTH_MAX_AGE_SECONDS } = options;
  return async (req, res, path) => {
    const match = options.route.exec(path);
    if (!match) return false;
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && appOrigins.has(origin)
        ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'WWW-Authenticate', Vary: 'Origin' }
        : { Vary: 'Origin' };
    const methods = options.methods(match);

    if (req.method === 'OPTIONS') {
      // Without Allow-Origin (other origins) the browser still refuses.
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': methods.join(', '),
        'Access-Control-Allow-Headers': 'authorization, content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (!methods.includes(req.method ?? '')) {
      sendJson(res, 405, { error: 'method_not_allowed' }, { ...cors, Allow: [...methods, 'OPTIONS'].join(', ') });
      return true;
    }

    const token = await bearerToken(provider, req);
    const user = token ? db.users.findById(token.accountId) : undefined;
    if (!token || !user) {
      sendJson(res, 401, { error: 'invalid_token' }, { ...cors, 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return true;
    }
    // A stolen or forgotten session alone cannot add or remove a way into the account.
    const challenge = options.stepUp.has(req.method ?? '') ? recentAuthChallenge(token, recentAuthMaxAgeSeconds) : null;
    if (challenge) {
      sendJson(res, 401, { error: 'insufficient_user_authentication' }, { ...cors, 'WWW-Authenticate': challenge });
      return true;
    }

    let reply: ApiReply;
    try {
      reply = await options.handle(req, user, match, token);
    } catch (err) {
      if (err instanceof HttpError) {
        reply = { status: err.status, body: { error: 'invalid_request', error_description: err.message } };
      } else {
        console.error(`[demo-op] ${options.name} error`, err);
        reply = { status: 500, body: { error: 'server_error', error_description: 'Something went wrong on our side.' } };
      }
    }
    if (reply.body === undefined) res.writeHead(reply.status, { ...cors, 'Cache-Control': 'no-store' }).end();
    else sendJson(res, reply.status, reply.body, cors);
    return true;
  };
}

/** A JSON object body (415 without application/json, 413 over 64 KB, 400 when not an object). */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Expected application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'The request body is too large.');
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

/**
 * Passkey management for the signed-in user, on the OP's origin: list,
 * register (options, then the browser's response), rename, delete. Called by
 * the app with the user's access token (Bearer), cross-origin from the app
 * origins, like the payout API (api.ts). Sign-in with a passkey is not here:
 * it is a challenge flow (challenge-flows.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { bearerToken, recentAuthChallenge, RECENT_AUTH_MAX_AGE_SECONDS } from './api.js';
import type { OpDb } from './db.js';
import { HttpError, sendJson } from './http.js';
import { PasskeyTakenError } from './passkeys.js';
import type { Passkey } from './passkeys.js';
import type { User } from './users.js';
import { CHALLENGE_TTL_MS, authenticatorName, creationOptions, isAttestation, verifyRegistration } from './webauthn.js';
import type { RelyingParty } from './webauthn.js';

export const PASSKEYS_PATH = '/api/passkeys';
// /api/passkeys, /api/passkeys/options, /api/passkeys/<credential id, base64url>
const ROUTE = /^\/api\/passkeys(?:\/([A-Za-z0-9_-]{1,1364}))?$/;
// A registration response with "none" attestation is about 1 KB; packed
// attestation with certificates a few KB.
const MAX_JSON_BYTES = 64 * 1024;
const NAME_MAX = 64;

interface Reply {
  status: number;
  body?: unknown;
}

export function createPasskeyApiHandler(options: {
  provider: Provider;
  db: OpDb;
  relyingParty: RelyingParty;
  appOrigins: Set<string>;
  recentAuthMaxAgeSeconds?: number;
}) {
  const { provider, db, relyingParty, appOrigins, recentAuthMaxAgeSeconds = RECENT_AUTH_MAX_AGE_SECONDS } = options;
  const passkeys = db.passkeys;

  async function route(req: IncomingMessage, user: User, sub: string | undefined): Promise<Reply> {
    if (sub === undefined && req.method === 'GET') {
      return { status: 200, body: passkeys.listByUser(user.id).map(view) };
    }
    if (sub === 'options' && req.method === 'POST') {
      const options = await creationOptions(relyingParty, user, passkeys.userHandle(user.id), passkeys.listByUser(user.id));
      passkeys.saveChallenge(user.id, options.challenge, CHALLENGE_TTL_MS);
      return { status: 200, body: options };
    }
    if (sub === undefined && req.method === 'POST') return register(user, await readJson(req));
    if (sub !== undefined && req.method === 'PATCH') {
      const name = passkeyName((await readJson(req)).name);
      if (typeof name !== 'string') return invalidName();
      const renamed = passkeys.rename(user.id, sub, name);
      return renamed ? { status: 200, body: view(renamed) } : notFound();
    }
    if (sub !== undefined && req.method === 'DELETE') {
      switch (passkeys.remove(user.id, sub, user.hasPassword)) {
        case 'deleted':
          return { status: 204 };
        case 'not_found':
          return notFound();
        case 'last_credential':
          return {
            status: 409,
            body: {
              error: 'last_credential',
              error_description: 'This is the only passkey of an account without a password. Add another passkey first, so you can still sign in.',
            },
          };
      }
    }
    throw new HttpError(405, 'Method not allowed.');
  }

  async function register(user: User, body: Record<string, unknown>): Promise<Reply> {
    // The name first: a bad one must not use up the challenge.
    const name = body.name === undefined || body.name === null ? undefined : passkeyName(body.name);
    if (name === null) return invalidName();
    if (!isAttestation(body.response)) {
      return invalidPasskey('response must be the JSON of the credential from navigator.credentials.create() (RegistrationResponseJSON).');
    }
    // The challenge must be one this user was given, and is used up either way.
    const checked = await verifyRegistration(relyingParty, body.response, (challenge) => passkeys.consumeChallenge(user.id, challenge));
    if (!checked.ok) return invalidPasskey(checked.description);
    const { aaguid, ...credential } = checked.value;
    if (passkeys.find(credential.id)) return alreadyRegistered();
    try {
      const passkey = passkeys.add({
        ...credential,
        userId: user.id,
        name: name ?? authenticatorName(aaguid) ?? `Passkey ${new Date().toISOString().slice(0, 10)}`,
      });
      return { status: 201, body: view(passkey) };
    } catch (err) {
      if (err instanceof PasskeyTakenError) return alreadyRegistered();
      throw err;
    }
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const match = ROUTE.exec(path);
    if (!match) return false;
    const sub = match[1];
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && appOrigins.has(origin)
        ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'WWW-Authenticate', Vary: 'Origin' }
        : { Vary: 'Origin' };
    const methods = sub === undefined ? 'GET, POST' : sub === 'options' ? 'POST' : 'PATCH, DELETE';

    if (req.method === 'OPTIONS') {
      // Without Allow-Origin (other origins) the browser still refuses.
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': 'authorization, content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (!methods.split(', ').includes(req.method ?? '')) {
      sendJson(res, 405, { error: 'method_not_allowed' }, { ...cors, Allow: `${methods}, OPTIONS` });
      return true;
    }

    const token = await bearerToken(provider, req);
    const user = token ? db.users.findById(token.accountId) : undefined;
    if (!token || !user) {
      sendJson(res, 401, { error: 'invalid_token' }, { ...cors, 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return true;
    }
    // Adding or removing a way to sign in wants a recent sign-in (RFC 9470), like the payout API:
    // a stolen or forgotten session alone cannot plant a passkey or remove one.
    const challenge = req.method === 'POST' || req.method === 'DELETE' ? recentAuthChallenge(token, recentAuthMaxAgeSeconds) : null;
    if (challenge) {
      sendJson(res, 401, { error: 'insufficient_user_authentication' }, { ...cors, 'WWW-Authenticate': challenge });
      return true;
    }

    let reply: Reply;
    try {
      reply = await route(req, user, sub);
    } catch (err) {
      if (err instanceof HttpError) {
        reply = { status: err.status, body: { error: 'invalid_request', error_description: err.message } };
      } else {
        console.error('[demo-op] passkey api error', err);
        reply = { status: 500, body: { error: 'server_error', error_description: 'Something went wrong on our side.' } };
      }
    }
    if (reply.body === undefined) res.writeHead(reply.status, { ...cors, 'Cache-Control': 'no-store' }).end();
    else sendJson(res, reply.status, reply.body, cors);
    return true;
  };
}

/** What the app sees of a passkey (never the public key or counter). */
function view(passkey: Passkey) {
  return {
    id: passkey.id,
    name: passkey.name,
    created_at: passkey.createdAt,
    last_used_at: passkey.lastUsedAt,
    device_type: passkey.deviceType,
    backed_up: passkey.backedUp,
    transports: passkey.transports,
  };
}

/** The trimmed name, or null when it is not 1–64 printable characters. */
function passkeyName(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const name = input.trim();
  const length = [...name].length;
  return length >= 1 && length <= NAME_MAX && !/\p{Cc}/u.test(name) ? name : null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
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

function notFound(): Reply {
  return { status: 404, body: { error: 'not_found', error_description: 'No such passkey.' } };
}

function invalidName(): Reply {
  return { status: 400, body: { error: 'invalid_request', error_description: `name must be 1 to ${NAME_MAX} characters.` } };
}

function invalidPasskey(description: string): Reply {
  return { status: 400, body: { error: 'invalid_passkey', error_description: description } };
}

function alreadyRegistered(): Reply {
  return { status: 409, body: { error: 'already_registered', error_description: 'This passkey is already registered.' } };
}

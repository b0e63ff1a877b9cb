/**
 * Passkey management for the signed-in user, on the OP's origin: list,
 * register (options, then the browser's response), rename, delete. Called by
 * the app with the user's access token (Bearer), cross-origin from the app
 * origins, like the payout API (api.ts). Sign-in with a passkey is not here:
 * it is a challenge flow (challenge-flows.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Provider } from 'oidc-provider';
import { RECENT_AUTH_MAX_AGE_SECONDS } from './api.js';
import { createBearerApi, readJson } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { passkeyAddedMail, passkeyRemovedMail } from './emails.js';
import { HttpError } from './http.js';
import { PasskeyTakenError } from './passkeys.js';
import type { Passkey } from './passkeys.js';
import type { User } from './users.js';
import { CHALLENGE_TTL_MS, authenticatorName, creationOptions, isAttestation, verifyRegistration } from './webauthn.js';
import type { RelyingParty } from './webauthn.js';

export const PASSKEYS_PATH = '/api/passkeys';
// /api/passkeys, /api/passkeys/options, /api/passkeys/<credential id, base64url>
const ROUTE = /^\/api\/passkeys(?:\/([A-Za-z0-9_-]{1,1364}))?$/;
const NAME_MAX = 64;

type Reply = ApiReply;

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
      const name = passkeys.find(sub)?.name ?? '';
      // A connected upstream IdP is another way in, like a password.
      switch (passkeys.remove(user.id, sub, user.hasPassword || db.federation.listByUser(user.id).length > 0)) {
        case 'deleted':
          // The owner hears of every change to how the account can be entered, made by them or not.
          db.mails.send({ to: user.email, ...passkeyRemovedMail(name) });
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
      // A passkey added by someone else (a stolen session) is a way back in after a password reset: say so at once.
      db.mails.send({ to: user.email, ...passkeyAddedMail(passkey.name) });
      return { status: 201, body: view(passkey) };
    } catch (err) {
      if (err instanceof PasskeyTakenError) return alreadyRegistered();
      throw err;
    }
  }

  return createBearerApi({
    provider,
    db,
    appOrigins,
    recentAuthMaxAgeSeconds,
    route: ROUTE,
    methods: ([, sub]) => (sub === undefined ? ['GET', 'POST'] : sub === 'options' ? ['POST'] : ['PATCH', 'DELETE']),
    // Adding or removing a passkey wants a recent sign-in (RFC 9470), like the payout API.
    stepUp: new Set(['POST', 'DELETE']),
    handle: (req, user, [, sub]) => route(req, user, sub),
    name: 'passkey api',
  });
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

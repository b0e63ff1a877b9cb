/**
 * SCIM 2.0 /Me (RFC 7644 §3.11): the signed-in user reads their profile and
 * fills in what progressive profiling asks for (scim.ts has the rules). Bearer
 * access token and CORS for the app origins like the passkey API
 * (bearer-api.ts), but SCIM's own media type and error format, and optimistic
 * concurrency: every PATCH must name the version it changes (If-Match), so
 * two tabs cannot silently overwrite each other.
 */
import type { IncomingMessage } from 'node:http';
import type { Provider } from 'oidc-provider';
import { createBearerApi, readJson } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { SCIM_TYPE, errorBody, etag, ifMatches, parsePatch, userResource } from './scim.js';
import type { ScimError } from './scim.js';
import type { User } from './users.js';

export const SCIM_ME_PATH = '/scim/v2/Me';
const ROUTE = /^\/scim\/v2\/Me$/;

export function createScimApiHandler(options: { provider: Provider; db: OpDb; issuer: string; appOrigins: Set<string> }) {
  const { db, issuer } = options;

  function resource(user: User, status = 200): ApiReply {
    return { status, raw: JSON.stringify(userResource(user, issuer)), headers: { 'Content-Type': SCIM_TYPE, ETag: etag(user.profileVersion) } };
  }

  async function patch(req: IncomingMessage, user: User): Promise<ApiReply> {
    const ifMatch = req.headers['if-match'];
    // `*` would match any version: exactly the blind overwrite If-Match is here to prevent.
    if (!ifMatch || ifMatch.trim() === '*') {
      return scimError({ status: 428, detail: 'If-Match with the ETag of the profile you are changing is required (GET /scim/v2/Me first).' });
    }
    if (!ifMatches(ifMatch, user.profileVersion)) return stale();
    const parsed = parsePatch(await readJson(req, [SCIM_TYPE, 'application/json']));
    if ('error' in parsed) return scimError(parsed.error);
    const updated = db.users.updateProfile(user, user.profileVersion, parsed.changes);
    // Changed between our read and our write: as stale as a wrong If-Match.
    return updated ? resource(updated) : stale();
  }

  return createBearerApi({
    ...options,
    route: ROUTE,
    methods: () => ['GET', 'PATCH'],
    stepUp: new Set(),
    allowHeaders: ['authorization', 'content-type', 'dpop', 'if-match'],
    exposeHeaders: ['WWW-Authenticate', 'DPoP-Nonce', 'ETag'],
    errorReply: (status, error, description) => scimError({ status, detail: description ?? error }),
    async handle(req, user) {
      return req.method === 'PATCH' ? patch(req, user) : resource(user);
    },
    name: 'scim api',
  });
}

function scimError(error: ScimError): ApiReply {
  return { status: error.status, raw: JSON.stringify(errorBody(error)), headers: { 'Content-Type': SCIM_TYPE } };
}

function stale(): ApiReply {
  return scimError({ status: 412, detail: 'The profile changed since you read it (If-Match does not match its ETag). Read it again and retry.' });
}

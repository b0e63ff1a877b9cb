/**
 * The signed-in user's profile at a SCIM 2.0 `/Me` endpoint (RFC 7644
 * §3.11), through `client.fetch()`: read it with its ETag, write a PatchOp
 * with `If-Match`, so a change made elsewhere meanwhile is refused (412)
 * instead of overwritten.
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import type { ProfileValues } from '../core/profile.js';
import { fromScimUser, scimPatch } from '../core/scim.js';
import { transportError } from './http.js';
import type { AuthorizedFetch } from './json-api.js';

/** Where a profile is kept: SCIM here; the page's own for tests, stories and apps with their own API. */
export interface ProfileStore {
  read(): Promise<{ values: ProfileValues; etag: string | null }>;
  /** Writes the values over the version `etag` names; `profile_conflict` when it is no longer the latest. */
  write(values: ProfileValues, etag: string | null): Promise<{ values: ProfileValues; etag: string | null }>;
}

export function scimStore(endpoint: string, authorizedFetch: AuthorizedFetch): ProfileStore {
  const call = async (init: RequestInit) => {
    let response: Response;
    try {
      response = await authorizedFetch(endpoint, { ...init, headers: { accept: 'application/scim+json, application/json', ...init.headers } });
    } catch (error) {
      throw new CiamError(transportError(error));
    }
    const text = await response.text();
    if (!response.ok) throw new CiamError(scimError(response.status, text));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CiamError({ code: 'bad_response', status: response.status, detail: 'the SCIM answer is not JSON' });
    }
    if (!body || typeof body !== 'object') throw new CiamError({ code: 'bad_response', status: response.status, detail: 'the SCIM answer is not a resource' });
    return { values: fromScimUser(body as Record<string, unknown>), etag: response.headers.get('etag') };
  };
  return {
    read: () => call({ method: 'GET' }),
    write: (values, etag) =>
      call({
        method: 'PATCH',
        headers: { 'content-type': 'application/scim+json', ...(etag ? { 'if-match': etag } : {}) },
        body: JSON.stringify(scimPatch(values)),
      }),
  };
}

/** SCIM errors (RFC 7644 §3.12) as ours: a stale version, a value refused, a lapsed token. */
function scimError(status: number, text: string): CiamErrorData {
  let detail = `HTTP ${status}`;
  try {
    const body = JSON.parse(text) as { detail?: unknown; scimType?: unknown };
    if (typeof body.detail === 'string') detail = body.detail;
    if (status === 400 && typeof body.scimType === 'string') detail = `${body.scimType}: ${detail}`;
  } catch {
    // Not SCIM's error shape: the status says enough.
  }
  if (status === 412 || status === 428) return { code: 'profile_conflict', status, detail };
  if (status === 401) return { code: 'login_required', status, detail };
  if (status === 400) return { code: 'invalid_request', status, detail };
  if (status === 429) return { code: 'rate_limited', status, detail };
  return { code: status >= 500 ? 'server_error' : 'bad_response', status, detail };
}

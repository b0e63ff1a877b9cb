/**
 * The signed-in user's connected accounts at a connections API (the demo
 * OP's `/api/connections`), called through `client.fetch()` (the access
 * token, RFC 9470 step-up). Failures become CiamErrors with our codes.
 */
import type { CiamErrorData } from '../core/errors.js';
import { tryJson, type HttpResult } from '../core/http.js';
import { connectionListSchema, linkStartSchema, type ConnectionList } from '../core/schemas/connections.js';
import { jsonApi, type AuthorizedFetch } from './json-api.js';

export type { Connection, ConnectionList } from '../core/schemas/connections.js';

/** The HTTP calls of a connections API; failures are CiamErrors. */
export interface ConnectionsApi {
  list(): Promise<ConnectionList>;
  /** Where to send the browser to link `provider`; it comes back to `returnTo` with `?linked=` or `?link_error=`. */
  link(provider: string, returnTo: string): Promise<string>;
  unlink(id: string): Promise<void>;
}

export function connectionsApi(endpoint: string, authorizedFetch: AuthorizedFetch): ConnectionsApi {
  const call = jsonApi(endpoint, authorizedFetch, connectionsError);
  return {
    list: () => call('', { method: 'GET' }, connectionListSchema),
    link: async (provider, returnTo) => (await call('', { method: 'POST', body: JSON.stringify({ provider, return_to: returnTo }) }, linkStartSchema)).url,
    unlink: (id) => call(`/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/** The API's own error names (409 last_method / last_credential, already_linked) become our codes. */
export function connectionsError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'last_method' || name === 'last_credential') return { ...error, code: 'last_connection' };
  if (name === 'already_linked') return { ...error, code: 'already_linked' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}

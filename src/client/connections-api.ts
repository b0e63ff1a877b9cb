/**
 * The signed-in user's connected accounts at a connections API (the demo
 * OP's `/api/connections`), called through `client.fetch()` (the access
 * token, RFC 9470 step-up). Failures become CiamErrors with our codes.
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { parseJsonResponse, tryJson, type HttpResult, type SafeParser } from '../core/http.js';
import { connectionListSchema, linkStartSchema, type ConnectionList } from '../core/schemas/connections.js';
import { transportError } from './http.js';

export type { Connection, ConnectionList } from '../core/schemas/connections.js';

/** The HTTP calls of a connections API; failures are CiamErrors. */
export interface ConnectionsApi {
  list(): Promise<ConnectionList>;
  /** Where to send the browser to link `provider`; it comes back to `returnTo` with `?linked=` or `?link_error=`. */
  link(provider: string, returnTo: string): Promise<string>;
  unlink(id: string): Promise<void>;
}

type AuthorizedFetch = (input: string, init?: RequestInit) => Promise<Response>;

export function connectionsApi(endpoint: string, authorizedFetch: AuthorizedFetch): ConnectionsApi {
  const base = endpoint.replace(/\/+$/, '');
  const call = async <T>(path: string, init: RequestInit, schema?: SafeParser<T>): Promise<T> => {
    let response: Response;
    try {
      response = await authorizedFetch(base + path, {
        ...init,
        headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
    } catch (error) {
      throw new CiamError(transportError(error));
    }
    const result: HttpResult = { status: response.status, headers: { 'retry-after': response.headers.get('retry-after') ?? '' }, body: await response.text() };
    if (!schema && response.ok) return undefined as T; // 204 No Content
    const parsed = parseJsonResponse(result, schema ?? (anyBody as SafeParser<T>), Date.now());
    if (!parsed.ok) throw new CiamError(connectionsError(parsed.error, result));
    return parsed.value;
  };
  return {
    list: () => call('', { method: 'GET' }, connectionListSchema),
    link: async (provider, returnTo) => (await call('', { method: 'POST', body: JSON.stringify({ provider, return_to: returnTo }) }, linkStartSchema)).url,
    unlink: (id) => call(`/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

const anyBody: SafeParser<unknown> = { safeParse: (data) => ({ success: true, data }) };

/** The API's own error names (409 last_method / last_credential, already_linked) become our codes. */
export function connectionsError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'last_method' || name === 'last_credential') return { ...error, code: 'last_connection' };
  if (name === 'already_linked') return { ...error, code: 'already_linked' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}

/**
 * Calls of the passkey management API, with the user's access token
 * (client.fetch). Every answer is schema-checked; failures are CiamErrors.
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { parseJsonResponse, tryJson, type HttpResult, type SafeParser } from '../core/http.js';
import { creationOptionsSchema, passkeyListSchema, passkeySchema, type Passkey } from '../core/schemas/passkeys.js';
import { transportError } from './http.js';

export type { Passkey };

export interface PasskeyApi {
  list(): Promise<Passkey[]>;
  creationOptions(): Promise<unknown>;
  register(response: unknown, name?: string): Promise<Passkey>;
  rename(id: string, name: string): Promise<Passkey>;
  remove(id: string): Promise<void>;
}

type AuthorizedFetch = (input: string, init?: RequestInit) => Promise<Response>;

const anyBody: SafeParser<unknown> = { safeParse: (data) => ({ success: true, data }) };

export function passkeyApi(endpoint: string, authorizedFetch: AuthorizedFetch): PasskeyApi {
  const call = async <T>(path: string, init: RequestInit, schema?: SafeParser<T>): Promise<T> => {
    let response: Response;
    try {
      response = await authorizedFetch(endpoint.replace(/\/+$/, '') + path, {
        ...init,
        headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
    } catch (error) {
      throw new CiamError(transportError(error));
    }
    const result: HttpResult = { status: response.status, headers: { 'retry-after': response.headers.get('retry-after') ?? '' }, body: await response.text() };
    if (!schema && response.ok) return undefined as T; // 204 No Content
    // Without a schema only an error status gets here, and errors are read from the body's OAuth fields.
    const parsed = parseJsonResponse(result, schema ?? (anyBody as SafeParser<T>), Date.now());
    if (!parsed.ok) throw new CiamError(passkeyError(parsed.error, result));
    return parsed.value;
  };
  return {
    list: () => call('', { method: 'GET' }, passkeyListSchema),
    creationOptions: () => call('/options', { method: 'POST' }, creationOptionsSchema),
    register: (response, name) => call('', { method: 'POST', body: JSON.stringify({ response, ...(name ? { name } : {}) }) }, passkeySchema),
    rename: (id, name) => call(`/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ name }) }, passkeySchema),
    remove: (id) => call(`/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/** The API's own error names (409 last_credential / already_registered, 400 invalid_passkey) become our codes. */
function passkeyError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'last_credential') return { ...error, code: 'last_credential' };
  if (name === 'already_registered') return { ...error, code: 'passkey_exists' };
  if (name === 'invalid_passkey') return { ...error, code: 'invalid_passkey' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}

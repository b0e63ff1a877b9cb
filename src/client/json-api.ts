/**
 * One call of a JSON API about the signed-in user (passkeys, connected
 * accounts) through `client.fetch()`: the answer checked by its schema, a
 * `204` without one; anything else a CiamError, which `named` may give the
 * API's own code (its `error` field) instead of the OAuth one.
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { parseJsonResponse, type HttpResult, type SafeParser } from '../core/http.js';
import { transportError } from './http.js';

export type AuthorizedFetch = (input: string, init?: RequestInit) => Promise<Response>;
export type ApiCall = <T>(path: string, init: RequestInit, schema?: SafeParser<T>) => Promise<T>;

export function jsonApi(endpoint: string, authorizedFetch: AuthorizedFetch, named: (error: CiamErrorData, result: HttpResult) => CiamErrorData): ApiCall {
  const base = endpoint.replace(/\/+$/, '');
  return async <T>(path: string, init: RequestInit, schema?: SafeParser<T>): Promise<T> => {
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
    // Without a schema only an error status gets here, and errors are read from the body's OAuth fields.
    const parsed = parseJsonResponse(result, schema ?? (anyBody as SafeParser<T>), Date.now());
    if (!parsed.ok) throw new CiamError(named(parsed.error, result));
    return parsed.value;
  };
}

const anyBody: SafeParser<unknown> = { safeParse: (data) => ({ success: true, data }) };

/**
 * The signed-in user's sessions at a sessions API (the demo OP's
 * `/api/sessions`), through `client.fetch()`: list them, end one, end all
 * but this one.
 */
import type { CiamErrorData } from '../core/errors.js';
import type { HttpResult } from '../core/http.js';
import { deviceSessionsSchema, type DeviceSession } from '../core/schemas/sessions.js';
import { jsonApi, type AuthorizedFetch } from './json-api.js';

export type { DeviceSession } from '../core/schemas/sessions.js';

export interface SessionsApi {
  list(): Promise<DeviceSession[]>;
  end(id: string): Promise<void>;
  /** Every session but the one asking. */
  endOthers(): Promise<void>;
}

export function sessionsApi(endpoint: string, authorizedFetch: AuthorizedFetch): SessionsApi {
  const call = jsonApi(endpoint, authorizedFetch, sessionsError);
  return {
    list: async () => (await call('', { method: 'GET' }, deviceSessionsSchema)).sessions,
    end: (id) => call(`/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    endOthers: () => call('', { method: 'DELETE' }),
  };
}

function sessionsError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  return result.status === 401 ? { ...error, code: 'login_required' } : error;
}

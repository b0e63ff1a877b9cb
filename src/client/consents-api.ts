/**
 * The signed-in user's consents at a consent API (the demo OP's
 * `/api/consents`), through `client.fetch()`: what is asked, what was
 * decided, each decision's receipt, and the receipt as the OP signed it
 * (a compact JWS anyone can verify with the OP's JWKS).
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { tryJson, type HttpResult } from '../core/http.js';
import { consentsSchema, receiptAnswerSchema, type Consents, type Receipt } from '../core/schemas/consents.js';
import { transportError } from './http.js';
import { jsonApi, type AuthorizedFetch } from './json-api.js';

export type { Consents, Purpose, Receipt } from '../core/schemas/consents.js';

export interface ConsentsApi {
  list(): Promise<Consents>;
  /** `version`: the document version the user saw (a grant of a newer one is refused: `version_changed`). */
  decide(purpose: string, action: 'grant' | 'withdraw', version?: string): Promise<Receipt>;
  /** The signed receipt (compact JWS), as text. */
  signedReceipt(id: string): Promise<string>;
}

export function consentsApi(endpoint: string, authorizedFetch: AuthorizedFetch): ConsentsApi {
  const base = endpoint.replace(/\/+$/, '');
  const call = jsonApi(base, authorizedFetch, consentsError);
  return {
    list: () => call('', { method: 'GET' }, consentsSchema),
    decide: async (purpose, action, version) =>
      (await call('', { method: 'POST', body: JSON.stringify({ purpose, action, ...(version ? { version } : {}) }) }, receiptAnswerSchema)).receipt,
    signedReceipt: async (id) => {
      let response: Response;
      try {
        response = await authorizedFetch(`${base}/receipts/${encodeURIComponent(id)}`, { headers: { accept: 'application/jose' } });
      } catch (error) {
        throw new CiamError(transportError(error));
      }
      const text = await response.text();
      if (!response.ok) throw new CiamError({ code: response.status === 401 ? 'login_required' : 'bad_response', status: response.status });
      return text.trim();
    },
  };
}

/** The API's own error names become our codes: a document that changed while the page showed the old one. */
function consentsError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'version_changed') return { ...error, code: 'version_changed' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}

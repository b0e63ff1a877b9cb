/**
 * Turns a raw HTTP result (as the interpreter recorded it) into parsed data
 * or a typed error. Pure: the interpreter does the fetch, core decides.
 */
import type { CiamErrorData } from './errors.js';
import { oauthErrorCode, parseRetryAfter } from './errors.js';
import { oauthErrorSchema } from './schemas/oidc.js';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** application/x-www-form-urlencoded body, already encoded. */
  body?: string;
  /** Cookies are never sent to an OP, except by hosted mode to its own origin (the interaction cookie). */
  credentials?: 'omit' | 'same-origin';
  /** The interpreter adds an RFC 9449 DPoP proof of the page's key (connectors/dpop.ts): the OP binds the flow to it. */
  proof?: 'dpop';
  /** The interpreter adds the guest session's access token as `guest_token`: the OP binds the guest to this sign-in. */
  guest?: true;
}

export interface HttpResult {
  status: number;
  /** Lower-cased header names; only the ones core reads are kept. */
  headers: Record<string, string>;
  body: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: CiamErrorData };

/** What a zod/mini schema offers; also satisfied by hand-written parsers. */
export interface SafeParser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

export function parseJsonResponse<T>(result: HttpResult, schema: SafeParser<T>, nowMs: number): Parsed<T> {
  if (result.status === 429) {
    return fail({ code: 'rate_limited', status: 429, retryAfterSeconds: parseRetryAfter(result.headers['retry-after'], nowMs) });
  }
  const json = tryJson(result.body);
  if (result.status >= 400) {
    const oauth = json === undefined ? undefined : oauthErrorSchema.safeParse(json);
    if (oauth?.success) {
      return fail({ code: oauthErrorCode(oauth.data.error), detail: oauth.data.error_description ?? oauth.data.error, status: result.status });
    }
    if (result.status === 503) {
      return fail({ code: 'temporarily_unavailable', status: 503, retryAfterSeconds: parseRetryAfter(result.headers['retry-after'], nowMs) });
    }
    return fail({ code: result.status >= 500 ? 'server_error' : 'bad_response', status: result.status, detail: `HTTP ${result.status}` });
  }
  if (json === undefined) return fail({ code: 'bad_response', status: result.status, detail: 'response is not JSON' });
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail({ code: 'bad_response', status: result.status, detail: parsed.error.message });
  return { ok: true, value: parsed.data };
}

/** The body as JSON, or undefined when it is not JSON (an HTML error page, a cut-off answer). */
export function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function fail(error: CiamErrorData): Parsed<never> {
  return { ok: false, error: stripUndefined(error) };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Runs `http` effects: fetch with a timeout, the result recorded as plain data for core. */
import type { CiamErrorData } from '../core/errors.js';
import type { HttpRequest, HttpResult } from '../core/http.js';

/** What core reads (`retry-after`, `content-type`) and the discovery cache (`cache-control`, `age`). */
const keptHeaders = ['retry-after', 'content-type', 'cache-control', 'age'];

export type HttpOutcome = { ok: true; result: HttpResult } | { ok: false; error: CiamErrorData };

export async function runHttp(request: HttpRequest, timeoutMs: number): Promise<HttpOutcome> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...request.headers },
      body: request.body,
      credentials: request.credentials ?? 'omit',
      // GETs (userinfo, ...) are never answered from or kept in the HTTP cache. A POST never is anyway,
      // and 'no-store' would also make Chromium skip its CORS preflight cache: the embedded flow's DPoP
      // header would then cost a preflight before every challenge request instead of one per hour.
      cache: request.method === 'GET' ? 'no-store' : 'default',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { ok: true, result: { status: response.status, headers, body: await response.text() } };
  } catch (error) {
    return { ok: false, error: transportError(error) };
  }
}

/** A fetch that never got a response: timeout, offline, DNS, CORS. */
export function transportError(error: unknown): CiamErrorData {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { code: 'timeout', detail: String((error as Error).message) };
  return { code: 'network', detail: error instanceof Error ? error.message : String(error) };
}

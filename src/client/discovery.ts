/**
 * The discovery document, asked once per page and kept for the tab
 * (issue 13): every client of the page with the same authority shares one
 * request, which starts when the first element connects; a reload, or the
 * page the OP sends the user back to, reads it from sessionStorage for as
 * long as the OP's `Cache-Control: max-age` allows, without a request.
 * Discovery is public, so sessionStorage holds nothing secret here; an OP
 * that says `no-store`, `no-cache` or nothing is asked on every page load.
 */
import type { HttpResult } from '../core/http.js';
import { runHttp, type HttpOutcome } from './http.js';

const STORAGE_PREFIX = 'ciam.discovery:';
const requestsKey = Symbol.for('ciam-elements.discovery');

/** Requests under way, on globalThis so that two copies of the bundle share them too. */
function requests(): Map<string, Promise<HttpOutcome>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Promise<HttpOutcome>> | undefined>;
  return (g[requestsKey] ??= new Map<string, Promise<HttpOutcome>>());
}

interface Kept {
  expires: number;
  result: HttpResult;
}

/** The document at `url`: kept for the tab, already on its way, or asked now. */
export function fetchDiscovery(url: string, timeoutMs: number): Promise<HttpOutcome> {
  const kept = read(url, Date.now());
  if (kept) return Promise.resolve({ ok: true, result: kept });
  const pending = requests();
  let request = pending.get(url);
  if (!request) {
    const asked = Date.now();
    request = runHttp({ url, method: 'GET' }, timeoutMs).then((outcome) => {
      pending.delete(url);
      if (outcome.ok) keep(url, outcome.result, asked);
      return outcome;
    });
    pending.set(url, request);
  }
  return request;
}

/** Seconds the OP lets a copy be used (RFC 9111 §5.2.2.1 `max-age`, less the response's `Age`); 0 when it may not be kept. */
export function freshFor(headers: Record<string, string>): number {
  const directives = (headers['cache-control'] ?? '').toLowerCase();
  if (/(^|[\s,])(no-store|no-cache)\b/.test(directives)) return 0;
  const maxAge = /(?:^|[\s,])max-age\s*=\s*"?(\d+)/.exec(directives);
  if (!maxAge) return 0;
  const age = Number.parseInt(headers['age'] ?? '0', 10);
  return Math.max(0, Number(maxAge[1]) - (Number.isFinite(age) ? age : 0));
}

function keep(url: string, result: HttpResult, asked: number) {
  const seconds = result.status === 200 ? freshFor(result.headers) : 0;
  if (seconds === 0) return;
  try {
    sessionStorage.setItem(STORAGE_PREFIX + url, JSON.stringify({ expires: asked + seconds * 1000, result } satisfies Kept));
  } catch {
    // Storage full or refused (a private window's quota): the next page asks again.
  }
}

function read(url: string, now: number): HttpResult | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_PREFIX + url);
    if (raw === null) return null;
    const kept = JSON.parse(raw) as Partial<Kept>;
    if (typeof kept.expires === 'number' && kept.expires > now && kept.result && typeof kept.result.body === 'string') return kept.result;
    sessionStorage.removeItem(STORAGE_PREFIX + url);
  } catch {
    // No storage, or not ours to read: ask.
  }
  return null;
}

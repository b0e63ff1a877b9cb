import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSP } from './views.js';

// Our forms carry a few short fields; anything bigger is not from them.
const MAX_FORM_BYTES = 16 * 1024;
/** Comments that keep an event stream open through proxies that close idle connections. */
const KEEPALIVE_MS = 25_000;

/**
 * A session's end as server-sent events, its head already written (sessions-api.ts, the BFF's /bff/events): a
 * comment at once (so the browser's fetch resolves), keep-alives, then `event: session-ended` when `watch` calls
 * the end it is given. What `watch` returns is called when the browser goes away.
 */
export function sessionEndStream(res: ServerResponse, watch: (end: () => void) => () => void): void {
  res.write(': listening\n\n');
  const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
  const stop = watch(() => res.end('event: session-ended\ndata: {}\n\n'));
  res.on('close', () => {
    clearInterval(keepalive);
    stop();
  });
}

/**
 * A request another site's page sent (its Origin is not the issuer's). A form POST needs no preflight, so
 * this check (with SameSite=Lax cookies) is what keeps other sites from driving the OP's own pages' endpoints.
 */
export function isCrossOrigin(req: IncomingMessage, issuer: string): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin !== new URL(issuer).origin;
}

/** The interaction is gone (expired, already answered, another browser), as the JSON endpoints say it. */
export function expiredInteraction(): { status: number; body: Record<string, string> } {
  return { status: 400, body: { error: 'invalid_session', error_description: 'This sign-in request has expired or was already completed.' } };
}

/** How the JSON endpoints of the OP's own pages (hosted.ts, the consent answer) answer a failure. */
export function jsonFailure(err: unknown, where: string): { status: number; body: Record<string, string> } {
  if (err instanceof HttpError) return { status: err.status, body: { error: 'invalid_request', error_description: err.message } };
  // oidc-provider throws SessionNotFound when the interaction ended between the check and the result.
  if ((err as { name?: string }).name === 'SessionNotFound') return expiredInteraction();
  console.error(`[demo-op] ${where} error`, err);
  return { status: 500, body: { error: 'server_error', error_description: 'Something went wrong on our side.' } };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'Expected an HTML form submission.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new HttpError(413, 'The form submission is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** `csp`: the hosted sign-in pages (views.ts) need a policy of their own for the elements. */
export function sendHtml(res: ServerResponse, status: number, body: string, csp = CSP): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    // Pages embed interaction state and typed emails: never cache them.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

/** JSON for the challenge endpoints: auth_session values and codes are never cached anywhere. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', cache = 'no-store'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string): void {
  // 303 so the browser follows a POST with a GET.
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': '0' });
  res.end();
}

/**
 * The demo app server's analytics endpoint for `ciam-journey` events: the
 * page sends each one with `navigator.sendBeacon('/journey', …)` and shows
 * the funnel from `GET /journey/funnel` (started and completed sign-ins per
 * method, across page loads and redirects). What an app would send to its
 * analytics: the events carry nothing personal (src/core/journey.ts), and
 * this keeps only their known fields. With `CIAM_JOURNEY_LOG` set (the e2e
 * suite), every event is also appended there, for the privacy scan.
 */
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

const FIELDS = ['type', 'attempt', 'mode', 'element', 'step', 'method', 'outcome', 'code', 'duration'] as const;
type Journey = Partial<Record<(typeof FIELDS)[number], string>>;
const MAX_EVENTS = 10_000;
const MAX_BODY = 2048;

export function journeyCollector(log = process.env.CIAM_JOURNEY_LOG): Plugin {
  const events: Journey[] = [];
  return {
    name: 'demo-journey',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0];
        if (path === '/journey' && req.method === 'POST') return void collect(req, res);
        if (path === '/journey/funnel' && req.method === 'GET') return send(res, 200, funnel(events));
        next();
      });
    },
  };

  async function collect(req: IncomingMessage, res: ServerResponse) {
    let body = '';
    for await (const chunk of req as AsyncIterable<Buffer>) {
      body += chunk.toString('utf8');
      if (body.length > MAX_BODY) return send(res, 413, { error: 'too large' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(res, 400, { error: 'not JSON' });
    }
    if (!parsed || typeof parsed !== 'object') return send(res, 400, { error: 'not an object' });
    // Whatever else a page might send is dropped, not stored.
    const event: Journey = {};
    for (const field of FIELDS) {
      const value = (parsed as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.length <= 64) event[field] = value;
    }
    if (events.length >= MAX_EVENTS) events.shift();
    events.push(event);
    if (log) appendFileSync(log, `${JSON.stringify(parsed)}\n`); // as received: the scan checks what the page sent
    res.writeHead(204).end();
  }
}

/** Per method: attempts that chose it, and those of them that ended signed in (the last method an attempt chose counts). */
export function funnel(events: Journey[]): Record<string, { started: number; completed: number }> {
  const rows: Record<string, { started: number; completed: number }> = {};
  const last = new Map<string, string>();
  for (const event of events) {
    if (!event.attempt) continue;
    if (event.type === 'method' && event.method) {
      if (last.get(event.attempt) !== event.method) (rows[event.method] ??= { started: 0, completed: 0 }).started++;
      last.set(event.attempt, event.method);
    } else if (event.type === 'outcome' && event.outcome === 'ok') {
      const method = last.get(event.attempt);
      if (method) rows[method].completed++;
      last.delete(event.attempt);
    }
  }
  return rows;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

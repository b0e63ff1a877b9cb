/**
 * The consent purposes' documents as pages: GET /legal/<purpose>/<version>,
 * every version ever current (an old receipt's URL keeps working). Public,
 * cacheable only briefly (a demo can publish a new version at any time; the
 * text of a version never changes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Purposes } from './consent-receipts.js';
import { CSP, documentPage } from './views.js';

const ROUTE = /^\/legal\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9._-]{1,32})$/;

export function createLegalHandler(purposes: Purposes) {
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const match = ROUTE.exec(path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const [, id, version] = match;
    const purpose = purposes.find(id);
    const doc = purpose && purposes.version(id, version);
    if (!purpose || !doc) return false;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : documentPage({ title: purpose.title, ...doc }));
    return true;
  };
}

import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendText } from './http.js';
import { ELEMENTS_PATH } from './views.js';

// The built ciam-elements library (`vite build --mode cdn`: ciam-login.js, chunks/*.js)
// served at /assets/elements/ for the hosted sign-in pages, so the OP's own
// pages are made of the same web components as any app's.

// Only what a library build contains; anything else in the directory stays private.
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export type AssetsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createElementsHandler(dir: string): AssetsHandler {
  const root = resolve(dir);
  // Not fatal: `vite build` may run after the OP starts; files are read per request.
  if (!existsSync(join(root, 'ciam-login.js'))) {
    console.warn(`[demo-op] elementsDir ${root} has no ciam-login.js (run \`npx vite build --mode cdn\`); hosted pages will not load it`);
  }

  return async (req, res) => {
    // The raw request target, not a parsed URL: parsing would quietly resolve
    // "/assets/elements/../x" to "/assets/x", and we want to refuse it here.
    const target = (req.url ?? '/').split('?')[0];
    if (!target.startsWith(ELEMENTS_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    const file = await locate(root, target.slice(ELEMENTS_PATH.length));
    if (!file) {
      sendText(res, 404, 'not found');
      return true;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)],
      'Content-Length': String(body.length),
      // Revalidate every time: a rebuild must show up on the next page load.
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/** The file for a path below ELEMENTS_PATH, or undefined when it is missing, hidden or outside `root`. */
async function locate(root: string, rest: string): Promise<string | undefined> {
  let segments: string[];
  try {
    segments = rest.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  // No empty, dot, dot-dot or dotfile segments, and nothing that decodes to a separator.
  if (segments.some((s) => s === '' || s.startsWith('.') || /[/\\\0]/.test(s))) return undefined;
  if (!served(segments[segments.length - 1])) return undefined;
  try {
    // realpath on both sides: a symlink inside the directory must not lead out of it.
    const [base, file] = await Promise.all([realpath(root), realpath(join(root, ...segments))]);
    if (!file.startsWith(base + sep) || !served(file)) return undefined;
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function served(name: string): boolean {
  return Object.hasOwn(TYPES, extname(name));
}

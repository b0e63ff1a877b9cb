/**
 * A static server for the fixture apps' build output, on 127.0.0.1 (port 0),
 * which is also a stub OP: just enough discovery for the elements to reach
 * their signed-out view. Nothing signs in here; the pages only have to show
 * that the installed package upgrades and draws its elements.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Pages write `__ORIGIN__` where the stub OP's URL goes (the port is only known once the server listens). */
export const ORIGIN_PLACEHOLDER = '__ORIGIN__';

export interface StaticServer {
  origin: string;
  /** Serves `html` at `path` (a page assembled by the test, e.g. a server render). */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const pages = new Map<string, string>();
  let origin = '';
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Access-Control-Allow-Origin': '*' });
      res.end(JSON.stringify(discovery(origin)));
      return;
    }
    // A sign-in link's page asks the challenge endpoint what the link is for: another device asked (inspectLinkPage).
    if (path === '/challenge' && req.method === 'POST') {
      const form = new URLSearchParams(
        await new Promise<string>((done) => {
          let body = '';
          req.on('data', (chunk: Buffer) => (body += chunk.toString()));
          req.on('end', () => done(body));
        }),
      );
      const known = form.has('link');
      res.writeHead(known ? 200 : 400, { 'Content-Type': TYPES['.json'] });
      res.end(
        JSON.stringify(
          known ? { link_status: 'confirm', device: 'Firefox on Linux', requested_at: Math.floor(Date.now() / 1000) } : { error: 'invalid_request' },
        ),
      );
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const assembled = pages.get(path);
    if (assembled !== undefined) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(assembled.replaceAll(ORIGIN_PLACEHOLDER, origin));
      return;
    }
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root + sep) || !type || !(await isFile(file))) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': type });
    res.end(type === TYPES['.html'] ? body.toString('utf8').replaceAll(ORIGIN_PLACEHOLDER, origin) : body);
  };
  const server: Server = createServer((req, res) => {
    // A request that fails (a bad path, an unreadable file) is answered 500, not left as an unhandled rejection.
    answer(req, res).catch((error: unknown) => (res.headersSent ? res.destroy() : res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error))));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page: (path, html) => void pages.set(path, html),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** OpenID Connect Discovery 1.0 for an OP at `origin`, with the first-party challenge endpoint (embedded mode). */
function discovery(origin: string) {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    userinfo_endpoint: `${origin}/userinfo`,
    jwks_uri: `${origin}/jwks`,
    end_session_endpoint: `${origin}/logout`,
    authorization_challenge_endpoint: `${origin}/challenge`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    scopes_supported: ['openid', 'profile', 'email'],
    authorization_response_iss_parameter_supported: true,
  };
}

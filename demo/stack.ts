/**
 * The demo stack: the two stand-in upstream IdPs (Social ID, Acme Corp SSO),
 * the OP (federating with them) and the Vite-served demo app, started and
 * stopped together. `npm start` and the e2e tests both use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer, type Plugin, type ViteDevServer } from 'vite';
import { startBff, type RunningBff } from './bff/server.js';
import { BFF_CLIENT } from './op/provider.js';
import { journeyCollector } from './journey.js';
import { startOp, type RunningOp, type StartOpOptions, type UpstreamConfig } from './op/server.js';
import { startUpstream, type RunningUpstream } from './upstream/server.js';

const root = resolve(import.meta.dirname, '..');

export interface StackOptions {
  opPort: number;
  appPort: number;
  dbPath: string;
  log?: boolean;
  /** OP settings tests adjust: token lifetimes, rate limits. */
  op?: Pick<StartOpOptions, 'accessTokenTtlSeconds' | 'rateLimit' | 'recentAuthMaxAgeSeconds' | 'botCheck'>;
  /** Ports of the upstream IdPs on 127.0.0.1 (default 0: free ones; `npm start` uses 4001 and 4002). */
  upstreamPorts?: { social?: number; acme?: number };
}

/** Demo ID's client at both upstreams (a development secret, like everything here). */
const UPSTREAM_CLIENT = { client_id: 'demo-id', client_secret: 'demo-id-upstream-secret-for-development-only', client_name: 'Demo ID' };
/** Company domains and their IdP: an email there signs in at Acme Corp SSO. */
export const DOMAIN_ROUTES = { 'acme.test': 'acme' };

export interface Stack {
  opUrl: string;
  appUrl: string;
  op: RunningOp;
  app: ViteDevServer;
  /** Stops only the OP (to test an OP outage); `startOp()` brings it back on the same port and data. */
  stopOp(): Promise<void>;
  startOp(): Promise<void>;
  /** Issuer URLs of the upstream IdPs, e.g. http://127.0.0.1:4001. */
  upstreams: { social: string; acme: string };
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  // `localhost`, not 127.0.0.1: WebAuthn needs a domain as RP ID. Both servers still listen on 127.0.0.1 only.
  const opUrl = `http://localhost:${options.opPort}`;
  const appUrl = `http://localhost:${options.appPort}`;
  // The upstreams first: the OP is their client, and their issuers are part of its configuration.
  const redirect_uris = [`${opUrl}/federation/callback`];
  const upstreams: RunningUpstream[] = [];
  try {
    upstreams.push(
      await startUpstream({ port: options.upstreamPorts?.social ?? 0, kind: 'social', clients: [{ ...UPSTREAM_CLIENT, redirect_uris }], log: options.log }),
    );
    upstreams.push(
      await startUpstream({ port: options.upstreamPorts?.acme ?? 0, kind: 'enterprise', clients: [{ ...UPSTREAM_CLIENT, redirect_uris }], log: options.log }),
    );
  } catch (error) {
    await Promise.all(upstreams.map((u) => u.close()));
    throw error;
  }
  const [social, acme] = upstreams;
  const upstreamConfig = upstreams.map((u): UpstreamConfig => ({
    id: u.id,
    name: u.name,
    issuer: u.issuer,
    clientId: UPSTREAM_CLIENT.client_id,
    clientSecret: UPSTREAM_CLIENT.client_secret,
    kind: u.kind,
  }));
  const closeUpstreams = () => Promise.all(upstreams.map((u) => u.close()));
  const opOptions: StartOpOptions = {
    ...options.op,
    port: options.opPort,
    issuer: opUrl,
    appOrigins: [appUrl],
    dbPath: options.dbPath,
    log: options.log,
    upstreams: upstreamConfig,
    domainRoutes: DOMAIN_ROUTES,
  };
  let op: RunningOp | null;
  try {
    // Hosted mode: the OP's own sign-in pages are built from the library's elements.
    opOptions.elementsDir = await builtElements();
    op = await startOp(opOptions);
  } catch (error) {
    await closeUpstreams();
    throw error;
  }
  // The backend-for-frontend of bff.html: the app server hands it /bff/*, so it shares the pages' origin.
  let bff: RunningBff;
  try {
    bff = await startBff({ port: 0, issuer: opUrl, appOrigin: appUrl, client: { id: BFF_CLIENT.id, secret: BFF_CLIENT.secret } });
  } catch (error) {
    await Promise.all([op.close(), closeUpstreams()]);
    throw error;
  }
  let app: ViteDevServer;
  try {
    app = await createServer({
      configFile: resolve(root, 'vite.config.ts'),
      logLevel: options.log ? 'info' : 'warn',
      server: { port: options.appPort, host: '127.0.0.1', strictPort: true, hmr: false, proxy: { '^/bff/': { target: bff.url, xfwd: false } } },
      plugins: [injectOpUrl(opUrl), strictCsp(opUrl), journeyCollector()],
    });
    await app.listen();
  } catch (error) {
    await Promise.all([op.close(), bff.close(), closeUpstreams()]); // e.g. the app port is taken: leave nothing running
    throw error;
  }
  const stack: Stack = {
    opUrl,
    appUrl,
    get op() {
      if (!op) throw new Error('the OP is stopped');
      return op;
    },
    app,
    async stopOp() {
      await op?.close();
      op = null;
    },
    async startOp() {
      op ??= await startOp(opOptions);
    },
    upstreams: { social: social.issuer, acme: acme.issuer },
    async close() {
      await Promise.all([app.close(), op?.close(), bff.close(), closeUpstreams()]);
      op = null;
    },
  };
  return stack;
}

let elements: Promise<string> | undefined;

/** The library built once per process into a temporary folder, for the OP's hosted pages: the self-contained cdn/ shape (no bundler there). */
function builtElements(): Promise<string> {
  elements ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ciam-elements-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({ configFile: resolve(root, 'vite.config.ts'), mode: 'cdn', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    return outDir;
  })();
  return elements;
}

/** The demo pages carry `authority="%OP_URL%"`. */
function injectOpUrl(opUrl: string): Plugin {
  return { name: 'demo-op-url', transformIndexHtml: { order: 'pre', handler: (html) => html.replaceAll('%OP_URL%', opUrl) } };
}

/**
 * The policy names of Trusted Types the elements need: Lit's own (`lit-html`,
 * for its templates), nothing else. docs/security.md.
 */
export const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types lit-html";

/**
 * The demo runs under the strict policy we promise to support: no inline
 * script or style, Trusted Types for every DOM sink, connections only to
 * itself and the OP. Also used by the e2e pages for other OPs
 * (test/e2e/foreign-stack.ts), with their URLs.
 */
export function strictCsp(...opUrls: string[]): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${opUrls.join(' ')}`,
    "img-src 'self' https: data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    TRUSTED_TYPES,
  ].join('; ');
  return {
    name: 'demo-csp',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0];
        // Vue's runtime creates a policy of its own (`vue`) as it loads: the Vue page names it too.
        if (path === '/' || path?.endsWith('.html')) res.setHeader('Content-Security-Policy', path === '/vue.html' ? `${policy} vue` : policy);
        next();
      });
    },
  };
}

/**
 * Stand-in upstream identity providers for federation: "Social ID" (a
 * consumer login) and "Acme Corp SSO" (a company IdP). Each is its own
 * node-oidc-provider on its own 127.0.0.1 port, with users in memory, one
 * tiny server-rendered sign-in page and Demo ID as its only (confidential)
 * client. Real OIDC on the wire (code flow, PKCE S256 required, state, nonce),
 * so the demo OP's relying-party side is tested against the real thing.
 */
import { generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Account, Grant, Interaction, KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapterFactory } from '../op/adapter.js';
import { html } from '../op/html.js';
import type { SafeHtml } from '../op/html.js';
import { HttpError, readForm, redirect, sendHtml, sendText } from '../op/http.js';
import { UPSTREAM_BRANDS, UPSTREAM_PASSWORD, findUpstreamUser } from './users.js';
import type { UpstreamKind, UpstreamUser } from './users.js';

export { UPSTREAM_PASSWORD, SOCIAL_USERS, ACME_USERS } from './users.js';
export type { UpstreamKind, UpstreamUser } from './users.js';

export interface UpstreamClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Shown on the sign-in page ("to continue to …"). */
  client_name?: string;
}

export interface StartUpstreamOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (the issuer then uses it). */
  port: number;
  kind: UpstreamKind;
  /** Defaults to http://127.0.0.1:<port>. */
  issuer?: string;
  clients: UpstreamClient[];
  /** One line per request to stdout. */
  log?: boolean;
}

export interface RunningUpstream {
  /** `social` or `acme`: the id Demo ID knows this upstream by. */
  id: string;
  name: string;
  kind: UpstreamKind;
  issuer: string;
  port: number;
  close(): Promise<void>;
}

// Not the demo OP's _session etc.: cookies are per host, not per port, so on
// one host the OP's and the upstreams' cookies of the same name would clobber each other.
const cookieNames = (id: string) => ({ session: `_${id}_session`, interaction: `_${id}_interaction`, resume: `_${id}_resume` });
const CSS = readFileSync(new URL('../op/op.css', import.meta.url), 'utf8');
const CSP = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'";
const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;

interface GrantContext {
  oidc: {
    provider: Provider;
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
  };
}

export async function startUpstream(options: StartUpstreamOptions): Promise<RunningUpstream> {
  const brand = UPSTREAM_BRANDS[options.kind];
  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined = undefined;
  const server = createServer((req, res) => {
    if (options.log) {
      res.on('finish', () => console.log(`[${brand.id}] ${req.method} ${req.url} ${res.statusCode}`));
    }
    if (!app) return sendText(res, 503, 'starting');
    app(req, res).catch((err: unknown) => {
      console.error(`[${brand.id}] unhandled error`, err);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const users = brand.users;
  const clientNames = Object.fromEntries(options.clients.map((c) => [c.client_id, c.client_name ?? c.client_id]));

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const storage = createMemoryAdapterFactory();
  const provider = new Provider(issuer, {
    adapter: storage.adapter,
    clients: options.clients.map(({ client_name: _name, ...client }) => ({
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    // Confidential clients too: PKCE on every request, as OAuth 2.1 and the BCP ask.
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The profile and email go into the ID token, which is all Demo ID reads.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string): Account | undefined => {
      const user = users.find((u) => u.sub === sub);
      return user && { accountId: user.sub, claims: () => claimsOf(user) };
    },
    // Demo ID is this IdP's own client: no consent page, every sign-in grants the three scopes.
    loadExistingGrant: async (ctx: GrantContext): Promise<Grant | undefined> => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: cookieNames(brand.id),
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' }] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Session: 3600, Grant: 3600, Interaction: 600 },
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.status = ctx.status >= 400 ? ctx.status : 400;
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', CSP);
      ctx.body = page(brand.name, 'Something went wrong', html`<h1>Something went wrong</h1><p class="lede">${out.error_description ?? out.error}</p>`);
      return Promise.resolve();
    },
  });
  provider.proxy = false;
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new HttpError(400, 'This sign-in page is out of date.');
    if (action === 'abort') {
      const to = await provider.interactionResult(req, res, { error: 'access_denied', error_description: 'The user cancelled.' });
      return redirect(res, to);
    }
    if (action === 'login' && req.method === 'POST') {
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const user = findUpstreamUser(users, login);
      if (!user || !samePassword(form.get('password') ?? '')) {
        return sendHtml(res, 200, signInPage(brand.name, details, clientNames, users, login, 'Wrong email, username or password.'));
      }
      const to = await provider.interactionResult(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
      return redirect(res, to);
    }
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
    sendHtml(res, 200, signInPage(brand.name, details, clientNames, users, hint));
  }

  app = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://upstream.invalid').pathname;
    if (path === '/op.css') return sendText(res, 200, CSS, 'text/css; charset=utf-8', 'public, max-age=300');
    const match = ROUTE.exec(path);
    if (match) {
      const action = match[2];
      if ((action && req.method !== 'POST') || (!action && req.method !== 'GET')) {
        res.writeHead(405).end();
        return;
      }
      try {
        await interaction(req, res, match[1], action);
      } catch (err) {
        const message = err instanceof HttpError ? err.message : 'This sign-in request has expired or was already completed.';
        if (!(err instanceof HttpError) && (err as { name?: string }).name !== 'SessionNotFound') console.error(`[${brand.id}]`, err);
        sendHtml(res, 400, page(brand.name, 'Something went wrong', html`<h1>Something went wrong</h1><p class="lede">${message}</p>`));
      }
      return;
    }
    await oidc(req, res);
  };

  return {
    id: brand.id,
    name: brand.name,
    kind: options.kind,
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          storage.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function claimsOf(user: UpstreamUser): Record<string, unknown> {
  return {
    sub: user.sub,
    email: user.email,
    ...(user.email_verified === undefined ? {} : { email_verified: user.email_verified }),
    name: user.name,
  };
}

function samePassword(input: string): boolean {
  const a = Buffer.from(input);
  const b = Buffer.from(UPSTREAM_PASSWORD);
  return a.length === b.length && timingSafeEqual(a, b);
}

function page(brand: string, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${brand}</title>
<link rel="stylesheet" href="/op.css">
</head>
<body>
<main class="card">
<p class="brand">${brand}</p>
${content}
</main>
</body>
</html>
`.value;
}

function signInPage(
  brand: string,
  interaction: Interaction,
  clientNames: Record<string, string>,
  users: readonly UpstreamUser[],
  login: string,
  error?: string,
): string {
  const base = `/interaction/${interaction.uid}`;
  const clientId = typeof interaction.params.client_id === 'string' ? interaction.params.client_id : '';
  const accounts = users.map((u) => html`<li><strong>${u.username}</strong> · ${u.email}: ${u.note}</li>`);
  return page(
    brand,
    'Sign in',
    html`<h1>Sign in with ${brand}</h1>
<p class="lede">to continue to <strong>${clientNames[clientId] ?? clientId}</strong></p>
${error ? html`<p class="error" id="form-error" role="alert">${error}</p>` : ''}
<form method="post" action="${base}/login">
<label for="login">Email or username</label>
<input id="login" name="login" type="text" autocomplete="username" required value="${login}"${login ? '' : html` autofocus`}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${login ? html` autofocus` : ''}>
<button type="submit" class="primary">Sign in</button>
</form>
<form method="post" action="${base}/abort" class="secondary-action">
<button type="submit" class="link">Cancel</button>
</form>
<h2>Accounts you can use here</h2>
<ul class="hint">${accounts}</ul>
<p class="hint">Password for all of them: <code>${UPSTREAM_PASSWORD}</code></p>`,
  );
}

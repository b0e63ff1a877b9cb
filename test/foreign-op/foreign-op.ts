/**
 * A second OpenID Provider for the tests, configured unlike the demo OP (demo/op)
 * and stricter, the way real providers are: an issuer with a path, ES256-only
 * ID tokens, pairwise subjects, name and email in userinfo only, nonce required,
 * no prompt=create, revocation refused, CORS for one origin, logout that returns
 * to the app only with `state`, and its own plain server-rendered login page.
 * Keycloak-like paths, so nothing can work by guessing the demo's, and Keycloak 26's
 * organizations (scope `organization:<alias>`, claim `organization`), which switch
 * only by a new authorization request: no token exchange, no `organization_parameter`.
 * node-oidc-provider with its in-memory adapter; nothing persists.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Account, ClientLike } from 'oidc-provider';
import { createLoginActions, errorPage, logoutPage, sendPage, signedOutPage } from './pages.js';
import { asKoa, logoutNeedsState, oneOriginCors, refuseRevocation, requireNonce } from './strict.js';

export const REALM_PATH = '/realms/shop';
export const FOREIGN_CLIENT_ID = 'shop-web';
export const FOREIGN_USER = { id: 'f3b0c2d4-grace', email: 'grace@example.com', password: 'flowmatic-cobol-1959', name: 'Grace Hopper' } as const;

/** The realm's organizations by alias. Grace is in the first two; Fabrikam is someone else's. */
export const FOREIGN_ORGANIZATIONS = { tailspin: 'Tailspin Toys', contoso: 'Contoso', fabrikam: 'Fabrikam' } as const;
const MEMBERSHIPS: Record<string, readonly string[]> = { [FOREIGN_USER.id]: ['tailspin', 'contoso'] };
const ORGANIZATION_SCOPES = Object.keys(FOREIGN_ORGANIZATIONS).map((alias) => `organization:${alias}`);

export interface ForeignOpOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (the issuer follows it). */
  port: number;
  /** The app's origin: the only one allowed by CORS, and where its pages are. */
  appOrigin: string;
  /** Paths of the app's pages, registered as redirect and post-logout redirect URIs (default `/`). */
  appPages?: string[];
  /** Access token lifetime (default 5 minutes); the renewal test shortens it. */
  accessTokenTtlSeconds?: number;
}

export interface ForeignOp {
  issuer: string;
  close(): Promise<void>;
}

export async function startForeignOp(options: ForeignOpOptions): Promise<ForeignOp> {
  let handler: ReturnType<Provider['callback']> | undefined = undefined;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    // Mounted under the realm path the way Koa's and Express's mounting do it:
    // node-oidc-provider builds its URLs with the mount path, originalUrl minus url.
    if (!handler || !(url === REALM_PATH || url.startsWith(`${REALM_PATH}/`))) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    Object.assign(req, { originalUrl: url });
    req.url = url.slice(REALM_PATH.length) || '/';
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}${REALM_PATH}`;
  handler = createForeignProvider(issuer, options).callback();
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would hold the port
      }),
  };
}

const ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  userinfo: '/protocol/openid-connect/userinfo',
  revocation: '/protocol/openid-connect/revoke',
  end_session: '/protocol/openid-connect/logout',
  jwks: '/protocol/openid-connect/certs',
  introspection: '/protocol/openid-connect/token/introspect',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
} as const;

function createForeignProvider(issuer: string, options: ForeignOpOptions): Provider {
  const appOrigin = new URL(options.appOrigin).origin;
  const pages = (options.appPages ?? ['/']).map((path) => new URL(path, appOrigin).href);
  const pairwiseSalt = randomBytes(16).toString('hex');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: FOREIGN_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: pages,
        post_logout_redirect_uris: pages,
        subject_type: 'pairwise',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    routes: ROUTES,
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    scopes: ['openid', 'profile', 'email', 'offline_access', ...ORGANIZATION_SCOPES],
    // `organization` goes in the ID token too, as Keycloak's organization mapper puts it there: listed under
    // `openid` so the ID token's mask (conformIdTokenClaims: "openid" only) lets it through. Whether it is
    // there at all is the account's claims() answer, from the organization scopes granted.
    claims: { openid: ['sub', 'organization'], profile: ['name'], email: ['email', 'email_verified'] },
    // The default, said out loud: with an access token issued, scope-granted claims
    // go to userinfo only, so the app must read name and email from there.
    conformIdTokenClaims: true,
    subjectTypes: ['public', 'pairwise'],
    // One subject per sector (the app's host): the app never sees our account id.
    pairwiseIdentifier: async (_ctx: unknown, accountId: string, client: { sectorIdentifier: string }) =>
      createHash('sha256').update(`${client.sectorIdentifier}|${accountId}|${pairwiseSalt}`).digest('base64url'),
    jwks: { keys: [es256Key()] },
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      requestObjectSigningAlgValues: ['ES256'],
      dPoPSigningAlgValues: ['ES256'],
    },
    // `nonce` is validated like an extension parameter: that check runs after the
    // client and redirect_uri are verified, so the error goes back to the app (RFC 6749 §4.1.2.1).
    extraParams: { nonce: requireNonce },
    findAccount: async (_ctx: unknown, sub: string): Promise<Account | undefined> =>
      sub === FOREIGN_USER.id
        ? {
            accountId: sub,
            claims: (_use: string, scope: string) => ({
              sub,
              name: FOREIGN_USER.name,
              email: FOREIGN_USER.email,
              email_verified: true,
              ...organizationClaim(sub, scope),
            }),
          }
        : undefined,
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === appOrigin,
    issueRefreshToken: async (_ctx: unknown, client: ClientLike) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 5 * 60,
      AuthorizationCode: 60,
      IdToken: 5 * 60,
      RefreshToken: 30 * 60,
      Session: 60 * 60,
      Grant: 60 * 60,
      Interaction: 10 * 60,
    },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Not the demo OP's cookie names: both run on localhost, where cookies ignore the port.
      names: { session: 'SHOP_SESSION', interaction: 'SHOP_INTERACTION', resume: 'SHOP_RESUME' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${REALM_PATH}/login-actions/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: Parameters<typeof sendPage>[0], form: string) => sendPage(ctx, 200, logoutPage(form)),
        postLogoutSuccessSource: async (ctx: Parameters<typeof sendPage>[0]) => sendPage(ctx, 200, signedOutPage()),
      },
    },
    renderError: async (ctx: Parameters<typeof sendPage>[0], out: Record<string, string>) =>
      sendPage(ctx, ctx.status >= 400 ? ctx.status : 400, errorPage(out.error ?? 'error', out.error_description)),
  });
  provider.proxy = false;

  const app = asKoa(provider);
  app.use(oneOriginCors(appOrigin, [ROUTES.token, ROUTES.userinfo, ROUTES.revocation, ROUTES.end_session]));
  app.use(refuseRevocation(ROUTES.revocation));
  app.use(logoutNeedsState(`${ROUTES.end_session}/confirm`, `${issuer}${ROUTES.end_session}/success`));
  app.use(createLoginActions(provider, REALM_PATH, FOREIGN_USER, consentScopes));
  return provider;
}

/** Keycloak 26's list form: `organization: ["<alias>", …]`, one entry per granted organization scope the account is in; none, no claim. */
function organizationClaim(accountId: string, scope: string): { organization?: string[] } {
  const member = MEMBERSHIPS[accountId] ?? [];
  const aliases = scope
    .split(' ')
    .filter((s) => s.startsWith('organization:'))
    .map((s) => s.slice('organization:'.length))
    .filter((alias) => member.includes(alias));
  return aliases.length > 0 ? { organization: aliases } : {};
}

/**
 * What consent gives this first-party client (the login actions grant it without asking), decided for every
 * organization at once: the scopes asked for and those of the account's own organizations are granted, so a
 * switch later (a new authorization request with `prompt=none`) needs no consent, else consent_required; the
 * other organizations' scopes are rejected, so such a request is answered too, in no organization: the scope
 * is not granted, and the claim never issued.
 */
function consentScopes(accountId: string, missing: string[]): { grant: string[]; reject: string[] } {
  const own = (MEMBERSHIPS[accountId] ?? []).map((alias) => `organization:${alias}`);
  const reject = ORGANIZATION_SCOPES.filter((scope) => !own.includes(scope));
  return { grant: [...new Set([...missing.filter((scope) => !reject.includes(scope)), ...own])], reject };
}

/** The only signing key: EC P-256, so the only ID token algorithm is ES256. */
function es256Key() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: `es256-${randomBytes(4).toString('hex')}`, alg: 'ES256', use: 'sig' };
}

/** The discovery fields the tests read (the provider publishes more). */
export interface ForeignDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  revocation_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
  [name: string]: unknown;
}

export async function discover(issuer: string): Promise<ForeignDiscovery> {
  return (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as ForeignDiscovery;
}

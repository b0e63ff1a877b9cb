import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import type { Account, ClientLike, KoaContextWithOIDC } from 'oidc-provider';
import { createAdapterFactory } from './adapter.js';
import { grantLoader } from './consents.js';
import type { OpDb } from './db.js';
import type { User } from './users.js';
import { isGuest } from './guests.js';
import { loadCookieKeys, loadJwks } from './keys.js';
import { buildPolicy, promptValuesSupported } from './prompts.js';
import { pickLang } from './locales.js';
import { CSP, errorPage, logoutPage, postLogoutPage } from './views.js';
import { registerOrganizationGrants, TOKEN_EXCHANGE } from './org-exchange.js';
import { ORGANIZATION_PARAM, organizationCheck, organizationOf, orgClaims, rememberAuthorizedOrganization } from './org-tokens.js';
import type { TokenLike } from './org-tokens.js';

export const CLIENT_ID = 'demo-app';
export const CLIENT_NAME = 'Demo App';
/** The demo's backend-for-frontend (demo/bff/): a confidential client that keeps the tokens on the server. */
export const BFF_CLIENT = { id: 'demo-bff', name: 'Demo App (server)', secret: 'demo-bff-secret-for-development-only' };
/** Every scope the OP knows; the challenge endpoint takes the same. */
export const SCOPES: readonly string[] = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'];
const APP_PAGES = ['/', '/index.html', '/session.html', '/popup.html', '/embedded.html', '/react.html', '/vue.html'];

export function appRedirectUris(appOrigins: string[]): string[] {
  return appOrigins.flatMap((origin) => APP_PAGES.map((page) => new URL(page, origin).href));
}

/** The OIDC `address` claim (Core §5.1.1) of what we keep: country and postal code. */
function postalAddress(user: User): Record<string, string> {
  return { ...(user.country ? { country: user.country } : {}), ...(user.postalCode ? { postal_code: user.postalCode } : {}) };
}

function findAccount(db: OpDb) {
  return async (ctx: unknown, sub: string, token?: TokenLike): Promise<Account | undefined> => {
    // An expired guest is not found: its refresh tokens and userinfo fail before the purge deletes it.
    const user = db.users.findById(sub);
    if (!user) return undefined;
    // A token of an organization the user has left gives nothing any more (refresh: invalid_grant; userinfo: invalid_token).
    const org = organizationOf(db, ctx, sub, token);
    if (org === undefined) return undefined;
    // A guest (guests.ts) has nothing to tell but that it is one.
    if (isGuest(user)) return { accountId: user.id, claims: () => ({ sub: user.id, is_anonymous: true }) };
    return {
      accountId: user.id,
      // The provider filters these by granted scopes/claims; we only omit
      // values we do not have (picture, and name parts for registered users).
      claims: () => ({
        sub: user.id,
        is_anonymous: false,
        // Accounts made at the challenge endpoint may have no name.
        ...(user.name ? { name: user.name } : {}),
        ...(user.givenName ? { given_name: user.givenName } : {}),
        ...(user.familyName ? { family_name: user.familyName } : {}),
        email: user.email,
        email_verified: user.emailVerified,
        // Progressive profile (SCIM /Me): only what the user has filled in.
        ...(user.birthdate ? { birthdate: user.birthdate } : {}),
        // Nobody proves a number here (no SMS), so it is never verified.
        ...(user.phoneNumber ? { phone_number: user.phoneNumber, phone_number_verified: false } : {}),
        ...(user.country || user.postalCode ? { address: postalAddress(user) } : {}),
        // org_id, org_name, roles: a token of an organization (org-tokens.ts).
        ...orgClaims(org),
      }),
    };
  };
}

function html(ctx: KoaContextWithOIDC, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', CSP);
  ctx.body = body;
}

interface AuthTimeContext {
  oidc?: {
    entities?: {
      AuthorizationCode?: { authTime?: number };
      RefreshToken?: { authTime?: number };
      /** The access token a token exchange started from (org-exchange.ts). */
      SubjectToken?: { extra?: { auth_time?: number } };
    };
  };
}

export function createProvider(options: {
  issuer: string;
  appOrigins: string[];
  db: OpDb;
  accessTokenTtlSeconds?: number;
  /** Path of our authorization challenge endpoint (challenge.ts), published in discovery. */
  challengePath?: string;
  /** Where the demo app hears of guests merged into accounts (its guest_merge_uri, guest-merge-event.ts). */
  guestMergePath?: string;
}): Provider {
  const { issuer, db } = options;
  const appOrigins = new Set(options.appOrigins.map((o) => new URL(o).origin));
  const redirectUris = appRedirectUris([...appOrigins]);
  const policy = buildPolicy();
  // Once someone is signed in: a request for an organization they are not in ends with access_denied.
  policy.get('consent')?.checks.add(organizationCheck(db), 0);

  const provider = new Provider(issuer, {
    adapter: createAdapterFactory(db.sqlite),
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: CLIENT_NAME,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        // Token exchange: switching organization without a redirect (org-exchange.ts).
        grant_types: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
        // The demo app's APIs live on the OP, so its merge events are received here too (cart-api.ts).
        ...(options.guestMergePath ? { guest_merge_uri: new URL(options.guestMergePath, issuer).href } : {}),
      },
      {
        client_id: BFF_CLIENT.id,
        client_name: BFF_CLIENT.name,
        client_secret: BFF_CLIENT.secret,
        application_type: 'web',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...appOrigins].map((origin) => `${origin}/bff/callback`),
        post_logout_redirect_uris: [...appOrigins].map((origin) => `${origin}/bff.html`),
        // OIDC Back-Channel Logout: a session ended at the OP (its sign-out, the device list) is told to the BFF,
        // which drops its own and tells the page (demo/bff/server.ts). One URI per client: the first app origin.
        backchannel_logout_uri: `${[...appOrigins][0]}/bff/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    // Federation hints (federation.ts): `idp` names an upstream IdP to go straight to,
    // `domain_hint` a company domain; both reach the interaction in its params.
    // `organization` (an organization's id or alias) asks for a sign-in in that organization (org-tokens.ts).
    extraParams: ['idp', 'domain_hint', ORGANIZATION_PARAM],
    // Ours: where a client hears of a guest moved into an account at sign-in (a Security Event Token, guests.ts).
    extraClientMetadata: {
      properties: ['guest_merge_uri'],
      validator: (_ctx: unknown, key: string, value: unknown) => {
        if (key === 'guest_merge_uri' && value !== undefined && !(typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value))) {
          throw new TypeError('guest_merge_uri must be an absolute http(s) URL');
        }
      },
    },
    // Code flow only (no implicit/hybrid); public clients (the SPA) and the
    // BFF's client_secret_basic: keeps discovery honest about what this OP is for.
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic'],
    // PKCE: the default pkce.required() already returns true for
    // token_endpoint_auth_method "none", and only S256 is supported.
    scopes: [...SCOPES],
    claims: {
      // Standalone claims (null): how the user authenticated. Only the
      // challenge flows set them (acr "pwd", "otp" or "phr", amr to match);
      // acrValues below is what it can satisfy, and the provider drops
      // `acr` from tokens unless acrValues is set.
      amr: null,
      // is_anonymous: true for a guest session (guests.ts), false for everyone else; with openid, so in every ID token.
      // org_id, org_name, roles: only in tokens of an organization (org-tokens.ts), so with openid too.
      openid: ['sub', 'is_anonymous', 'org_id', 'org_name', 'roles'],
      profile: ['name', 'given_name', 'family_name', 'picture', 'birthdate'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      address: ['address'],
    },
    // "phr" (phishing-resistant: a passkey) is from OpenID Connect EAP ACR Values 1.0; "guest" is ours (a guest
    // session: nobody authenticated).
    acrValues: ['pwd', 'otp', 'phr', 'guest'],
    // Also put the scope-granted claims into the ID token (not only userinfo)
    // so the SPA can show name/email without an extra userinfo round trip.
    conformIdTokenClaims: false,
    // Access tokens remember when the user authenticated (also across refreshes),
    // so the demo API (api.ts) can ask for a recent sign-in per RFC 9470.
    // They also carry their organization (org_id, and the roles when issued), for the APIs (organizations-api.ts).
    extraTokenClaims: async (ctx: AuthTimeContext | undefined, token: TokenLike & { kind: string; accountId: string }) => {
      if (token.kind !== 'AccessToken') return undefined;
      const entities = ctx?.oidc?.entities;
      const authTime = entities?.AuthorizationCode?.authTime ?? entities?.RefreshToken?.authTime ?? entities?.SubjectToken?.extra?.auth_time;
      // Its own extra is what is being made: the organization comes from its grant (or the switch under way).
      const org = organizationOf(db, ctx, token.accountId, { ...(token.grantId ? { grantId: token.grantId } : {}) });
      const extra = {
        ...(authTime === undefined ? {} : { auth_time: authTime }),
        ...(org ? { org_id: org.org.id, roles: org.roles } : {}),
      };
      return Object.keys(extra).length ? extra : undefined;
    },
    findAccount: findAccount(db),
    // Consent is asked once per user and client (see consents.ts).
    loadExistingGrant: grantLoader(db.consents),
    cookies: {
      keys: loadCookieKeys(db),
      // No `secure` flag: the demo issuer is plain http on loopback.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: loadJwks(db),
    // Only the listed app origins may call the client-authenticated endpoints
    // (token, revocation) and userinfo from a browser. Discovery and JWKS are
    // public and answer any origin (the provider's own "open" CORS policy).
    clientBasedCORS: (_ctx: unknown, origin: string, client: ClientLike) => client.clientId === CLIENT_ID && appOrigins.has(origin),
    // A public SPA client gets a (rotating) refresh token for the code grant
    // even without offline_access, so the demo can show silent renewal.
    issueRefreshToken: async (_ctx: unknown, client: ClientLike, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && (client.clientId === CLIENT_ID || code.scopes.has('offline_access')),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      // Rotated refresh tokens keep the remaining lifetime of the first one
      // (same rule as the provider's default), so a chain cannot outlive 1 day.
      RefreshToken: (ctx: { oidc?: { entities?: { RotatedRefreshToken?: { remainingTTL: number } } } }) =>
        ctx?.oidc?.entities?.RotatedRefreshToken?.remainingTTL ?? 24 * 60 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
      Interaction: 60 * 60,
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    discovery: {
      prompt_values_supported: promptValuesSupported(policy),
      // Ours: the authorization (and /challenge, token exchange, refresh) parameter naming an organization.
      organization_parameter: ORGANIZATION_PARAM,
      // draft-ietf-oauth-first-party-apps §8; the endpoint is ours, not the provider's.
      ...(options.challengePath ? { authorization_challenge_endpoint: new URL(options.challengePath, issuer).href } : {}),
    },
    features: {
      devInteractions: { enabled: false },
      // DPoP-bound tokens (RFC 9449; on by default in oidc-provider, said out loud). With a nonce secret, a client
      // whose clock is more than 5 minutes off is answered use_dpop_nonce and proves freshness with the nonce (§8).
      dPoP: { enabled: true, nonceSecret: randomBytes(32) },
      backchannelLogout: { enabled: true },
      // A token is revoked only by the client it was issued to (another gets the RFC 7009 200, and nothing happens).
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: ClientLike, token: { clientId?: string }) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          html(ctx, 200, logoutPage(form, ctx.oidc.client?.clientName, pickLang(ctx.oidc.params?.ui_locales)));
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          html(ctx, 200, postLogoutPage(ctx.oidc.client?.clientName));
        },
      },
    },
    // The provider's own requests out (back-channel logout to the BFF) carry an SSRF guard that refuses loopback,
    // where the demo app runs. Its app origins alone are let through; anything else keeps the guard.
    fetch: (url: string | URL, init: RequestInit & { dispatcher?: unknown }) => {
      if (!appOrigins.has(new URL(url).origin)) return fetch(url, init);
      const { dispatcher: _guard, ...direct } = init;
      return fetch(url, direct);
    },
    renderError: async (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      html(ctx, ctx.status >= 400 ? ctx.status : 400, errorPage(out.error ?? 'error', out.error_description));
    },
  });

  registerOrganizationGrants(provider, db, findAccount(db));
  provider.on('authorization.success', rememberAuthorizedOrganization(db));

  // Plain http on loopback: never trust X-Forwarded-* headers.
  provider.proxy = false;
  return provider;
}

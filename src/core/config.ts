/**
 * Client configuration and the per-OP-family presets (docs/decisions.md:
 * "OP presets instead of guessing"). Pure functions of config + discovery.
 */
import { isHttpsOrLoopback, type Discovery } from './schemas/oidc.js';
import type { OrganizationClaims, SwitchVia } from './organization.js';

export const Presets = ['generic', 'keycloak', 'auth0', 'okta', 'entra', 'cognito', 'zitadel'] as const;
export type Preset = (typeof Presets)[number];

export const Modes = ['redirect', 'popup', 'embedded', 'hosted'] as const;
export type Mode = (typeof Modes)[number];
/** The modes that leave the page for the OP's own screens. */
export type RedirectMode = 'redirect' | 'popup';
/** The modes whose forms are ours, in the page: embedded (challenge endpoint) and hosted (the OP's own page). */
export function collectsCredentials(mode: Mode): mode is 'embedded' | 'hosted' {
  return mode === 'embedded' || mode === 'hosted';
}

export const Stores = ['memory', 'session'] as const;
export type Store = (typeof Stores)[number];

export interface CiamConfig {
  authority: string;
  clientId: string;
  /** Where the OP sends the browser back with `?code=`; defaults to the page. */
  redirectUri: string;
  postLogoutRedirectUri: string;
  scope: string;
  store: Store;
  preset: Preset;
  /** Name of the IdP hint parameter; null means "use the preset's". */
  idpHintParam: string | null;
  /** Registration page for OPs without `prompt=create` (optional). */
  signupUrl: string | null;
  /** The `mode` attribute; null lets discovery decide (see resolveMode). */
  mode: Mode | null;
  /** Hosted mode: the OP page's own endpoint for this interaction (absolute URL). */
  challengeEndpoint: string | null;
  /** More origins (or URLs on them) that may receive the access token from `client.fetch()`, besides the page's and the issuer's (RFC 9700 §4.10). */
  tokenOrigins: string[];
  /** The user's language for the OP's pages (BCP 47, e.g. `de`), sent as `ui_locales` or the preset's equivalent; null sends nothing. */
  uiLocales: string | null;
  /** Ask the OP for DPoP-bound tokens (RFC 9449); used when it takes ES256 proofs (see `bindsTokens`). */
  dpop: boolean;
  /** Organizations (core/organization.ts): the one to sign in to, and how this OP names them where the preset's names differ. */
  organizations: OrganizationOptions;
}

export interface OrganizationOptions {
  /** Sign in to this organization (its id, or for Keycloak its alias). */
  organization?: string;
  /** The request parameter that names it, if not the preset's or discovery's `organization_parameter`. */
  param?: string;
  /** Where the tokens say it: claim names (or dotted paths) for the id, name and roles. */
  claims?: Partial<OrganizationClaims>;
  /** How to switch, if discovery does not say (`refresh`: the OP takes the parameter at the token endpoint). */
  switch?: SwitchVia;
}

/** How "Create account" opens at each OP family that lacks `prompt=create` (sign-in's own parameters: sign-in-params.ts). */
const signupParams: Partial<Record<Preset, Record<string, string>>> = {
  auth0: { screen_hint: 'signup' },
};

export function isPreset(value: string): value is Preset {
  return (Presets as readonly string[]).includes(value);
}

/** How "Create account" works for this OP, or null when it cannot (the button is then hidden). */
export type SignUpMethod = { kind: 'prompt'; params: Record<string, string> } | { kind: 'url'; url: string };

export function signUpMethod(config: CiamConfig, discovery: Discovery): SignUpMethod | null {
  // Discovery wins where it says more: the standard parameter first.
  if (discovery.prompt_values_supported?.includes('create')) return { kind: 'prompt', params: { prompt: 'create' } };
  const params = signupParams[config.preset];
  if (params) return { kind: 'prompt', params };
  // Only a web page at the OP or on the app's own origin: never `javascript:`, `data:` or a third site, and plain http only on this machine.
  const signupUrl = config.signupUrl && isHttpsOrLoopback(config.signupUrl) ? new URL(config.signupUrl) : null;
  if (signupUrl && [new URL(discovery.issuer).origin, new URL(config.redirectUri).origin].includes(signupUrl.origin)) {
    return { kind: 'url', url: signupUrl.href };
  }
  return null;
}

/** True when the URL carries an authorization response for us (code or error, plus state). */
export function isAuthorizationResponse(pageUrl: string, redirectUri: string): boolean {
  const url = new URL(pageUrl);
  const redirect = new URL(redirectUri, pageUrl);
  if (url.origin + url.pathname !== redirect.origin + redirect.pathname) return false;
  const params = url.searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

export function discoveryUrl(authority: string): string {
  return authority.replace(/\/+$/, '') + '/.well-known/openid-configuration';
}

/** OIDC Discovery §4.3: the issuer in the document must equal the authority we asked. */
export function issuerMatches(authority: string, issuer: string): boolean {
  return authority.replace(/\/+$/, '') === issuer.replace(/\/+$/, '');
}

/** The OP takes RFC 9449 proofs signed with ES256, the one algorithm every browser's WebCrypto makes. */
export function takesDpopProofs(discovery: Discovery): boolean {
  return discovery.dpop_signing_alg_values_supported?.includes('ES256') ?? false;
}

/**
 * Sender-constrained tokens: the app asked (`dpop`) and the OP takes the proofs. Opt-in, because the app's
 * own APIs must then check a proof with each token (`Authorization: DPoP`); an OP without DPoP gives Bearer tokens.
 */
export function bindsTokens(config: Pick<CiamConfig, 'dpop'>, discovery: Discovery): boolean {
  return config.dpop && takesDpopProofs(discovery);
}

/** The name of this app's session across its tabs: the channel, the renewal lock, the DPoP key. */
export function sessionName(config: Pick<CiamConfig, 'authority' | 'clientId'>): string {
  return `${config.authority}|${config.clientId}`;
}

/** Name of the sign-in popup window; the callback page knows it is the popup by it. */
export const POPUP_WINDOW_NAME = 'ciam-sign-in-popup';

/**
 * DESIGN §2: the attribute wins; otherwise embedded when the OP advertises
 * the first-party challenge endpoint and the page is same-site with it.
 */
export function resolveMode(config: CiamConfig, discovery: Discovery, pageUrl: string): Mode {
  if (config.mode) return config.mode;
  if (discovery.authorization_challenge_endpoint && isSameSite(pageUrl, discovery.issuer)) return 'embedded';
  return 'redirect';
}

/** Second-level labels under which country-code TLDs register names (co.uk, com.au, ...). */
const secondLevels = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);

/**
 * Same scheme and registrable domain. Without the Public Suffix List we take
 * the last two labels, or three under a two-letter TLD's common second levels;
 * IP addresses and single-label hosts must match exactly (ports do not count).
 */
export function isSameSite(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  if (x.protocol !== y.protocol) return false;
  return siteOf(x.hostname) === siteOf(y.hostname);
}

function siteOf(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')) return hostname;
  const labels = hostname.toLowerCase().split('.');
  const tld = labels.at(-1) ?? '';
  const keep = tld.length === 2 && secondLevels.has(labels.at(-2) ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

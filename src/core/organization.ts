/**
 * Organizations (issue 19): how to ask an OP for tokens in one organization, how to read which organization
 * (and which roles) tokens are in, and how this OP can switch a tab to another organization. Per OP family,
 * like sign-in-params.ts: the `preset` names the parameter or scope and the claims; the app may rename them.
 * Pure; loaded with the organization code (client/organizations.ts) and the connector, never the first paint.
 */
import type { CiamConfig, Preset } from './config.js';
import type { Discovery } from './schemas/oidc.js';

/** An organization the user is in, and what they are there. */
export interface Organization {
  /** The OP's id (Auth0 `org_…`, ours `org_…`); Keycloak tokens may name only the alias, which is then the id. */
  id: string;
  /** A short name the OP also takes in requests (Keycloak's scopes need it). */
  alias?: string;
  name: string;
  roles: string[];
}

/** Enough to name an organization in a request: its id, and its alias where the OP asks by alias. */
export type OrganizationRef = Pick<Organization, 'id' | 'alias'>;

/** Where the organization, its name and the user's roles are in the claims (ID token or userinfo). */
export interface OrganizationClaims {
  id: string;
  name: string;
  roles: string;
}

/** How a switch reaches the new organization: RFC 8693 token exchange, a refresh with the parameter, or a `prompt=none` redirect. */
export type SwitchVia = 'exchange' | 'refresh' | 'redirect';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

interface Naming {
  /** The request parameter, or a scope built from the organization (`scope`). */
  request: { param: string } | { scope: (org: OrganizationRef) => string; prefix: string };
  claims: OrganizationClaims;
}

const plain: OrganizationClaims = { id: 'org_id', name: 'org_name', roles: 'roles' };
const zitadelClaims: OrganizationClaims = {
  id: 'urn:zitadel:iam:user:resourceowner:id',
  name: 'urn:zitadel:iam:user:resourceowner:name',
  roles: 'urn:zitadel:iam:org:project:roles',
};

const namings: Record<Preset, Naming> = {
  generic: { request: { param: 'org_id' }, claims: plain },
  auth0: { request: { param: 'organization' }, claims: plain },
  // Keycloak 26: `scope=organization:<alias>`; the `organization` claim lists aliases, or maps them to `{ id }`.
  keycloak: {
    request: { scope: (org) => `organization:${org.alias ?? org.id}`, prefix: 'organization' },
    claims: { ...plain, id: 'organization', name: 'organization' },
  },
  zitadel: { request: { scope: (org) => `urn:zitadel:iam:org:id:${org.id}`, prefix: 'urn:zitadel:iam:org:id:' }, claims: zitadelClaims },
  okta: { request: { param: 'org_id' }, claims: plain },
  entra: { request: { param: 'org_id' }, claims: plain },
  cognito: { request: { param: 'org_id' }, claims: plain },
};

type OrganizationConfig = Pick<CiamConfig, 'preset' | 'organizations' | 'scope'>;

/** The claim names: the app's (`organizations.claims`), else the preset's. */
export function organizationClaims(config: Pick<CiamConfig, 'preset' | 'organizations'>): OrganizationClaims {
  return { ...namings[config.preset].claims, ...config.organizations.claims };
}

/** A discovery field the first screen's schema does not carry (it would grow the first paint). */
function listed(discovery: Discovery, field: string): unknown {
  return (discovery as Record<string, unknown>)[field];
}

/**
 * What a request for tokens in `org` adds: a parameter (the app's name for it, else the one discovery
 * announces as `organization_parameter`, else the preset's), or for scope-based OPs the scope with the
 * organization's scope in place of any other organization's.
 */
export function organizationRequest(
  config: OrganizationConfig,
  discovery: Discovery,
  org: OrganizationRef,
): { params: Record<string, string>; scope?: string } {
  const announced = listed(discovery, 'organization_parameter');
  const param = config.organizations.param ?? (typeof announced === 'string' && announced ? announced : null);
  const request = namings[config.preset].request;
  if (param || 'param' in request) return { params: { [param ?? (request as { param: string }).param]: org.id } };
  const others = config.scope.split(/\s+/).filter((s) => s && !s.startsWith(request.prefix));
  return { params: {}, scope: [...others, request.scope(org)].join(' ') };
}

/**
 * How this OP moves a tab into another organization: token exchange when discovery lists its grant (a new
 * access token for this tab only); a refresh with the parameter when the OP announces `organization_parameter`
 * (ours takes it at the token endpoint; it moves the whole grant); otherwise a sign-in with `prompt=none`.
 * `organizations.switch` forces one (an OP that takes a refresh parameter without announcing it).
 */
export function switchVia(config: Pick<CiamConfig, 'organizations'>, discovery: Discovery): SwitchVia {
  if (config.organizations.switch) return config.organizations.switch;
  const grants = listed(discovery, 'grant_types_supported');
  if (Array.isArray(grants) && grants.includes(TOKEN_EXCHANGE)) return 'exchange';
  return typeof listed(discovery, 'organization_parameter') === 'string' ? 'refresh' : 'redirect';
}

/** The RFC 8693 §2.1 request for an access token in `org`, from the tab's current access token (the client authenticates as itself: `client_id`). */
export function exchangeBody(
  config: OrganizationConfig & Pick<CiamConfig, 'clientId'>,
  discovery: Discovery,
  org: OrganizationRef,
  subjectToken: string,
): URLSearchParams {
  const { params, scope } = organizationRequest(config, discovery, org);
  return new URLSearchParams({
    grant_type: TOKEN_EXCHANGE,
    client_id: config.clientId,
    subject_token: subjectToken,
    subject_token_type: ACCESS_TOKEN_TYPE,
    requested_token_type: ACCESS_TOKEN_TYPE,
    ...(scope ? { scope } : {}),
    ...params,
  });
}

/** The value at `name`: a claim of that exact name (URLs are names too), else a dotted path (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const key of name.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** Roles as a list: an array of strings, one string (space- or comma-separated), or an object keyed by role (Zitadel). */
function rolesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string' && r !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (value && typeof value === 'object') return Object.keys(value);
  return [];
}

/**
 * The organization tokens are in, from their claims, or null (a personal sign-in; claims naming several
 * organizations at once, which says none is the current one). Keycloak's `organization` claim is a list of
 * aliases or a map of alias to `{ id }`; one entry is the organization.
 */
export function readOrganization(
  claims: Record<string, unknown> | null | undefined,
  config: Pick<CiamConfig, 'preset' | 'organizations'>,
): Organization | null {
  if (!claims) return null;
  const names = organizationClaims(config);
  const roles = rolesOf(claimAt(claims, names.roles));
  const idClaim = claimAt(claims, names.id);
  if (Array.isArray(idClaim) || (idClaim && typeof idClaim === 'object')) {
    const entries = Array.isArray(idClaim) ? idClaim.map((alias) => [alias, null] as const) : Object.entries(idClaim);
    if (entries.length !== 1) return null;
    const [alias, detail] = entries[0];
    const id = text((detail as { id?: unknown } | null)?.id) ?? text(alias);
    return id && text(alias) ? { id, alias: alias as string, name: text(claimAt(claims, names.name)) ?? (alias as string), roles } : null;
  }
  const id = text(idClaim);
  if (!id) return null;
  const name = text(claimAt(claims, names.name));
  return { id, name: name && name !== id ? name : id, roles };
}

/** The same organization, whether named by id or by alias (Keycloak tokens may carry only the alias). */
export function sameOrganization(a: Pick<Organization, 'id' | 'alias'> | null, b: Pick<Organization, 'id' | 'alias'> | null): boolean {
  if (!a || !b) return a === b;
  return a.id === b.id || (!!a.alias && a.alias === b.id) || (!!b.alias && b.alias === a.id) || (!!a.alias && a.alias === b.alias);
}

/** The same organization, under the same name, with the same roles: nothing for anyone to hear of. */
export function sameMembership(a: Organization | null, b: Organization | null): boolean {
  return sameOrganization(a, b) && a?.name === b?.name && a?.roles.join() === b?.roles.join();
}

/** The claims a new token's organization replaces: a switch to a personal token must not keep the old organization's. */
export function withoutOrganization(claims: Record<string, unknown>, config: Pick<CiamConfig, 'preset' | 'organizations'>): Record<string, unknown> {
  const names = organizationClaims(config);
  const rest = { ...claims };
  for (const name of [names.id, names.name, names.roles]) delete rest[name];
  return rest;
}

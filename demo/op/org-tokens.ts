/**
 * The organization in tokens (docs/first-party-challenge.md#organizations). A sign-in with `organization=`
 * (at /authorize or /challenge) puts its grant in that organization (organizations.ts, grant_organizations);
 * codes and refresh tokens of the grant then give ID tokens, access tokens and userinfo the claims `org_id`,
 * `org_name` and `roles`. An access token keeps its organization in `extra.org_id` (so a token exchanged for
 * another organization, org-exchange.ts, differs from its grant's). Membership is read again every time a
 * token is made or userinfo answers: a removed member's refresh or userinfo fails as for a deleted account.
 */
import { errors, interactionPolicy } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { OpDb } from './db.js';
import type { Organization } from './organizations.js';

export const ORGANIZATION_PARAM = 'organization';

/** What a token is in: an organization with the user's roles there, or nothing (a personal sign-in). */
export type OrgContext = { org: Organization; roles: string[] } | null;

/** The parts of the provider's tokens (code, refresh, access) read here. */
export interface TokenLike {
  kind?: string;
  accountId?: string;
  grantId?: string;
  extra?: { org_id?: string };
}

/**
 * The organization a token request switches to (token exchange, refresh with organization=), by its Koa
 * context: the provider hands that context to findAccount and extraTokenClaims, not our parameters.
 */
const switching = new WeakMap<object, Organization>();

export function switchOrganization(ctx: object, org: Organization): void {
  switching.set(ctx, org);
}

/**
 * The organization a token belongs to and the user's roles in it now; `undefined` when the user is no longer
 * a member of it (or it is gone): such a token gives nothing any more.
 */
export function organizationOf(db: OpDb, ctx: unknown, accountId: string, token: TokenLike | undefined): OrgContext | undefined {
  const switched = ctx && typeof ctx === 'object' ? switching.get(ctx) : undefined;
  const orgId =
    switched?.id ?? (token?.kind === 'AccessToken' ? token.extra?.org_id : token?.grantId ? db.organizations.grantOrganization(token.grantId) : undefined);
  if (!orgId) return null;
  const org = switched ?? db.organizations.find(orgId);
  const roles = org && db.organizations.rolesOf(accountId, org.id);
  return org && roles ? { org, roles } : undefined;
}

export function orgClaims(context: OrgContext): Record<string, unknown> {
  return context ? { org_id: context.org.id, org_name: context.org.name, roles: context.roles } : {};
}

/** The organization of an authorization request, if it names one (by id or alias). */
function requested(ctx: KoaContextWithOIDC): string | undefined {
  const value = ctx.oidc.params?.[ORGANIZATION_PARAM];
  return typeof value === 'string' && value ? value : undefined;
}

type AuthorizeCtx = KoaContextWithOIDC & { oidc: { session?: { accountId?: string } } };

/**
 * A check of the consent prompt (so it runs once someone is signed in, with or without a login page): an
 * authorization request for an organization the user is not a member of ends with access_denied, after the
 * sign-in, so a stranger learns nothing about who is a member.
 */
export function organizationCheck(db: OpDb) {
  return new interactionPolicy.Check('organization_membership', 'the user must be a member of the requested organization', (ctx) => {
    const wanted = requested(ctx);
    const accountId = (ctx as AuthorizeCtx).oidc.session?.accountId;
    if (!wanted || !accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    const org = db.organizations.find(wanted);
    if (!org || !db.organizations.rolesOf(accountId, org.id)) {
      throw new errors.AccessDenied('The user is not a member of the requested organization.');
    }
    return interactionPolicy.Check.NO_NEED_TO_PROMPT;
  });
}

type AuthorizationSuccessCtx = KoaContextWithOIDC & { oidc: { entities: { AuthorizationCode?: { grantId?: string } } } };

/** `authorization.success`: the code's grant is in the requested organization, or (without one) in none. */
export function rememberAuthorizedOrganization(db: OpDb) {
  return (ctx: AuthorizationSuccessCtx): void => {
    const grantId = ctx.oidc.entities.AuthorizationCode?.grantId;
    if (!grantId) return;
    const wanted = requested(ctx);
    db.organizations.setGrantOrganization(grantId, (wanted && db.organizations.find(wanted)?.id) ?? null);
  };
}

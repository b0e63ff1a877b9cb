/**
 * Switching organization without a redirect (docs/first-party-challenge.md#organizations), at the token
 * endpoint: RFC 8693 token exchange of the user's access token for one in another organization, and a
 * refresh_token grant that takes `organization=` and moves its grant there. Both read membership now.
 */
import { errors } from 'oidc-provider';
import type { Account, ClientLike, Provider } from 'oidc-provider';
import * as grantHelpers from 'oidc-provider/lib/helpers/grants.js';
import { handler as refreshTokenHandler, parameters as refreshTokenParameters } from 'oidc-provider/lib/actions/grants/refresh_token.js';
import type { OpDb } from './db.js';
import { ORGANIZATION_PARAM, orgClaims, switchOrganization } from './org-tokens.js';
import type { TokenLike } from './org-tokens.js';
import type { Organization } from './organizations.js';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** The provider's access token as this grant reads and makes it. */
interface AccessToken extends TokenLike {
  accountId: string;
  clientId: string;
  grantId: string;
  scope?: string;
  jkt?: string;
  claims?: Record<string, unknown>;
  sid?: string;
  sessionUid?: string;
  expiresWithSession?: boolean;
  extra?: { org_id?: string; auth_time?: number };
  readonly tokenType: string;
  readonly expiration: number;
  setThumbprint(kind: 'jkt', thumbprint: string): void;
  save(): Promise<string>;
}

interface IdToken {
  scope: string;
  mask: Record<string, unknown>;
  rejected: string[];
  issue(options: { use: 'idtoken' }): Promise<string>;
}

interface GrantLike {
  accountId: string;
  clientId: string;
  getOIDCScopeFiltered(scopes: Set<string>): string;
}

interface Models {
  AccessToken: {
    new (properties: Record<string, unknown>): AccessToken;
    find(value: string): Promise<AccessToken | undefined>;
  };
  RefreshToken: { find(value: string, options: { ignoreExpiration: boolean }): Promise<{ accountId: string; clientId: string; grantId: string } | undefined> };
  IdToken: new (claims: Record<string, unknown>, options: { ctx: unknown }) => IdToken;
  Grant: { find(id: string): Promise<GrantLike | undefined> };
}

interface TokenCtx {
  oidc: {
    params: Record<string, string | undefined>;
    client: ClientLike;
    entity(name: string, value: unknown): void;
  };
  body: unknown;
}

type FindAccount = (ctx: unknown, sub: string, token?: TokenLike) => Promise<Account | undefined>;

export function registerOrganizationGrants(provider: Provider, db: OpDb, findAccount: FindAccount): void {
  const models = provider as unknown as Models;
  // The built-in grant helpers take the provider first, as the provider binds them for its own grants.
  const helpers = Object.fromEntries(
    Object.entries(grantHelpers).map(([name, helper]) => [name, (helper as (...args: unknown[]) => unknown).bind(undefined, provider)]),
  );

  /** The organization named in the request, if the account is a member; else RFC 8693's invalid_target. */
  function memberOrganization(value: string, accountId: string): Organization {
    const org = db.organizations.find(value);
    if (!org || !db.organizations.rolesOf(accountId, org.id)) throw new errors.InvalidTarget('The user is not a member of the requested organization.');
    return org;
  }

  async function exchange(ctx: TokenCtx): Promise<void> {
    const { params, client } = ctx.oidc;
    for (const name of ['subject_token', 'subject_token_type', ORGANIZATION_PARAM]) {
      if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
    }
    if (params.subject_token_type !== ACCESS_TOKEN_TYPE) throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
    if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
    }
    const dPoP = await grantHelpers.validateDpop(provider, ctx);

    // Unknown, expired and revoked tokens are all not found (find checks expiry; revocation deletes).
    const subject = await models.AccessToken.find(params.subject_token!);
    if (!subject) throw new errors.InvalidGrant('subject token not found');
    if (subject.clientId !== client.clientId) throw new errors.InvalidGrant('subject token was issued to another client');
    // RFC 9449: a bound token is worth nothing without its key, here as at the APIs.
    if (subject.jkt && dPoP?.thumbprint !== subject.jkt) throw new errors.InvalidGrant('the subject token is DPoP-bound: send a DPoP proof of its key');
    await grantHelpers.checkDpopReplay(provider, ctx, dPoP, client.clientId);
    const grant = await models.Grant.find(subject.grantId);
    if (!grant || grant.accountId !== subject.accountId || grant.clientId !== client.clientId)
      throw new errors.InvalidGrant("the subject token's grant has ended");

    const org = memberOrganization(params[ORGANIZATION_PARAM]!, subject.accountId);
    const had = new Set((subject.scope ?? '').split(' ').filter(Boolean));
    const wanted = params.scope ? new Set(params.scope.split(' ').filter(Boolean)) : had;
    const missing = [...wanted].filter((scope) => !had.has(scope));
    if (missing.length) throw new errors.InvalidScope('the subject token does not have the requested scope', missing.join(' '));

    switchOrganization(ctx, org);
    const account = await findAccount(ctx, subject.accountId, subject);
    if (!account) throw new errors.InvalidGrant("the subject token's account is gone");
    ctx.oidc.entity('Grant', grant);
    ctx.oidc.entity('Account', account);
    // extraTokenClaims (provider.ts) takes auth_time from here: switching is no new authentication.
    ctx.oidc.entity('SubjectToken', subject);

    const at = new models.AccessToken({
      accountId: subject.accountId,
      client,
      grantId: subject.grantId,
      gty: TOKEN_EXCHANGE,
      scope: grant.getOIDCScopeFiltered(wanted),
      ...(subject.claims ? { claims: subject.claims } : {}),
      ...(subject.sid ? { sid: subject.sid } : {}),
      ...(subject.sessionUid ? { sessionUid: subject.sessionUid } : {}),
      ...(subject.expiresWithSession ? { expiresWithSession: subject.expiresWithSession } : {}),
    });
    if (dPoP) at.setThumbprint('jkt', dPoP.thumbprint);
    ctx.oidc.entity('AccessToken', at);
    const accessToken = await at.save();

    const roles = db.organizations.rolesOf(subject.accountId, org.id) ?? [];
    let idToken: string | undefined;
    if (wanted.has('openid')) {
      const scope = [...wanted].join(' ');
      const token = new models.IdToken({ ...(await account.claims('id_token', scope, {}, [])), auth_time: subject.extra?.auth_time }, { ctx });
      token.scope = scope;
      // auth_time is not a scope's claim: ask for it, as the codes do.
      token.mask = { auth_time: { essential: true } };
      token.rejected = [];
      idToken = await token.issue({ use: 'idtoken' });
    }
    ctx.body = {
      access_token: accessToken,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: at.tokenType,
      expires_in: at.expiration,
      scope: at.scope,
      ...(idToken ? { id_token: idToken } : {}),
      // Also here, for clients that asked without openid.
      ...orgClaims({ org, roles }),
    };
  }

  provider.registerGrantType(TOKEN_EXCHANGE, exchange, ['subject_token', 'subject_token_type', 'requested_token_type', ORGANIZATION_PARAM, 'scope']);

  // The refresh_token grant as built in, plus organization=: its tokens are for that organization, and so is
  // the grant from then on (its next refreshes without the parameter stay there).
  provider.registerGrantType(
    'refresh_token',
    async (ctx: TokenCtx) => {
      const value = ctx.oidc.params[ORGANIZATION_PARAM];
      let moveTo: { grantId: string; org: Organization } | undefined;
      if (value) {
        const refreshToken = await models.RefreshToken.find(ctx.oidc.params.refresh_token ?? '', { ignoreExpiration: true });
        // Anything wrong with the token itself is the built-in grant's to refuse, as without organization=.
        if (refreshToken && refreshToken.clientId === ctx.oidc.client.clientId) {
          moveTo = { grantId: refreshToken.grantId, org: memberOrganization(value, refreshToken.accountId) };
          switchOrganization(ctx, moveTo.org);
        }
      }
      await refreshTokenHandler(provider, helpers, ctx);
      if (moveTo) db.organizations.setGrantOrganization(moveTo.grantId, moveTo.org.id);
    },
    [...refreshTokenParameters, ORGANIZATION_PARAM],
  );
}

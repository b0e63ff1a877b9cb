import type { Provider } from 'oidc-provider';
import type { OrganizationStore } from './organizations.js';

// Authorization codes for the challenge endpoint, built the way the
// provider's own authorization endpoint builds them (lib/helpers/
// process_response_types.js, codeHandler), so its token endpoint redeems them
// unchanged: PKCE is checked against codeChallenge, redirect_uri against
// redirectUri, the grant and account must exist.

export interface CodeRequest {
  clientId: string;
  accountId: string;
  /** OIDC scopes, already checked against the client's. */
  scope: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  /** Authentication context of this sign-in: "pwd", "otp", "phr" (passkey) or "guest" (none). */
  acr: string;
  /** Empty (a guest): no amr claim at all. */
  amr: string[];
  /** The organization the sign-in is in (already checked: the user is a member); its grant remembers it. */
  organizationId?: string;
}

export async function issueAuthorizationCode(provider: Provider, request: CodeRequest, organizations?: OrganizationStore): Promise<string> {
  const client = await provider.Client.find(request.clientId);
  if (!client) throw new Error(`unknown client ${request.clientId}`);

  // A first-party client: consent is implied, so the grant simply holds
  // every requested scope (what the consent page would add on "Allow").
  // A fresh grant per sign-in, like a fresh browser session: revoking one
  // app instance's tokens leaves the others alone.
  const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
  grant.addOIDCScope(request.scope);
  const grantId = await grant.save();
  if (request.organizationId) organizations?.setGrantOrganization(grantId, request.organizationId);

  const code = new provider.AuthorizationCode({
    client,
    accountId: request.accountId,
    grantId,
    scope: request.scope,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: 'S256',
    ...(request.nonce ? { nonce: request.nonce } : {}),
    acr: request.acr,
    ...(request.amr.length ? { amr: request.amr } : {}),
    authTime: Math.floor(Date.now() / 1000),
    // Always put auth_time, acr and amr into the ID token: the user
    // authenticated just now (which also answers any max_age), and how.
    claims: { id_token: { auth_time: { essential: true }, acr: null, amr: null } },
    // No sessionUid and no expiresWithSession: there is no browser session
    // (the SPA has no OP cookie), so the refresh token must not be bound to
    // one, or the first refresh would fail with invalid_grant.
  });
  return code.save();
}

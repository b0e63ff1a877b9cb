import type { BetterSqlite3 } from 'better-sqlite3';
import type { Grant, KoaContextWithOIDC, Provider } from 'oidc-provider';

// Remembered consent, kept apart from oidc-provider Grants on purpose: a grant
// (and every token issued under it) is revoked on sign-out or refresh-token
// revocation, which is right for tokens, but the user should not have to
// click "Allow" again for a client they already allowed.

export interface Consent {
  scope: string;
  claims: string[];
  /** Scopes the user unticked: not asked for again (until the app asks with prompt=consent). */
  rejected: string;
}

export class ConsentStore {
  readonly #get: BetterSqlite3.Statement;
  readonly #put: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    // Databases from before declined scopes were kept get the column.
    const columns = (sqlite.prepare('PRAGMA table_info(consents)').all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes('rejected')) sqlite.exec("ALTER TABLE consents ADD COLUMN rejected TEXT NOT NULL DEFAULT ''");
    this.#get = sqlite.prepare('SELECT scope, claims, rejected FROM consents WHERE account_id = ? AND client_id = ?');
    this.#put = sqlite.prepare(
      `INSERT INTO consents (account_id, client_id, scope, claims, rejected, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, client_id) DO UPDATE SET scope = excluded.scope, claims = excluded.claims,
         rejected = excluded.rejected, updated_at = excluded.updated_at`,
    );
  }

  find(accountId: string, clientId: string): Consent | undefined {
    const row = this.#get.get(accountId, clientId) as { scope: string; claims: string; rejected: string } | undefined;
    return row && { scope: row.scope, claims: JSON.parse(row.claims) as string[], rejected: row.rejected };
  }

  /** Records the user's whole answer: what the grant allows and what was declined. */
  remember(grant: Grant): void {
    const now = new Date().toISOString();
    this.#put.run(grant.accountId, grant.clientId, grant.getOIDCScope(), JSON.stringify(grant.getOIDCClaims()), grant.getRejectedOIDCScope(), now);
  }
}

type GrantLoaderCtx = KoaContextWithOIDC & {
  oidc: {
    provider: Provider;
    account?: { accountId: string };
    result?: { consent?: { grantId?: string } };
    session: { grantIdFor(clientId: string): string | undefined };
  };
};

/**
 * `loadExistingGrant`: the provider's default (grant from this interaction or
 * this session), falling back to a fresh grant rebuilt from remembered
 * consent. Scopes not covered by it still trigger the consent prompt.
 */
export function grantLoader(consents: ConsentStore) {
  return async (ctx: GrantLoaderCtx): Promise<Grant | undefined> => {
    const { oidc } = ctx;
    const clientId = oidc.client!.clientId;
    const accountId = oidc.account?.accountId;
    const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
    const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
    if (existing || !accountId) return existing;

    const remembered = consents.find(accountId, clientId);
    if (!remembered) return undefined;
    const grant = new oidc.provider.Grant({ accountId, clientId });
    grant.addOIDCScope(remembered.scope);
    if (remembered.rejected) grant.rejectOIDCScope(remembered.rejected);
    if (remembered.claims.length) grant.addOIDCClaims(remembered.claims);
    await grant.save();
    return grant;
  };
}

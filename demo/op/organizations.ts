/**
 * Organizations (docs/first-party-challenge.md#organizations): a person is a customer in one, a delegate in
 * another and an admin in a third. This file is the storage: organizations, memberships with roles, which
 * organization each grant signs in to, and invitations (kept by the SHA-256 of their token, like every other
 * secret the OP hands out). org-tokens.ts puts the organization into tokens, organizations-api.ts is the API.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { normalizeEmail } from './users.js';

export interface Organization {
  id: string;
  /** A short lowercase slug, accepted wherever an id is (the `organization` parameter, the API paths). */
  alias: string;
  name: string;
}

export interface Membership extends Organization {
  roles: string[];
}

/** The roles the demo gives out; roles are free strings, an invitation may hand out only these three. */
export const INVITABLE_ROLES: ReadonlySet<string> = new Set(['member', 'delegate', 'admin']);
export const ADMIN_ROLE = 'admin';
export const INVITATION_DAYS = 7;
const ALIAS = /^[a-z0-9][a-z0-9-]{0,31}$/;

const ORGANIZATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS organizations (
  id TEXT PRIMARY KEY,
  alias TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- roles: a JSON array of strings.
CREATE TABLE IF NOT EXISTS memberships (
  user_id TEXT NOT NULL,
  org_id TEXT NOT NULL,
  roles TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, org_id)
);
CREATE INDEX IF NOT EXISTS memberships_org_id ON memberships (org_id);

-- The organization a grant (one sign-in) is in, when it is in one: codes and refresh tokens of the grant
-- carry it into their tokens. A refresh with organization= moves the grant.
CREATE TABLE IF NOT EXISTS grant_organizations (
  grant_id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL
);

-- Invitations by the SHA-256 of their token (the token itself is only in the email); single-use, 7 days.
CREATE TABLE IF NOT EXISTS organization_invitations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER
);
`;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export class OrganizationStore {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #byIdOrAlias: BetterSqlite3.Statement;
  readonly #roles: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    sqlite.exec(ORGANIZATIONS_SCHEMA);
    // Grants end (sign-out, expiry); what they were in goes with them.
    sqlite.exec("DELETE FROM grant_organizations WHERE grant_id NOT IN (SELECT id FROM oidc_payloads WHERE model = 'Grant')");
    this.#byIdOrAlias = sqlite.prepare('SELECT id, alias, name FROM organizations WHERE id = ? OR alias = ?');
    this.#roles = sqlite.prepare('SELECT roles FROM memberships WHERE user_id = ? AND org_id = ?');
  }

  /** On a database without organizations: Personal, Acme and Beta, with `userId` as customer, admin and delegate. */
  seed(userId: string): void {
    const { count } = this.#sqlite.prepare('SELECT COUNT(*) AS count FROM organizations').get() as { count: number };
    if (count) return;
    this.#sqlite.transaction(() => {
      for (const [alias, name, role] of [
        ['personal', 'Personal', 'customer'],
        ['acme', 'Acme', 'admin'],
        ['beta', 'Beta', 'delegate'],
      ]) {
        this.addMember(userId, this.create(alias, name).id, [role]);
      }
    })();
  }

  create(alias: string, name: string): Organization {
    if (!ALIAS.test(alias)) throw new TypeError('An alias is 1 to 32 lowercase letters, digits or -.');
    const org = { id: `org_${randomBytes(8).toString('hex')}`, alias, name };
    this.#sqlite.prepare('INSERT INTO organizations (id, alias, name, created_at) VALUES (?, ?, ?, ?)').run(org.id, alias, name, new Date().toISOString());
    return org;
  }

  /** By id or alias (ids start with `org_`, aliases cannot hold `_`, so the two never meet). */
  find(idOrAlias: string): Organization | undefined {
    return this.#byIdOrAlias.get(idOrAlias, idOrAlias) as Organization | undefined;
  }

  /** The user's roles in the organization, or undefined when they are not a member. */
  rolesOf(userId: string, orgId: string): string[] | undefined {
    const row = this.#roles.get(userId, orgId) as { roles: string } | undefined;
    return row ? (JSON.parse(row.roles) as string[]) : undefined;
  }

  membershipsOf(userId: string): Membership[] {
    const rows = this.#sqlite
      .prepare('SELECT o.id, o.alias, o.name, m.roles FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY m.rowid')
      .all(userId) as (Organization & { roles: string })[];
    return rows.map((row) => ({ ...row, roles: JSON.parse(row.roles) as string[] }));
  }

  /** Makes the user a member with these roles, or adds them to the roles they have. */
  addMember(userId: string, orgId: string, roles: string[]): string[] {
    const merged = [...new Set([...(this.rolesOf(userId, orgId) ?? []), ...roles])];
    this.#sqlite
      .prepare(
        'INSERT INTO memberships (user_id, org_id, roles, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, org_id) DO UPDATE SET roles = excluded.roles',
      )
      .run(userId, orgId, JSON.stringify(merged), new Date().toISOString());
    return merged;
  }

  removeMember(userId: string, orgId: string): boolean {
    return this.#sqlite.prepare('DELETE FROM memberships WHERE user_id = ? AND org_id = ?').run(userId, orgId).changes > 0;
  }

  membersOf(orgId: string): { userId: string; roles: string[] }[] {
    const rows = this.#sqlite.prepare('SELECT user_id, roles FROM memberships WHERE org_id = ? ORDER BY rowid').all(orgId) as {
      user_id: string;
      roles: string;
    }[];
    return rows.map((row) => ({ userId: row.user_id, roles: JSON.parse(row.roles) as string[] }));
  }

  /** How many members have `role` (for "not the last admin"). */
  countWithRole(orgId: string, role: string): number {
    return this.membersOf(orgId).filter((member) => member.roles.includes(role)).length;
  }

  grantOrganization(grantId: string): string | undefined {
    return (this.#sqlite.prepare('SELECT org_id FROM grant_organizations WHERE grant_id = ?').get(grantId) as { org_id: string } | undefined)?.org_id;
  }

  /** null: the grant is a personal sign-in (no organization). */
  setGrantOrganization(grantId: string, orgId: string | null): void {
    if (orgId === null) this.#sqlite.prepare('DELETE FROM grant_organizations WHERE grant_id = ?').run(grantId);
    else
      this.#sqlite
        .prepare('INSERT INTO grant_organizations (grant_id, org_id) VALUES (?, ?) ON CONFLICT (grant_id) DO UPDATE SET org_id = excluded.org_id')
        .run(grantId, orgId);
  }

  /** A new invitation; returns its token (256 random bits), which is stored only as a hash. */
  invite(input: { orgId: string; email: string; role: string; invitedBy: string }, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.#sqlite
      .prepare('INSERT INTO organization_invitations (id, org_id, email, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hash(token), input.orgId, normalizeEmail(input.email), input.role, input.invitedBy, new Date(now).toISOString(), now + INVITATION_DAYS * 86_400_000);
    return token;
  }

  /**
   * What an invitation offers, for a user with this verified email to decide on (nothing is used up): the
   * organization, the role and who invited. Undefined on the same terms as `accept`.
   */
  peek(token: string, user: { email: string }, now = Date.now()): { org: Organization; role: string; invitedBy: string } | undefined {
    if (typeof token !== 'string' || token.length > 100) return undefined;
    const row = this.#sqlite
      .prepare('SELECT org_id, email, role, invited_by FROM organization_invitations WHERE id = ? AND accepted_at IS NULL AND expires_at > ?')
      .get(hash(token), now) as { org_id: string; email: string; role: string; invited_by: string } | undefined;
    const org = row && row.email === normalizeEmail(user.email) ? this.find(row.org_id) : undefined;
    return row && org ? { org, role: row.role, invitedBy: row.invited_by } : undefined;
  }

  /**
   * Uses up the invitation for a user with this verified email, making them a member with its role. Undefined
   * when there is no such live invitation for that email: unknown, used, expired and another's look the same.
   */
  accept(token: string, user: { id: string; email: string }, now = Date.now()): Membership | undefined {
    if (typeof token !== 'string' || token.length > 100) return undefined;
    return this.#sqlite.transaction(() => {
      const row = this.#sqlite
        .prepare('SELECT org_id, email, role FROM organization_invitations WHERE id = ? AND accepted_at IS NULL AND expires_at > ?')
        .get(hash(token), now) as { org_id: string; email: string; role: string } | undefined;
      if (!row || row.email !== normalizeEmail(user.email)) return undefined;
      const org = this.find(row.org_id);
      if (!org) return undefined;
      this.#sqlite.prepare('UPDATE organization_invitations SET accepted_at = ? WHERE id = ?').run(now, hash(token));
      return { ...org, roles: this.addMember(user.id, org.id, [row.role]) };
    })();
  }
}

import Database from 'better-sqlite3';
import type { BetterSqlite3 } from 'better-sqlite3';

// oidc-provider's storage contract (see lib/adapters/memory_adapter.js): one
// adapter instance per model name; payloads are opaque JSON objects; expiresIn
// is in seconds; `consumed` is reported back as epoch seconds.
type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string };

export const OIDC_PAYLOADS_SCHEMA = `
-- One row per oidc-provider model instance (Session, Grant, Interaction,
-- AccessToken, RefreshToken, ...). The secondary columns mirror the lookups the
-- Adapter interface needs (findByUid, findByUserCode, revokeByGrantId).
CREATE TABLE IF NOT EXISTS oidc_payloads (
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  payload TEXT NOT NULL,
  grant_id TEXT,
  user_code TEXT,
  uid TEXT,
  expires_at INTEGER,
  consumed_at INTEGER,
  PRIMARY KEY (model, id)
);
CREATE INDEX IF NOT EXISTS oidc_payloads_grant_id ON oidc_payloads (grant_id);
CREATE INDEX IF NOT EXISTS oidc_payloads_user_code ON oidc_payloads (model, user_code);
CREATE INDEX IF NOT EXISTS oidc_payloads_uid ON oidc_payloads (model, uid);
CREATE INDEX IF NOT EXISTS oidc_payloads_expires_at ON oidc_payloads (expires_at);
`;

// Models whose rows belong to a grant and must go when the grant is revoked
// (mirrors the memory adapter; Interactions also carry grantId but must stay).
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

interface Row {
  payload: string;
  consumed_at: number | null;
}

interface Statements {
  upsert: BetterSqlite3.Statement;
  find: BetterSqlite3.Statement;
  findByUid: BetterSqlite3.Statement;
  findByUserCode: BetterSqlite3.Statement;
  consume: BetterSqlite3.Statement;
  destroy: BetterSqlite3.Statement;
  revokeByGrantId: BetterSqlite3.Statement;
  purge: BetterSqlite3.Statement;
}

const LIVE = '(expires_at IS NULL OR expires_at > ?)';

function prepare(sqlite: BetterSqlite3.Database): Statements {
  return {
    upsert: sqlite.prepare(
      `INSERT INTO oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at, consumed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
    ),
    find: sqlite.prepare(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = ? AND id = ? AND ${LIVE}`),
    findByUid: sqlite.prepare(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = ? AND uid = ? AND ${LIVE}`),
    findByUserCode: sqlite.prepare(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = ? AND user_code = ? AND ${LIVE}`),
    consume: sqlite.prepare('UPDATE oidc_payloads SET consumed_at = ? WHERE model = ? AND id = ?'),
    destroy: sqlite.prepare('DELETE FROM oidc_payloads WHERE model = ? AND id = ?'),
    revokeByGrantId: sqlite.prepare(`DELETE FROM oidc_payloads WHERE grant_id = ? AND model IN (${[...GRANTABLE].map(() => '?').join(', ')})`),
    purge: sqlite.prepare('DELETE FROM oidc_payloads WHERE expires_at IS NOT NULL AND expires_at <= ?'),
  };
}

function decode(row: unknown): Payload | undefined {
  if (!row) return undefined;
  const { payload, consumed_at: consumedAt } = row as Row;
  const parsed = JSON.parse(payload) as Payload;
  return consumedAt === null ? parsed : { ...parsed, consumed: consumedAt };
}

export class SqliteAdapter {
  readonly #model: string;
  readonly #stmts: Statements;
  static #writes = 0;

  constructor(model: string, stmts: Statements) {
    this.#model = model;
    this.#stmts = stmts;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
    this.#stmts.upsert.run(this.#model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt);
    // Expired rows are already invisible to find(); deleting them now and then
    // just keeps the demo database from growing forever.
    if (++SqliteAdapter.#writes % 200 === 0) this.#stmts.purge.run(Date.now());
  }

  async find(id: string): Promise<Payload | undefined> {
    return decode(this.#stmts.find.get(this.#model, id, Date.now()));
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    return decode(this.#stmts.findByUid.get(this.#model, uid, Date.now()));
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    return decode(this.#stmts.findByUserCode.get(this.#model, userCode, Date.now()));
  }

  async consume(id: string): Promise<void> {
    this.#stmts.consume.run(Math.floor(Date.now() / 1000), this.#model, id);
  }

  async destroy(id: string): Promise<void> {
    this.#stmts.destroy.run(this.#model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.#stmts.revokeByGrantId.run(grantId, ...GRANTABLE);
  }
}

/**
 * oidc-provider calls the configured `adapter` with just the model name, so the
 * database handle is bound here. A plain (non-async, non-constructable) arrow
 * function is accepted by the provider as an adapter factory.
 */
export function createAdapterFactory(sqlite: BetterSqlite3.Database): (model: string) => SqliteAdapter {
  const stmts = prepare(sqlite);
  return (model) => new SqliteAdapter(model, stmts);
}

/**
 * The same storage in a private in-memory database, for providers that may
 * forget everything on restart (the stand-in upstream IdPs, demo/upstream/).
 */
export function createMemoryAdapterFactory(): { adapter: (model: string) => SqliteAdapter; close(): void } {
  const sqlite = new Database(':memory:');
  sqlite.exec(OIDC_PAYLOADS_SCHEMA);
  return { adapter: createAdapterFactory(sqlite), close: () => sqlite.close() };
}

// Models that carry the accountId of the user they belong to.
const ACCOUNT_MODELS = ['Session', 'Grant', 'AccessToken', 'RefreshToken', 'AuthorizationCode', 'DeviceCode', 'BackchannelAuthenticationRequest'];

/**
 * Signs a user out everywhere (after a password reset): deletes every
 * session, grant, token and code of the account, plus whatever else hangs off
 * its grants, and interactions started in its sessions. The provider keeps
 * nothing in memory, so a deleted row is a revoked artifact: refresh tokens
 * fail with invalid_grant, session cookies find no session.
 *
 * `keepInteraction`: the interaction the reset happens in (hosted page). It
 * stays, but loses its link to the revoked session and grant; otherwise the
 * provider would refuse to resume it ("session not found") and the user who
 * just proved the email could not finish signing in.
 */
export function revokeAccount(sqlite: BetterSqlite3.Database, accountId: string, options: { keepInteraction?: string } = {}): void {
  const keep = options.keepInteraction ?? null;
  const spared = "NOT (model = 'Interaction' AND id IS ?)";
  const models = ACCOUNT_MODELS.map(() => '?').join(', ');
  const detach = sqlite.prepare(
    `UPDATE oidc_payloads SET payload = json_remove(payload, '$.session', '$.grantId'), grant_id = NULL
     WHERE model = 'Interaction' AND id = ? AND json_extract(payload, '$.session.accountId') = ?`,
  );
  const byGrant = sqlite.prepare(
    `DELETE FROM oidc_payloads WHERE ${spared} AND grant_id IN
       (SELECT id FROM oidc_payloads WHERE model = 'Grant' AND json_extract(payload, '$.accountId') = ?)`,
  );
  const byAccount = sqlite.prepare(`DELETE FROM oidc_payloads WHERE model IN (${models}) AND json_extract(payload, '$.accountId') = ?`);
  const interactions = sqlite.prepare(
    `DELETE FROM oidc_payloads WHERE model = 'Interaction' AND ${spared} AND json_extract(payload, '$.session.accountId') = ?`,
  );
  sqlite.transaction(() => {
    if (keep) detach.run(keep, accountId);
    byGrant.run(keep, accountId);
    byAccount.run(...ACCOUNT_MODELS, accountId);
    interactions.run(keep, accountId);
  })();
}

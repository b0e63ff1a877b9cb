/**
 * Where the user is signed in: one row per grant (each sign-in makes one,
 * and its refresh tokens renew under it), with the browser and address of
 * its token requests, when it started and when it was last used. Written on
 * every successful token request (oidc-provider's `grant.success`); a grant
 * that is gone (signed out, revoked, expired) is dropped when listed. The
 * OP session's id for the client (`sid`, when the client takes back-channel
 * logout) is kept with it, so ending it can tell that client which one.
 */
import type { BetterSqlite3 } from 'better-sqlite3';

export interface DeviceSession {
  grantId: string;
  accountId: string;
  clientId: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeen: string;
  /** The `sid` the client knows this sign-in by (OIDC Back-Channel Logout), if it asked for one. */
  sid?: string;
}

export const DEVICE_SESSIONS_SCHEMA = `
-- Sign-ins per account for the device list (device-sessions.ts), keyed by grant.
CREATE TABLE IF NOT EXISTS device_sessions (
  grant_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  ip TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS device_sessions_account ON device_sessions (account_id);
`;

export class DeviceSessionStore {
  readonly #seen: BetterSqlite3.Statement;
  readonly #byAccount: BetterSqlite3.Statement;
  readonly #remove: BetterSqlite3.Statement;
  readonly #removeAccount: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    sqlite.exec(DEVICE_SESSIONS_SCHEMA);
    // Added after the first release: older databases get the column.
    const columns = (sqlite.prepare('PRAGMA table_info(device_sessions)').all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes('sid')) sqlite.exec('ALTER TABLE device_sessions ADD COLUMN sid TEXT');
    this.#seen = sqlite.prepare(
      `INSERT INTO device_sessions (grant_id, account_id, client_id, user_agent, ip, created_at, last_seen, sid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (grant_id) DO UPDATE SET user_agent = excluded.user_agent, ip = excluded.ip, last_seen = excluded.last_seen,
         sid = COALESCE(excluded.sid, device_sessions.sid)`,
    );
    this.#byAccount = sqlite.prepare('SELECT * FROM device_sessions WHERE account_id = ? ORDER BY last_seen DESC');
    this.#remove = sqlite.prepare('DELETE FROM device_sessions WHERE grant_id = ?');
    this.#removeAccount = sqlite.prepare('DELETE FROM device_sessions WHERE account_id = ?');
  }

  /** A token request under `grantId` succeeded: new, or seen again. */
  seen(session: Omit<DeviceSession, 'createdAt' | 'lastSeen'>, now = new Date()): void {
    const at = now.toISOString();
    // A user agent is the browser's to say; keep a sane length of it, nothing more.
    this.#seen.run(session.grantId, session.accountId, session.clientId, session.userAgent.slice(0, 512), session.ip, at, at, session.sid ?? null);
  }

  listByAccount(accountId: string): DeviceSession[] {
    type Row = Record<'grant_id' | 'account_id' | 'client_id' | 'user_agent' | 'ip' | 'created_at' | 'last_seen', string> & { sid: string | null };
    return (this.#byAccount.all(accountId) as Row[]).map((row) => ({
      grantId: row.grant_id,
      accountId: row.account_id,
      clientId: row.client_id,
      userAgent: row.user_agent,
      ip: row.ip,
      createdAt: row.created_at,
      lastSeen: row.last_seen,
      ...(row.sid ? { sid: row.sid } : {}),
    }));
  }

  remove(grantId: string): void {
    this.#remove.run(grantId);
  }

  /** Every row of an account that is being deleted (a guest, guests.ts). */
  removeAccount(accountId: string): void {
    this.#removeAccount.run(accountId);
  }
}

/** "Chrome", "Linux" from a User-Agent string; a rough reading is all the list needs (no client hints here). */
export function describeUserAgent(ua: string): { browser: string; os: string } {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium|CriOS)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua) && /Version\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /(iPhone|iPad|iPod)/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : 'an unknown system';
  return { browser, os };
}

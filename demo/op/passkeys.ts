import { randomBytes } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';

// Passkeys (WebAuthn credentials) in SQLite: the credentials themselves, each
// user's WebAuthn user handle, and the pending registration challenges. The
// WebAuthn checks are in webauthn.ts; sign-in challenges live in the flow's
// auth_session (challenge-flows.ts), not here.

export type DeviceType = 'singleDevice' | 'multiDevice';

export interface Passkey {
  /** The credential ID, base64url. */
  id: string;
  userId: string;
  /** COSE-encoded public key, as the authenticator gave it. */
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  deviceType: DeviceType;
  backedUp: boolean;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type NewPasskey = Omit<Passkey, 'createdAt' | 'lastUsedAt'>;

interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  device_type: DeviceType;
  backed_up: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export class PasskeyTakenError extends Error {
  constructor() {
    super('This passkey is already registered.');
    this.name = 'PasskeyTakenError';
  }
}

/** 32 random bytes: WebAuthn allows up to 64, and the handle must not reveal anything about the user. */
const HANDLE_BYTES = 32;

function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: JSON.parse(row.transports) as string[],
    deviceType: row.device_type,
    backedUp: row.backed_up === 1,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export class PasskeyStore {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #find: BetterSqlite3.Statement;
  readonly #byUser: BetterSqlite3.Statement;
  readonly #insert: BetterSqlite3.Statement;
  readonly #rename: BetterSqlite3.Statement;
  readonly #used: BetterSqlite3.Statement;
  readonly #delete: BetterSqlite3.Statement;
  readonly #count: BetterSqlite3.Statement;
  readonly #handle: BetterSqlite3.Statement;
  readonly #insertHandle: BetterSqlite3.Statement;
  readonly #insertChallenge: BetterSqlite3.Statement;
  readonly #consumeChallenge: BetterSqlite3.Statement;
  readonly #purgeChallenges: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    this.#find = sqlite.prepare('SELECT * FROM passkeys WHERE id = ?');
    // rowid breaks ties between passkeys added within the same millisecond.
    this.#byUser = sqlite.prepare('SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at DESC, rowid DESC');
    this.#insert = sqlite.prepare(
      `INSERT INTO passkeys (id, user_id, public_key, counter, transports, device_type, backed_up, name, created_at, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    this.#rename = sqlite.prepare('UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?');
    this.#used = sqlite.prepare('UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ?');
    this.#delete = sqlite.prepare('DELETE FROM passkeys WHERE id = ? AND user_id = ?');
    this.#count = sqlite.prepare('SELECT COUNT(*) AS n FROM passkeys WHERE user_id = ?');
    this.#handle = sqlite.prepare('SELECT handle FROM webauthn_users WHERE user_id = ?');
    this.#insertHandle = sqlite.prepare('INSERT OR IGNORE INTO webauthn_users (user_id, handle) VALUES (?, ?)');
    this.#insertChallenge = sqlite.prepare('INSERT INTO webauthn_challenges (challenge, user_id, expires_at) VALUES (?, ?, ?)');
    this.#consumeChallenge = sqlite.prepare('DELETE FROM webauthn_challenges WHERE challenge = ? AND user_id = ? AND expires_at > ?');
    this.#purgeChallenges = sqlite.prepare('DELETE FROM webauthn_challenges WHERE expires_at <= ?');
  }

  find(id: string): Passkey | undefined {
    const row = this.#find.get(id) as PasskeyRow | undefined;
    return row && toPasskey(row);
  }

  /** Newest first. */
  listByUser(userId: string): Passkey[] {
    return (this.#byUser.all(userId) as PasskeyRow[]).map(toPasskey);
  }

  add(passkey: NewPasskey): Passkey {
    try {
      this.#insert.run(
        passkey.id,
        passkey.userId,
        Buffer.from(passkey.publicKey),
        passkey.counter,
        JSON.stringify(passkey.transports),
        passkey.deviceType,
        passkey.backedUp ? 1 : 0,
        passkey.name,
        new Date().toISOString(),
      );
    } catch (err) {
      // The primary key decides: also covers two registrations racing each other.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new PasskeyTakenError();
      throw err;
    }
    return this.find(passkey.id)!;
  }

  /** Undefined when the user has no passkey with this ID. */
  rename(userId: string, id: string, name: string): Passkey | undefined {
    return this.#rename.run(name, id, userId).changes === 1 ? this.find(id) : undefined;
  }

  /** After a verified sign-in: the authenticator's new counter and backup state. */
  recordUse(id: string, counter: number, backedUp: boolean): void {
    this.#used.run(counter, backedUp ? 1 : 0, new Date().toISOString(), id);
  }

  /**
   * Deletes one of the user's passkeys. Unless `allowLast`, the only one left
   * is kept ('last_credential'). Check and delete run in one transaction, so
   * two deletes at once cannot both pass the check.
   */
  remove(userId: string, id: string, allowLast: boolean): 'deleted' | 'not_found' | 'last_credential' {
    return this.#sqlite.transaction(() => {
      const row = this.#find.get(id) as PasskeyRow | undefined;
      if (!row || row.user_id !== userId) return 'not_found' as const;
      const { n } = this.#count.get(userId) as { n: number };
      if (n <= 1 && !allowLast) return 'last_credential' as const;
      this.#delete.run(id, userId);
      return 'deleted' as const;
    })();
  }

  /** The user's WebAuthn user handle (user.id in the ceremonies), made on first use and never changed. */
  userHandle(userId: string): string {
    const existing = this.#handle.get(userId) as { handle: string } | undefined;
    if (existing) return existing.handle;
    // INSERT OR IGNORE + read back: a concurrent first call keeps the same handle.
    this.#insertHandle.run(userId, randomBytes(HANDLE_BYTES).toString('base64url'));
    return (this.#handle.get(userId) as { handle: string }).handle;
  }

  /** Remembers a registration challenge issued to this user. */
  saveChallenge(userId: string, challenge: string, ttlMs: number): void {
    const now = Date.now();
    this.#purgeChallenges.run(now);
    this.#insertChallenge.run(challenge, userId, now + ttlMs);
  }

  /** True once for a live challenge of this user; it is gone afterwards, whatever the outcome. */
  consumeChallenge(userId: string, challenge: string): boolean {
    return this.#consumeChallenge.run(challenge, userId, Date.now()).changes === 1;
  }
}

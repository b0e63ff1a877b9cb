import { createHash, randomBytes } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';

// auth_session of draft-ietf-oauth-first-party-apps: an opaque value the
// client sends back on every follow-up request to the challenge endpoint, tied
// to server-side flow state. Stored by its SHA-256 only, so the database (or a
// backup of it) does not hold values anyone could present.

/** 256 bits, as the draft recommends for random auth_session values. */
const SESSION_BYTES = 32;

export interface AuthSession<State> {
  /** The value handed to the client (only known when created or presented; '' when found by `id`). */
  value: string;
  /** Its SHA-256: the row's key, by which other tables (email links) refer to it. */
  readonly id: string;
  clientId: string;
  accountId: string | null;
  state: State;
  expiresAt: number;
}

interface Row {
  client_id: string;
  account_id: string | null;
  state: string;
  expires_at: number;
}

export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export class AuthSessionStore<State> {
  readonly #insert: BetterSqlite3.Statement;
  readonly #find: BetterSqlite3.Statement;
  readonly #update: BetterSqlite3.Statement;
  readonly #consume: BetterSqlite3.Statement;
  readonly #dropAccount: BetterSqlite3.Statement;
  readonly #purge: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#insert = sqlite.prepare('INSERT INTO auth_sessions (id, client_id, account_id, state, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.#find = sqlite.prepare('SELECT client_id, account_id, state, expires_at FROM auth_sessions WHERE id = ? AND consumed_at IS NULL AND expires_at > ?');
    this.#update = sqlite.prepare('UPDATE auth_sessions SET account_id = ?, state = ?, expires_at = ? WHERE id = ? AND consumed_at IS NULL');
    this.#consume = sqlite.prepare('UPDATE auth_sessions SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND expires_at > ?');
    this.#dropAccount = sqlite.prepare('DELETE FROM auth_sessions WHERE account_id = ?');
    this.#purge = sqlite.prepare('DELETE FROM auth_sessions WHERE expires_at <= ?');
  }

  create(clientId: string, accountId: string | null, state: State, ttlMs: number): AuthSession<State> {
    const now = Date.now();
    // Consumed and expired rows only matter until they expire; drop them as we go.
    this.#purge.run(now);
    const value = randomBytes(SESSION_BYTES).toString('base64url');
    const session = { value, id: digest(value), clientId, accountId, state, expiresAt: now + ttlMs };
    this.#insert.run(session.id, clientId, accountId, JSON.stringify(state), session.expiresAt);
    return session;
  }

  /** A live (not expired, not consumed) session of this client, or undefined. */
  find(value: string, clientId: string): AuthSession<State> | undefined {
    const session = this.findById(digest(value), clientId);
    return session && { ...session, value };
  }

  /** The same, by the session's `id` (its value stays unknown: ''), for a record that refers to it. */
  findById(id: string, clientId: string): AuthSession<State> | undefined {
    const row = this.#find.get(id, Date.now()) as Row | undefined;
    if (!row || row.client_id !== clientId) return undefined;
    return {
      value: '',
      id,
      clientId: row.client_id,
      accountId: row.account_id,
      state: JSON.parse(row.state) as State,
      expiresAt: row.expires_at,
    };
  }

  save(session: AuthSession<State>): void {
    this.#update.run(session.accountId, JSON.stringify(session.state), session.expiresAt, session.id);
  }

  /** Marks the session used. False if it was already consumed (or expired): then issue nothing. */
  consume(session: AuthSession<State>): boolean {
    const now = Date.now();
    return this.#consume.run(now, session.id, now).changes === 1;
  }

  /** Ends every pending flow for an account (after its password was reset). */
  dropAccount(accountId: string): void {
    this.#dropAccount.run(accountId);
  }
}

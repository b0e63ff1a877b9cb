import { randomUUID } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { randomValue, sha256 } from './upstream-client.js';

// Storage of federation (tables in db.ts): linked identities, and the
// short-lived, single-use things a round trip to an upstream needs. Secrets
// handed to browsers (state, tokens) are stored by their SHA-256 only.

export interface FederatedIdentity {
  id: string;
  userId: string;
  issuer: string;
  subject: string;
  providerId: string;
  email: string | null;
  createdAt: string;
}

interface IdentityRow {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  provider_id: string;
  email: string | null;
  created_at: string;
}

function toIdentity(row: IdentityRow): FederatedIdentity {
  return {
    id: row.id,
    userId: row.user_id,
    issuer: row.issuer,
    subject: row.subject,
    providerId: row.provider_id,
    email: row.email,
    createdAt: row.created_at,
  };
}

// Spent requests stay this long past their expiry: an interaction that has
// been to its upstream once is not sent there automatically again (no loop
// when the user cancels there and comes back).
const KEEP_SPENT_MS = 60 * 60 * 1000;

export class FederationStore {
  readonly #bySubject: BetterSqlite3.Statement;
  readonly #byId: BetterSqlite3.Statement;
  readonly #byUser: BetterSqlite3.Statement;
  readonly #insert: BetterSqlite3.Statement;
  readonly #remove: BetterSqlite3.Statement;
  readonly #insertRequest: BetterSqlite3.Statement;
  readonly #consumeRequest: BetterSqlite3.Statement;
  readonly #findRequest: BetterSqlite3.Statement;
  readonly #requestFor: BetterSqlite3.Statement;
  readonly #purgeRequests: BetterSqlite3.Statement;
  readonly #putPending: BetterSqlite3.Statement;
  readonly #findPending: BetterSqlite3.Statement;
  readonly #dropPending: BetterSqlite3.Statement;
  readonly #purgePending: BetterSqlite3.Statement;
  readonly #insertToken: BetterSqlite3.Statement;
  readonly #findToken: BetterSqlite3.Statement;
  readonly #consumeToken: BetterSqlite3.Statement;
  readonly #purgeTokens: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#bySubject = sqlite.prepare('SELECT * FROM federated_identities WHERE issuer = ? AND subject = ?');
    this.#byId = sqlite.prepare('SELECT * FROM federated_identities WHERE id = ?');
    this.#byUser = sqlite.prepare('SELECT * FROM federated_identities WHERE user_id = ? ORDER BY created_at, id');
    this.#insert = sqlite.prepare(
      'INSERT INTO federated_identities (id, user_id, issuer, subject, provider_id, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#remove = sqlite.prepare('DELETE FROM federated_identities WHERE id = ? AND user_id = ?');
    this.#insertRequest = sqlite.prepare('INSERT INTO federation_requests (id, interaction_uid, state, expires_at) VALUES (?, ?, ?, ?)');
    this.#consumeRequest = sqlite.prepare('UPDATE federation_requests SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND expires_at > ?');
    this.#findRequest = sqlite.prepare('SELECT state FROM federation_requests WHERE id = ?');
    this.#requestFor = sqlite.prepare('SELECT 1 FROM federation_requests WHERE interaction_uid = ? LIMIT 1');
    this.#purgeRequests = sqlite.prepare('DELETE FROM federation_requests WHERE expires_at <= ?');
    this.#putPending = sqlite.prepare(
      `INSERT INTO federation_pending (interaction_uid, state, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (interaction_uid) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
    );
    this.#findPending = sqlite.prepare('SELECT state FROM federation_pending WHERE interaction_uid = ? AND expires_at > ?');
    this.#dropPending = sqlite.prepare('DELETE FROM federation_pending WHERE interaction_uid = ?');
    this.#purgePending = sqlite.prepare('DELETE FROM federation_pending WHERE expires_at <= ?');
    this.#insertToken = sqlite.prepare('INSERT INTO federation_tokens (id, kind, user_id, state, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.#findToken = sqlite.prepare('SELECT user_id, state FROM federation_tokens WHERE id = ? AND kind = ? AND consumed_at IS NULL AND expires_at > ?');
    this.#consumeToken = sqlite.prepare('UPDATE federation_tokens SET consumed_at = ? WHERE id = ? AND kind = ? AND consumed_at IS NULL AND expires_at > ?');
    this.#purgeTokens = sqlite.prepare('DELETE FROM federation_tokens WHERE expires_at <= ?');
  }

  // ---- linked identities ----

  findBySubject(issuer: string, subject: string): FederatedIdentity | undefined {
    const row = this.#bySubject.get(issuer, subject) as IdentityRow | undefined;
    return row && toIdentity(row);
  }

  findById(id: string): FederatedIdentity | undefined {
    const row = this.#byId.get(id) as IdentityRow | undefined;
    return row && toIdentity(row);
  }

  listByUser(userId: string): FederatedIdentity[] {
    return (this.#byUser.all(userId) as IdentityRow[]).map(toIdentity);
  }

  /** Links (issuer, subject) to the account; the identity that already holds it when it is taken (never moved). */
  link(input: {
    userId: string;
    issuer: string;
    subject: string;
    providerId: string;
    email?: string;
  }): { linked: FederatedIdentity } | { taken: FederatedIdentity } {
    const id = randomUUID();
    try {
      this.#insert.run(id, input.userId, input.issuer, input.subject, input.providerId, input.email ?? null, new Date().toISOString());
    } catch (err) {
      // UNIQUE (issuer, subject) is the source of truth, also for two callbacks racing.
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      return { taken: this.findBySubject(input.issuer, input.subject)! };
    }
    return { linked: this.findById(id)! };
  }

  /** Removes one of the user's links; false when the user has no link with that id. */
  unlink(userId: string, id: string): boolean {
    return this.#remove.run(id, userId).changes === 1;
  }

  // ---- round trips (state → what it belongs to) ----

  /** Stores a round trip under its state; `interactionUid` for sign-ins, null for linking. */
  createRequest<T>(state: string, interactionUid: string | null, data: T, ttlMs: number): void {
    const now = Date.now();
    this.#purgeRequests.run(now - KEEP_SPENT_MS);
    this.#insertRequest.run(sha256(state), interactionUid, JSON.stringify(data), now + ttlMs);
  }

  /** The round trip of `state`, used up; undefined when unknown, expired or used already (a replay). */
  consumeRequest<T>(state: string): T | undefined {
    const id = sha256(state);
    const now = Date.now();
    if (this.#consumeRequest.run(now, id, now).changes !== 1) return undefined;
    const row = this.#findRequest.get(id) as { state: string } | undefined;
    return row && (JSON.parse(row.state) as T);
  }

  /** Whether this interaction has been sent to an upstream already (in the last hour or so). */
  hasRequestFor(interactionUid: string): boolean {
    return this.#requestFor.get(interactionUid) !== undefined;
  }

  // ---- verified identities waiting in their interaction ----

  savePending<T>(interactionUid: string, data: T, expiresAt: number): void {
    this.#purgePending.run(Date.now());
    this.#putPending.run(interactionUid, JSON.stringify(data), expiresAt);
  }

  findPending<T>(interactionUid: string): T | undefined {
    const row = this.#findPending.get(interactionUid, Date.now()) as { state: string } | undefined;
    return row && (JSON.parse(row.state) as T);
  }

  /** Removes it; true when it was there, so two racing requests finish once. */
  dropPending(interactionUid: string): boolean {
    return this.#dropPending.run(interactionUid).changes === 1;
  }

  // ---- single-use tokens ----

  createToken<T>(kind: 'link' | 'unlink', userId: string, data: T, ttlMs: number): string {
    const now = Date.now();
    this.#purgeTokens.run(now);
    const value = randomValue();
    this.#insertToken.run(sha256(value), kind, userId, JSON.stringify(data), now + ttlMs);
    return value;
  }

  /** A live token's owner and data, without using it up (for a confirmation page). */
  peekToken<T>(kind: 'link' | 'unlink', value: string): { userId: string; data: T } | undefined {
    const row = this.#findToken.get(sha256(value), kind, Date.now()) as { user_id: string; state: string } | undefined;
    return row && { userId: row.user_id, data: JSON.parse(row.state) as T };
  }

  /** Uses the token up; undefined when unknown, expired or used. */
  consumeToken<T>(kind: 'link' | 'unlink', value: string): { userId: string; data: T } | undefined {
    const found = this.peekToken<T>(kind, value);
    if (!found) return undefined;
    const now = Date.now();
    return this.#consumeToken.run(now, sha256(value), kind, now).changes === 1 ? found : undefined;
  }
}

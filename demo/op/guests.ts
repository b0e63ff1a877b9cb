/**
 * Guest accounts (docs/first-party-challenge.md, "Guest sessions"): a first-party app lets someone start
 * without an account (a cart, a draft) and keep what they did once they sign up or sign in. A guest is an
 * ordinary user row, so its id is an ordinary `sub`, with no email, name or password, that expires
 * `ttlDays` after its creation unless bound before:
 *  - by sign-up: the guest becomes the new account (same `sub`), and the tokens it got as a guest are revoked
 *    (they were had without any authentication; the sign-up hands out new ones);
 *  - by a sign-in to an existing account, when the user chooses to move it: the merge is recorded and told to
 *    the client (`onMerge`: a signed Security Event Token, guest-merge-event.ts), then the guest, its tokens
 *    and its device rows are deleted.
 * An expired guest is gone for everyone at once (UserStore.findById does not find it: no refresh, no userinfo,
 * no API) and deleted by the purge, which runs at start and every hour.
 */
import type { BetterSqlite3 } from 'better-sqlite3';
import { revokeAccount } from './adapter.js';
import type { OpDb } from './db.js';
import { SlidingWindow } from './rate-limit.js';
import type { User } from './users.js';

export interface GuestOptions {
  /** Days an unbound guest lives after its creation (default 30). */
  ttlDays?: number;
  /** Guest accounts one client address may create per hour (default 10); `startOp({ rateLimit: { guests } })`. */
  perAddressPerHour?: number;
  /** Told of each guest moved into an account, before the guest is deleted (the client's merge event). */
  onMerge?: (merge: GuestMerge) => Promise<void>;
  /** Told of the guests the purge deleted (their app data may go too: the demo cart). */
  onPurged?: (guestIds: string[]) => void;
}

export interface GuestMerge {
  guestId: string;
  accountId: string;
  /** The client whose sign-in moved the guest: the one told. */
  clientId: string;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const GUEST_MERGES_SCHEMA = `
-- Guests moved into an existing account at sign-in (guests.ts): who became whom, for which client, when.
CREATE TABLE IF NOT EXISTS guest_merges (
  guest_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  merged_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS guest_merges_account_id ON guest_merges (account_id);
`;

/** Whether a user is a guest (not bound to an email yet). */
export function isGuest(user: Pick<User, 'guestExpiresAt'>): boolean {
  return user.guestExpiresAt !== null;
}

export class Guests {
  /** Guest creations per client address, in a one-hour sliding window. */
  readonly starts: SlidingWindow;
  readonly ttlMs: number;
  readonly #db: OpDb;
  readonly #options: GuestOptions;
  readonly #recordMerge: BetterSqlite3.Statement;
  readonly #mergedInto: BetterSqlite3.Statement;

  constructor(db: OpDb, options: GuestOptions = {}) {
    this.#db = db;
    this.#options = options;
    this.ttlMs = (options.ttlDays ?? 30) * DAY_MS;
    this.starts = new SlidingWindow(options.perAddressPerHour ?? 10, HOUR_MS);
    db.sqlite.exec(GUEST_MERGES_SCHEMA);
    this.#recordMerge = db.sqlite.prepare('INSERT INTO guest_merges (guest_id, account_id, client_id, merged_at) VALUES (?, ?, ?, ?)');
    this.#mergedInto = db.sqlite.prepare('SELECT account_id FROM guest_merges WHERE guest_id = ?');
  }

  create(now = Date.now()): User {
    return this.#db.users.createGuest(now + this.ttlMs);
  }

  /** A live guest, or undefined (unknown, expired, or a registered account). */
  find(id: string): User | undefined {
    const user = this.#db.users.findById(id);
    return user && isGuest(user) ? user : undefined;
  }

  /**
   * Sign-up from a guest: the guest becomes the account. Undefined when it is no live guest any more (then the
   * caller creates a new account); EmailTakenError (users.ts) when the address was registered meanwhile.
   */
  bind(guestId: string, account: { email: string; name: string; passwordHash: string }): User | undefined {
    const user = this.#db.users.bindGuest(guestId, account);
    // Same id, so the guest's tokens would now be the account's: they were had without signing in.
    if (user) revokeAccount(this.#db.sqlite, guestId);
    return user;
  }

  /** Sign-in from a guest, moving it: recorded, told to the client, then deleted. False when it was gone already. */
  async merge(guestId: string, accountId: string, clientId: string): Promise<boolean> {
    if (!this.find(guestId)) return false;
    this.#recordMerge.run(guestId, accountId, clientId, new Date().toISOString());
    // Best effort, like back-channel logout: the sign-in goes on whatever the client answers.
    await this.#options.onMerge?.({ guestId, accountId, clientId }).catch((error: unknown) => console.warn('[demo-op] guest merge event failed', error));
    this.#remove(guestId);
    return true;
  }

  /** Where a guest went, if it was merged into an account. */
  mergedInto(guestId: string): string | undefined {
    const row = this.#mergedInto.get(guestId) as { account_id: string } | undefined;
    return row?.account_id;
  }

  /** Deletes every guest that expired by `now`; returns their ids. */
  purgeExpired(now = Date.now()): string[] {
    const expired = this.#db.users.expiredGuests(now);
    for (const id of expired) this.#remove(id);
    if (expired.length) this.#options.onPurged?.(expired);
    return expired;
  }

  /** Purges now and then every `intervalMs` (an unref'd timer: it never keeps the process alive); returns the stop. */
  startPurging(intervalMs = HOUR_MS): () => void {
    this.purgeExpired();
    const timer = setInterval(() => {
      if (this.#db.sqlite.open) this.purgeExpired();
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The guest, its sessions, grants, tokens and codes, and its device rows. */
  #remove(id: string): void {
    revokeAccount(this.#db.sqlite, id);
    this.#db.deviceSessions.removeAccount(id);
    this.#db.users.removeGuest(id);
  }
}

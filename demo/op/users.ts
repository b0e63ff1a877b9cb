import { randomUUID } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.js';

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  givenName: string | null;
  familyName: string | null;
  /** False for a passwordless account (empty password_hash). */
  hasPassword: boolean;
  createdAt: string;
  /** Progressive profile (SCIM /Me, scim-api.ts): E.164, e.g. +4930123456. */
  phoneNumber: string | null;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string | null;
  postalCode: string | null;
  /** YYYY-MM-DD. */
  birthdate: string | null;
  /** Bumped by every profile change: the SCIM ETag. */
  profileVersion: number;
  /** Last profile change (ISO 8601), or null if never changed since creation. */
  profileUpdatedAt: string | null;
  /**
   * A guest (docs/first-party-challenge.md, "Guest sessions"): when it expires unless bound to an email before
   * (epoch ms). Null for a registered account. A guest has no email, name or password.
   */
  guestExpiresAt: number | null;
}

/** The profile fields a SCIM PATCH may set (null clears one). */
export interface ProfileChanges {
  givenName?: string | null;
  familyName?: string | null;
  phoneNumber?: string | null;
  country?: string | null;
  postalCode?: string | null;
  birthdate?: string | null;
}

export interface NewUser {
  email: string;
  password: string;
  name: string;
  givenName?: string | null;
  familyName?: string | null;
  emailVerified?: boolean;
}

interface UserRow {
  id: string;
  email: string;
  email_verified: number;
  password_hash: string;
  name: string;
  given_name: string | null;
  family_name: string | null;
  created_at: string;
  phone_number: string | null;
  country: string | null;
  postal_code: string | null;
  birthdate: string | null;
  profile_version: number;
  profile_updated_at: string | null;
  guest_expires_at: number | null;
}

/**
 * Columns added after the first release of the users table: ALTER TABLE on
 * start adds whichever an existing SQLite file lacks (new files too, so there
 * is one way these columns come to be).
 */
const ADDED_COLUMNS: Record<string, string> = {
  phone_number: 'TEXT',
  country: 'TEXT',
  postal_code: 'TEXT',
  birthdate: 'TEXT',
  profile_version: 'INTEGER NOT NULL DEFAULT 1',
  profile_updated_at: 'TEXT',
  // Guests: set while the account is one (epoch ms of its expiry), NULL once registered.
  guest_expires_at: 'INTEGER',
};

export function migrateUsers(sqlite: BetterSqlite3.Database): void {
  const existing = new Set((sqlite.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
    if (!existing.has(name)) sqlite.exec(`ALTER TABLE users ADD COLUMN ${name} ${type}`);
  }
}

export class EmailTakenError extends Error {
  constructor() {
    super('An account with this email already exists.');
    this.name = 'EmailTakenError';
  }
}

// The forms' own check (src/core/email.ts), so the page and the OP agree on what an address is.
export { isEmail } from '../../src/core/email.js';

/** Emails are compared case-insensitively, so they are stored lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function joinName(givenName: string | null, familyName: string | null): string {
  return [givenName, familyName].filter(Boolean).join(' ');
}

/**
 * The display name after the name parts changed: follows the parts when it was
 * made of them (or empty), else stays as the person typed it at registration
 * (one name field there, no split we could trust).
 */
export function formattedName(before: Pick<User, 'name' | 'givenName' | 'familyName'>, after: Pick<User, 'givenName' | 'familyName'>): string {
  const derived = before.name === '' || before.name === joinName(before.givenName, before.familyName);
  return derived ? joinName(after.givenName, after.familyName) : before.name;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.email_verified === 1,
    name: row.name,
    givenName: row.given_name,
    familyName: row.family_name,
    hasPassword: row.password_hash !== '',
    createdAt: row.created_at,
    phoneNumber: row.phone_number,
    country: row.country,
    postalCode: row.postal_code,
    birthdate: row.birthdate,
    profileVersion: row.profile_version,
    profileUpdatedAt: row.profile_updated_at,
    guestExpiresAt: row.guest_expires_at,
  };
}

/**
 * What a guest has in the NOT NULL, UNIQUE email column (older databases cannot drop the constraint): never
 * sent anywhere, and never equal to a typed address, which is always lower-cased before a lookup.
 */
function guestPlaceholderEmail(id: string): string {
  return `Guest:${id}`;
}

export class UserStore {
  readonly #byId: BetterSqlite3.Statement;
  readonly #byEmail: BetterSqlite3.Statement;
  readonly #insert: BetterSqlite3.Statement;
  readonly #setPassword: BetterSqlite3.Statement;
  readonly #rehash: BetterSqlite3.Statement;
  readonly #claim: BetterSqlite3.Statement;
  readonly #updateProfile: BetterSqlite3.Statement;
  readonly #insertGuest: BetterSqlite3.Statement;
  readonly #bindGuest: BetterSqlite3.Statement;
  readonly #removeGuest: BetterSqlite3.Statement;
  readonly #expiredGuests: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    // An expired guest is gone for everyone (tokens, refresh, APIs) before the purge deletes it.
    this.#byId = sqlite.prepare('SELECT * FROM users WHERE id = ? AND (guest_expires_at IS NULL OR guest_expires_at > ?)');
    // Only registered accounts have an address to be found by.
    this.#byEmail = sqlite.prepare('SELECT * FROM users WHERE email = ? AND guest_expires_at IS NULL');
    this.#insert = sqlite.prepare(
      `INSERT INTO users (id, email, email_verified, password_hash, name, given_name, family_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#setPassword = sqlite.prepare('UPDATE users SET password_hash = ?, email_verified = MAX(email_verified, ?) WHERE id = ?');
    // Only if the hash is still the one just verified: a reset meanwhile wins.
    this.#rehash = sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?');
    this.#claim = sqlite.prepare("UPDATE users SET password_hash = '', email_verified = 1 WHERE id = ? AND email_verified = 0");
    // One statement checks the version and writes: two PATCHes with the same
    // If-Match cannot both win.
    this.#updateProfile = sqlite.prepare(
      `UPDATE users SET name = @name, given_name = @givenName, family_name = @familyName, phone_number = @phoneNumber,
         country = @country, postal_code = @postalCode, birthdate = @birthdate,
         profile_version = profile_version + 1, profile_updated_at = @at
       WHERE id = @id AND profile_version = @version`,
    );
    this.#insertGuest = sqlite.prepare(
      `INSERT INTO users (id, email, email_verified, password_hash, name, created_at, guest_expires_at) VALUES (?, ?, 0, '', '', ?, ?)`,
    );
    this.#bindGuest = sqlite.prepare(
      `UPDATE users SET email = ?, email_verified = 1, password_hash = ?, name = ?, guest_expires_at = NULL
       WHERE id = ? AND guest_expires_at > ?`,
    );
    this.#removeGuest = sqlite.prepare('DELETE FROM users WHERE id = ? AND guest_expires_at IS NOT NULL');
    this.#expiredGuests = sqlite.prepare('SELECT id FROM users WHERE guest_expires_at <= ?');
  }

  findById(id: string, now = Date.now()): User | undefined {
    const row = this.#byId.get(id, now) as UserRow | undefined;
    return row && toUser(row);
  }

  findByEmail(email: string): User | undefined {
    const row = this.#byEmail.get(normalizeEmail(email)) as UserRow | undefined;
    return row && toUser(row);
  }

  async create(input: NewUser): Promise<User> {
    return this.createWithHash({ ...input, passwordHash: await hashPassword(input.password) });
  }

  /**
   * For sign-up by email code: the password was hashed when the flow started,
   * never stored in clear. `passwordHash: ''` makes a passwordless account.
   */
  createWithHash(input: Omit<NewUser, 'password'> & { passwordHash: string }): User {
    const { passwordHash } = input;
    const id = randomUUID();
    try {
      this.#insert.run(
        id,
        normalizeEmail(input.email),
        input.emailVerified ? 1 : 0,
        passwordHash,
        input.name.trim(),
        input.givenName ?? null,
        input.familyName ?? null,
        new Date().toISOString(),
      );
    } catch (err) {
      // The UNIQUE index is the source of truth: it also covers two
      // registrations racing each other between the check and the insert.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError();
      throw err;
    }
    return this.findById(id)!;
  }

  /** A guest account: an ordinary user id (its `sub`), no email, name or password, gone after `expiresAt` (epoch ms). */
  createGuest(expiresAt: number): User {
    const id = randomUUID();
    this.#insertGuest.run(id, guestPlaceholderEmail(id), new Date().toISOString(), expiresAt);
    return this.findById(id)!;
  }

  /**
   * A live guest becomes a registered account with a verified address (same id, so the same `sub`). Undefined
   * when it is no guest (any more) or has expired; EmailTakenError when the address was registered meanwhile.
   */
  bindGuest(id: string, account: { email: string; name: string; passwordHash: string }): User | undefined {
    try {
      const changed = this.#bindGuest.run(normalizeEmail(account.email), account.passwordHash, account.name.trim(), id, Date.now()).changes;
      return changed ? this.findById(id) : undefined;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError();
      throw err;
    }
  }

  /** Deletes a guest's row (never a registered account's). True when there was one. */
  removeGuest(id: string): boolean {
    return this.#removeGuest.run(id).changes > 0;
  }

  /** Ids of the guests that expired by `now` (epoch ms). */
  expiredGuests(now = Date.now()): string[] {
    return (this.#expiredGuests.all(now) as { id: string }[]).map((row) => row.id);
  }

  /**
   * Replaces the password. `emailVerified` marks the address verified too: a
   * recovery code that reached the mailbox proves it (it is never unset here).
   */
  async setPassword(id: string, password: string, emailVerified = false): Promise<void> {
    this.#setPassword.run(await hashPassword(password), emailVerified ? 1 : 0, id);
  }

  /**
   * The owner of an address proved it (an emailed code) on an account whose address was never verified: whoever
   * made that account may not be the owner, so its password goes (the account is passwordless until the owner
   * sets one) and the address counts as verified. True when the account was unverified.
   */
  claimUnverified(id: string): boolean {
    return this.#claim.run(id).changes > 0;
  }

  /**
   * Applies profile changes if the profile is still at `version` (the ETag the
   * client saw). Returns the updated user, or undefined when it changed meanwhile
   * (or the user is gone). Every successful call bumps the version.
   */
  updateProfile(user: User, version: number, changes: ProfileChanges): User | undefined {
    const next = { ...user, ...changes };
    const result = this.#updateProfile.run({
      id: user.id,
      version,
      name: formattedName(user, next),
      givenName: next.givenName,
      familyName: next.familyName,
      phoneNumber: next.phoneNumber,
      country: next.country,
      postalCode: next.postalCode,
      birthdate: next.birthdate,
      at: new Date().toISOString(),
    });
    return result.changes > 0 ? this.findById(user.id) : undefined;
  }

  /** Returns the user only if the password matches; timing does not depend on whether the email exists. */
  async verifyCredentials(email: string, password: string): Promise<User | undefined> {
    const row = this.#byEmail.get(normalizeEmail(email)) as UserRow | undefined;
    // Passwordless accounts also cost one scrypt run, like unknown emails.
    const ok = await verifyPassword(password, row?.password_hash || (await dummyPasswordHash()));
    if (!row?.password_hash || !ok) return undefined;
    // Made with older, cheaper parameters: the password is at hand only now, so store it at today's cost.
    if (needsRehash(row.password_hash)) this.#rehash.run(await hashPassword(password), row.id, row.password_hash);
    return toUser(row);
  }
}

import { randomUUID } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';

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
  };
}

export class UserStore {
  readonly #byId: BetterSqlite3.Statement;
  readonly #byEmail: BetterSqlite3.Statement;
  readonly #insert: BetterSqlite3.Statement;
  readonly #setPassword: BetterSqlite3.Statement;
  readonly #claim: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#byId = sqlite.prepare('SELECT * FROM users WHERE id = ?');
    this.#byEmail = sqlite.prepare('SELECT * FROM users WHERE email = ?');
    this.#insert = sqlite.prepare(
      `INSERT INTO users (id, email, email_verified, password_hash, name, given_name, family_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#setPassword = sqlite.prepare('UPDATE users SET password_hash = ?, email_verified = MAX(email_verified, ?) WHERE id = ?');
    this.#claim = sqlite.prepare("UPDATE users SET password_hash = '', email_verified = 1 WHERE id = ? AND email_verified = 0");
  }

  findById(id: string): User | undefined {
    const row = this.#byId.get(id) as UserRow | undefined;
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

  /** Returns the user only if the password matches; timing does not depend on whether the email exists. */
  async verifyCredentials(email: string, password: string): Promise<User | undefined> {
    const row = this.#byEmail.get(normalizeEmail(email)) as UserRow | undefined;
    // Passwordless accounts also cost one scrypt run, like unknown emails.
    const ok = await verifyPassword(password, row?.password_hash || (await dummyPasswordHash()));
    return row?.password_hash && ok ? toUser(row) : undefined;
  }
}

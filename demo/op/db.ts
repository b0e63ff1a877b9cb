import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BetterSqlite3 } from 'better-sqlite3';
import { OIDC_PAYLOADS_SCHEMA } from './adapter.js';
import { ReceiptStore } from './consent-receipts.js';
import { DeviceSessionStore } from './device-sessions.js';
import { ConsentStore } from './consents.js';
import { DeviceStore } from './devices.js';
import { FederationStore } from './federation-store.js';
import { MailStore } from './mailbox.js';
import { OrganizationStore } from './organizations.js';
import { PasskeyStore } from './passkeys.js';
import { hashPassword } from './password.js';
import { UserStore, migrateUsers } from './users.js';

/** The one account that exists on a fresh database, for demos and tests. */
export const SEEDED_USER = Object.freeze({
  email: 'ada@example.com',
  password: 'correct-horse-battery-staple',
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  email_verified: true,
});

export interface OpDb {
  readonly sqlite: BetterSqlite3.Database;
  readonly users: UserStore;
  readonly consents: ConsentStore;
  /** Where each user is signed in, for the device list (see device-sessions.ts). */
  readonly deviceSessions: DeviceSessionStore;
  /** Consent receipts for purposes such as terms and marketing (see consent-receipts.ts). */
  readonly receipts: ReceiptStore;
  /** The dev mailbox: every email the OP "sends" (see mailbox.ts). */
  readonly mails: MailStore;
  /** Passkeys (WebAuthn credentials), user handles and registration challenges (see passkeys.ts). */
  readonly passkeys: PasskeyStore;
  /** Linked upstream identities and federation round trips (see federation-store.ts). */
  readonly federation: FederationStore;
  /** Where each account has signed in from, for new-device notices (see devices.ts). */
  readonly devices: DeviceStore;
  /** Organizations, memberships with roles, invitations (see organizations.ts). */
  readonly organizations: OrganizationStore;
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  email_verified INTEGER NOT NULL DEFAULT 0,
  -- '' for a passwordless account (signs in with passkeys or emailed codes).
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  given_name TEXT,
  family_name TEXT,
  created_at TEXT NOT NULL
);

${OIDC_PAYLOADS_SCHEMA}
-- What each user allowed each client, so consent is asked once per user and
-- client, even after a sign-out revoked the grant that carried it.
CREATE TABLE IF NOT EXISTS consents (
  account_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  claims TEXT NOT NULL,
  rejected TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, client_id)
);

-- Flows of the authorization challenge endpoint (first-party sign-in, sign-up,
-- recovery), keyed by the SHA-256 of the auth_session value; state is JSON.
CREATE TABLE IF NOT EXISTS auth_sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  account_id TEXT,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  consumed_at INTEGER
);
CREATE INDEX IF NOT EXISTS auth_sessions_account_id ON auth_sessions (account_id);

-- Sign-in links (email-links.ts), by the SHA-256 of the link's token: which
-- auth_session (its id) a link is for; decided once, 10 minutes.
CREATE TABLE IF NOT EXISTS email_links (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  challenge TEXT NOT NULL,
  device TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'approved', 'declined'))
);
CREATE INDEX IF NOT EXISTS email_links_session_id ON email_links (session_id);

-- The dev mailbox: emails the OP would have sent.
CREATE TABLE IF NOT EXISTS mails (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  code TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mails_recipient ON mails (recipient, created_at);

-- Passkeys: one row per WebAuthn credential (id = credential ID, base64url;
-- public_key = its COSE key; transports = JSON array of strings).
CREATE TABLE IF NOT EXISTS passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  public_key BLOB NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]',
  device_type TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX IF NOT EXISTS passkeys_user_id ON passkeys (user_id, created_at);

-- Each user's WebAuthn user handle: random, stable, and not the user id, so
-- authenticators (which store it with the passkey) learn nothing from it. A
-- side table, so existing databases need no migration of users.
CREATE TABLE IF NOT EXISTS webauthn_users (
  user_id TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE
);

-- Pending passkey registration challenges (single-use, 5 minutes), bound to
-- the user who asked for them. Sign-in challenges live in auth_sessions.
CREATE TABLE IF NOT EXISTS webauthn_challenges (
  challenge TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Federation (federation-store.ts). Which upstream identity (issuer + subject,
-- never the email) belongs to which account; email is the upstream's at link time.
CREATE TABLE IF NOT EXISTS federated_identities (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  email TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (issuer, subject)
);
CREATE INDEX IF NOT EXISTS federated_identities_user_id ON federated_identities (user_id, created_at);

-- Round trips to an upstream in progress, by the SHA-256 of their state value
-- (nonce, PKCE verifier, where they belong; JSON), single-use.
CREATE TABLE IF NOT EXISTS federation_requests (
  id TEXT PRIMARY KEY,
  interaction_uid TEXT,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  consumed_at INTEGER
);
CREATE INDEX IF NOT EXISTS federation_requests_uid ON federation_requests (interaction_uid);

-- A verified upstream identity waiting in its OP interaction (e.g. for proof
-- of the existing account before linking).
CREATE TABLE IF NOT EXISTS federation_pending (
  interaction_uid TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Single-use tokens by SHA-256: 'link' (connections API, 5 minutes) and
-- 'unlink' (the "this wasn't me" link of the notice email).
CREATE TABLE IF NOT EXISTS federation_tokens (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  consumed_at INTEGER
);

-- Consent receipts (consent-receipts.ts): one row per grant or withdrawal of
-- a purpose, never changed; the latest per purpose is the current state.
-- version and hash: the document's, for purposes that have one.
CREATE TABLE IF NOT EXISTS consent_receipts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  version TEXT,
  hash TEXT,
  action TEXT NOT NULL CHECK (action IN ('grant', 'withdraw')),
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_receipts_user_id ON consent_receipts (user_id, at);

-- Secrets that must survive restarts (cookie signing keys, JWKS).
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export async function openDb(path: string): Promise<OpDb> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // WAL with NORMAL sync: commits wait for no fsync (the WAL is synced at checkpoints). A crash may lose the
  // last commits of a demo, never the database, and a write costs microseconds instead of an fsync.
  sqlite.pragma('synchronous = NORMAL');
  // A restart may briefly overlap with a previous process still checkpointing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec(SCHEMA);
  migrateUsers(sqlite);
  sqlite.prepare('DELETE FROM oidc_payloads WHERE expires_at IS NOT NULL AND expires_at <= ?').run(Date.now());

  const users = new UserStore(sqlite);
  const getStmt = sqlite.prepare('SELECT value FROM settings WHERE key = ?');
  const setStmt = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const db: OpDb = {
    sqlite,
    users,
    consents: new ConsentStore(sqlite),
    deviceSessions: new DeviceSessionStore(sqlite),
    receipts: new ReceiptStore(sqlite),
    mails: new MailStore(sqlite),
    passkeys: new PasskeyStore(sqlite),
    federation: new FederationStore(sqlite),
    devices: new DeviceStore(sqlite),
    organizations: new OrganizationStore(sqlite),
    getSetting: (key) => (getStmt.get(key) as { value: string } | undefined)?.value,
    setSetting: (key, value) => {
      setStmt.run(key, value);
    },
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };

  if (!users.findByEmail(SEEDED_USER.email)) {
    users.createWithHash({
      email: SEEDED_USER.email,
      passwordHash: await seededPasswordHash(),
      name: SEEDED_USER.name,
      givenName: SEEDED_USER.given_name,
      familyName: SEEDED_USER.family_name,
      emailVerified: SEEDED_USER.email_verified,
    });
  }
  // The demo's organizations, with Ada in all three (once: a database that has organizations keeps its own).
  const ada = users.findByEmail(SEEDED_USER.email);
  if (ada) db.organizations.seed(ada.id);
  return db;
}

// The seeded password is public (README, tests), so one hash of it per process
// costs no secrecy and saves a scrypt run (0.4 s) on every new database: test
// suites start many OPs.
let seededHash: Promise<string> | undefined;
function seededPasswordHash(): Promise<string> {
  seededHash ??= hashPassword(SEEDED_USER.password);
  return seededHash;
}

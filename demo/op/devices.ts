import { createHash } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';

// The devices each account has signed in from, so a sign-in from a new one
// can be told to the owner (emails.ts newSignInMail). A "device" is the
// browser's User-Agent and the client address, hashed: crude (a new address
// looks like a new device), but it needs no cookie, which the embedded
// flow's cross-origin requests do not carry, and it stores nothing readable.

export class DeviceStore {
  readonly #remember: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS known_devices (
  user_id TEXT NOT NULL,
  device TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY (user_id, device)
)`);
    this.#remember = sqlite.prepare('INSERT OR IGNORE INTO known_devices (user_id, device, first_seen) VALUES (?, ?, ?)');
  }

  /** Records the device for the account; true when the account had not signed in from it before. */
  remember(userId: string, device: { userAgent: string; address: string }): boolean {
    const id = createHash('sha256').update(`${device.userAgent}\n${device.address}`).digest('base64url');
    return this.#remember.run(userId, id, new Date().toISOString()).changes === 1;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { digest } from './auth-sessions.js';
import { describeUserAgent } from './device-sessions.js';
import { safeEqual } from './one-time-code.js';

// Sign-in links by email, scanner-proof (docs/first-party-challenge.md, "Sign-in links").
// The link opens the app's own page (the flow's registered redirect_uri) with
// the token in the fragment, which no server sees: a mail scanner's GET or
// HEAD reaches the app's static page and changes nothing. Only a POST from
// that page decides, and it decides for the browser that asked, which is
// still waiting on its auth_session and is the one that signs in:
//  - the asking browser proves itself with the verifier it kept (its SHA-256,
//    `link_challenge`, came with the request): approved at once;
//  - any other browser is shown which device asked, and approves or declines.
// A link lives 10 minutes and decides once; a new link replaces the last one.

export const LINK_TTL_MS = 10 * 60 * 1000;
export const LINK_MINUTES = LINK_TTL_MS / 60_000;
/** Seconds between the waiting browser's status requests. */
export const POLL_INTERVAL_S = 2;
/** base64url of 32 random bytes (the token) or of a SHA-256 (the challenge). */
const B64URL_256 = /^[A-Za-z0-9_-]{43}$/;

export type LinkStatus = 'sent' | 'approved' | 'declined';

export interface EmailLink {
  sessionId: string;
  /** base64url SHA-256 of the verifier the asking browser keeps ('' when it keeps none: every device is asked). */
  challenge: string;
  /** "Chrome on Linux": the asking browser, as another device's confirmation names it. */
  device: string;
  requestedAt: number;
  expiresAt: number;
  status: LinkStatus;
}

interface Row {
  session_id: string;
  challenge: string;
  device: string;
  requested_at: number;
  expires_at: number;
  status: LinkStatus;
}

const fromRow = (row: Row): EmailLink => ({
  sessionId: row.session_id,
  challenge: row.challenge,
  device: row.device,
  requestedAt: row.requested_at,
  expiresAt: row.expires_at,
  status: row.status,
});

export function isLinkValue(value: string | undefined): value is string {
  return value !== undefined && B64URL_256.test(value);
}

/** Whether `verifier` is the one whose SHA-256 the asking browser sent. */
export function provesBrowser(link: EmailLink, verifier: string | undefined): boolean {
  return (
    link.challenge !== '' &&
    verifier !== undefined &&
    verifier.length <= 128 &&
    safeEqual(createHash('sha256').update(verifier).digest('base64url'), link.challenge)
  );
}

export function deviceName(userAgent: string): string {
  const { browser, os } = describeUserAgent(userAgent);
  return `${browser} on ${os}`;
}

/** `redirect_uri` is registered and has no fragment (RFC 6749 §3.1.2): the token goes there. */
export function linkUrl(redirectUri: string, token: string): string {
  return `${redirectUri}#ciam_link=${token}`;
}

/** The links by the SHA-256 of their token (the database holds no token anyone could open). */
export class LinkStore {
  readonly #drop: BetterSqlite3.Statement;
  readonly #insert: BetterSqlite3.Statement;
  readonly #byToken: BetterSqlite3.Statement;
  readonly #bySession: BetterSqlite3.Statement;
  readonly #decide: BetterSqlite3.Statement;
  readonly #purge: BetterSqlite3.Statement;
  /** When each flow last asked for its link's status (slow_down); forgotten after a minute. */
  readonly #polled = new Map<string, number>();

  constructor(sqlite: BetterSqlite3.Database) {
    this.#drop = sqlite.prepare('DELETE FROM email_links WHERE session_id = ?');
    this.#insert = sqlite.prepare(
      "INSERT INTO email_links (id, session_id, challenge, device, requested_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, 'sent')",
    );
    const columns = 'session_id, challenge, device, requested_at, expires_at, status';
    this.#byToken = sqlite.prepare(`SELECT ${columns} FROM email_links WHERE id = ?`);
    this.#bySession = sqlite.prepare(`SELECT ${columns} FROM email_links WHERE session_id = ?`);
    this.#decide = sqlite.prepare("UPDATE email_links SET status = ? WHERE id = ? AND status = 'sent' AND expires_at > ?");
    this.#purge = sqlite.prepare('DELETE FROM email_links WHERE expires_at <= ?');
  }

  /** A new link for the flow (its earlier one stops working); the token goes into the email only. */
  issue(sessionId: string, challenge: string, userAgent: string, now = Date.now()): string {
    this.#purge.run(now);
    this.#drop.run(sessionId);
    const token = randomBytes(32).toString('base64url');
    this.#insert.run(digest(token), sessionId, challenge, deviceName(userAgent), now, now + LINK_TTL_MS);
    return token;
  }

  /** The link a token opens, if it is still undecided and live. */
  open(token: string, now = Date.now()): EmailLink | undefined {
    const row = this.#byToken.get(digest(token)) as Row | undefined;
    return row && row.status === 'sent' && now < row.expires_at ? fromRow(row) : undefined;
  }

  /** The flow's link, whatever became of it. */
  ofSession(sessionId: string): EmailLink | undefined {
    const row = this.#bySession.get(sessionId) as Row | undefined;
    return row && fromRow(row);
  }

  /** Approves or declines, once: false when the link was decided (or expired) meanwhile. */
  decide(token: string, status: Exclude<LinkStatus, 'sent'>, now = Date.now()): boolean {
    return this.#decide.run(status, digest(token), now).changes === 1;
  }

  /** The flow is over (signed in, declined): its link goes. */
  forget(sessionId: string): void {
    this.#drop.run(sessionId);
    this.#polled.delete(sessionId);
  }

  /** Whether this status request comes sooner than half the interval after the last (RFC 8628 §3.5 slow_down). */
  tooSoon(sessionId: string, now = Date.now()): boolean {
    const last = this.#polled.get(sessionId);
    if (this.#polled.size > 10_000) for (const [id, at] of this.#polled) if (now - at > 60_000) this.#polled.delete(id);
    this.#polled.set(sessionId, now);
    return last !== undefined && now - last < (POLL_INTERVAL_S * 1000) / 2;
  }
}

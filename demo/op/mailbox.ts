import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BetterSqlite3 } from 'better-sqlite3';
import { sendHtml, sendText } from './http.js';
import { normalizeEmail } from './users.js';
import { mailboxPage } from './views.js';

// The demo OP sends no real email. Every message it would send (sign-in and
// verification codes, notices) lands in this table instead, and the dev
// mailbox pages show it: a person reads it at /mailbox, tests and scripts read
// the codes from /mailbox.json. Development only: anyone who can reach the OP
// can read every mail, so never expose it beyond loopback.

export interface Mail {
  id: number;
  to: string;
  subject: string;
  text: string;
  /** The one-time code the mail carries, if any (saves tests from parsing text). */
  code?: string;
  created_at: string;
}

interface MailRow {
  id: number;
  recipient: string;
  subject: string;
  text: string;
  code: string | null;
  created_at: string;
}

const LIST_LIMIT = 200;

function toMail(row: MailRow): Mail {
  return {
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    ...(row.code ? { code: row.code } : {}),
    created_at: row.created_at,
  };
}

export class MailStore {
  readonly #insert: BetterSqlite3.Statement;
  readonly #all: BetterSqlite3.Statement;
  readonly #to: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#insert = sqlite.prepare('INSERT INTO mails (recipient, subject, text, code, created_at) VALUES (?, ?, ?, ?, ?)');
    // id breaks ties between mails sent in the same millisecond.
    this.#all = sqlite.prepare(`SELECT * FROM mails ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT}`);
    this.#to = sqlite.prepare(`SELECT * FROM mails WHERE recipient = ? ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT}`);
  }

  send(mail: { to: string; subject: string; text: string; code?: string }): void {
    this.#insert.run(normalizeEmail(mail.to), mail.subject, mail.text, mail.code ?? null, new Date().toISOString());
  }

  /** Newest first; `to` is compared like sign-in emails (case-insensitively). */
  list(to?: string): Mail[] {
    const rows = (to ? this.#to.all(normalizeEmail(to)) : this.#all.all()) as MailRow[];
    return rows.map(toMail);
  }
}

export type MailboxHandler = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/** GET /mailbox (HTML) and GET /mailbox.json[?to=email] (JSON), newest first. */
export function createMailboxHandler(mails: MailStore): MailboxHandler {
  return (req, res, path) => {
    if (path !== '/mailbox' && path !== '/mailbox.json') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    const to = new URL(req.url ?? '/', 'http://op.invalid').searchParams.get('to')?.trim() || undefined;
    const list = mails.list(to);
    if (path === '/mailbox.json') {
      sendText(res, 200, JSON.stringify(list), 'application/json; charset=utf-8');
    } else {
      sendHtml(res, 200, mailboxPage(list, to));
    }
    return true;
  };
}

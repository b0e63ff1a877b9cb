/**
 * Consent to purposes (terms, privacy policy, marketing, ...) and the receipts
 * that record it. The OP is the source of truth: it knows the purposes, which
 * version of each legal document is current (and its hash), keeps one receipt
 * per grant or withdrawal, and signs receipts with its ID token key so the
 * user (or anyone they hand one to) can check them against its /jwks.
 * The API is consents-api.ts; this file is storage, purposes and the receipt format.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BetterSqlite3 } from 'better-sqlite3';
import { CompactSign, importJWK } from 'jose';
import type { JWK } from 'jose';

export type ConsentAction = 'grant' | 'withdraw';

/** A purpose as configured (`startOp({ consentPurposes })`). */
export interface ConsentPurposeConfig {
  /** Stable id, e.g. `terms` (letters, digits, `_`, `-`). */
  id: string;
  title: string;
  required: boolean;
  /** A legal document the user agrees to, served at <issuer>/legal/<id>/<version>. */
  document?: { version: string; text: string; changesUrl?: string | null };
}

export interface DocumentVersion {
  version: string;
  text: string;
  /** `sha256-<base64url>` of the text (UTF-8). */
  hash: string;
  changesUrl: string | null;
  /** When it became current (ms); configured versions count as always. */
  publishedAt: number;
}

export interface Receipt {
  id: string;
  userId: string;
  purpose: string;
  version: string | null;
  hash: string | null;
  action: ConsentAction;
  /** ISO 8601. */
  at: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
// Versions end up in a URL path: keep them plain.
const VERSION = /^[A-Za-z0-9._-]{1,32}$/;

const DEMO_TERMS = `Demo ID Terms of Service, version 2026-11.

Demo ID is a demonstration sign-in service for ciam-elements. It runs on your own computer and keeps its data in one local file.

You may use it to try out sign-in, sign-up and account settings. There is no warranty of any kind: do not store anything real in it.`;

const DEMO_PRIVACY = `Demo ID Privacy Policy, version 2026-11.

Demo ID keeps what you give it: your email address, your name, a password hash, passkeys, and the profile details you add. It keeps a record of each consent you give or withdraw.

Nothing leaves your computer: emails are shown in a development mailbox instead of being sent. Delete the database file to remove everything.`;

/** The purposes of the demo (what `startOp` uses without `consentPurposes`). */
export const DEMO_CONSENT_PURPOSES: readonly ConsentPurposeConfig[] = Object.freeze([
  { id: 'terms', title: 'Terms of service', required: true, document: { version: '2026-11', text: DEMO_TERMS, changesUrl: null } },
  { id: 'privacy', title: 'Privacy policy', required: true, document: { version: '2026-11', text: DEMO_PRIVACY, changesUrl: null } },
  { id: 'marketing', title: 'Product news by email', required: false },
  { id: 'analytics', title: 'Usage analytics', required: false },
]);

/** `sha256-` and the base64url SHA-256 of the text, like Subresource Integrity but URL-safe. */
export function documentHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64url')}`;
}

export function documentUrl(issuer: string, purpose: string, version: string): string {
  return new URL(`/legal/${encodeURIComponent(purpose)}/${encodeURIComponent(version)}`, issuer).href;
}

/**
 * The configured purposes and every version of their documents. Published
 * versions live in memory (until the OP stops): the configuration is what a
 * start begins with.
 */
export class Purposes {
  readonly #purposes: ConsentPurposeConfig[];
  readonly #versions = new Map<string, DocumentVersion[]>();

  constructor(
    readonly issuer: string,
    config: readonly ConsentPurposeConfig[],
  ) {
    const ids = new Set<string>();
    for (const purpose of config) {
      if (!ID.test(purpose.id) || ids.has(purpose.id)) throw new Error(`consent purpose id "${purpose.id}" is invalid or repeated`);
      ids.add(purpose.id);
    }
    this.#purposes = config.map((p) => ({ ...p }));
    for (const { id, document } of config) {
      if (document) this.#add(id, document.version, document.text, document.changesUrl ?? null, 0);
    }
  }

  get list(): readonly ConsentPurposeConfig[] {
    return this.#purposes;
  }

  find(id: string): ConsentPurposeConfig | undefined {
    return this.#purposes.find((p) => p.id === id);
  }

  /** The current version of a purpose's document, undefined for purposes without one. */
  current(id: string): DocumentVersion | undefined {
    return this.#versions.get(id)?.at(-1);
  }

  version(id: string, version: string): DocumentVersion | undefined {
    return this.#versions.get(id)?.find((v) => v.version === version);
  }

  /** The version that was current at `at` (ms). */
  currentAt(id: string, at: number): DocumentVersion | undefined {
    return this.#versions.get(id)?.findLast((v) => v.publishedAt <= at) ?? this.#versions.get(id)?.[0];
  }

  /** Makes `version` the current document of a purpose that has documents (for tests and demos). */
  publish(id: string, version: string, text: string, changesUrl: string | null = null): DocumentVersion {
    if (!this.current(id)) throw new Error(`consent purpose "${id}" has no document`);
    return this.#add(id, version, text, changesUrl, Date.now());
  }

  #add(id: string, version: string, text: string, changesUrl: string | null, publishedAt: number): DocumentVersion {
    if (!VERSION.test(version)) throw new Error(`document version "${version}" must be 1–32 of letters, digits, ".", "_", "-"`);
    const versions = this.#versions.get(id) ?? [];
    if (versions.some((v) => v.version === version)) throw new Error(`${id} ${version} exists already`);
    const entry = { version, text, hash: documentHash(text), changesUrl, publishedAt };
    this.#versions.set(id, [...versions, entry]);
    return entry;
  }
}

interface ReceiptRow {
  id: string;
  user_id: string;
  purpose: string;
  version: string | null;
  hash: string | null;
  action: ConsentAction;
  at: string;
}

function toReceipt(row: ReceiptRow): Receipt {
  return { id: row.id, userId: row.user_id, purpose: row.purpose, version: row.version, hash: row.hash, action: row.action, at: row.at };
}

export class ReceiptStore {
  readonly #insert: BetterSqlite3.Statement;
  readonly #byUser: BetterSqlite3.Statement;
  readonly #byId: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#insert = sqlite.prepare('INSERT INTO consent_receipts (id, user_id, purpose, version, hash, action, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // rowid breaks ties between receipts of the same millisecond.
    this.#byUser = sqlite.prepare('SELECT * FROM consent_receipts WHERE user_id = ? ORDER BY at DESC, rowid DESC');
    this.#byId = sqlite.prepare('SELECT * FROM consent_receipts WHERE id = ?');
  }

  add(input: Omit<Receipt, 'id' | 'at'>): Receipt {
    const receipt: Receipt = { ...input, id: randomUUID(), at: new Date().toISOString() };
    this.#insert.run(receipt.id, receipt.userId, receipt.purpose, receipt.version, receipt.hash, receipt.action, receipt.at);
    return receipt;
  }

  /** Newest first. */
  listByUser(userId: string): Receipt[] {
    return (this.#byUser.all(userId) as ReceiptRow[]).map(toReceipt);
  }

  /** The receipt, only when it is this user's. */
  find(userId: string, id: string): Receipt | undefined {
    const row = this.#byId.get(id) as ReceiptRow | undefined;
    return row && row.user_id === userId ? toReceipt(row) : undefined;
  }
}

/** The latest receipt per purpose, from receipts newest first. */
export function latestByPurpose(receipts: readonly Receipt[]): Map<string, Receipt> {
  const latest = new Map<string, Receipt>();
  for (const receipt of receipts) if (!latest.has(receipt.purpose)) latest.set(receipt.purpose, receipt);
  return latest;
}

/**
 * Required documents whose current version the user has not granted: never
 * granted, granted an older version, or withdrawn.
 */
export function outdatedDocuments(purposes: Purposes, latest: ReadonlyMap<string, Receipt>): string[] {
  return purposes.list
    .filter((p) => p.required && purposes.current(p.id))
    .filter((p) => {
      const state = latest.get(p.id);
      return !(state?.action === 'grant' && state.version === purposes.current(p.id)!.version);
    })
    .map((p) => p.id);
}

export const RECEIPT_VERSION = 'KI-CR-v1.1.0-ciam';
export const RECEIPT_TYPE = 'consent-receipt+jwt';
const CONTROLLER = { piiController: 'Demo ID', contact: 'privacy@demo-id.example' };

/**
 * The payload of a signed receipt: the Kantara Consent Receipt v1.1 fields
 * (which ISO/IEC TS 27560 builds on) that fit one decision on one purpose,
 * plus the document's version and hash.
 */
export function receiptPayload(receipt: Receipt, purposes: Purposes, now = Date.now()): Record<string, unknown> {
  const { issuer } = purposes;
  const policy = purposes.find('privacy') && purposes.currentAt('privacy', Date.parse(receipt.at));
  return {
    version: RECEIPT_VERSION,
    jurisdiction: 'EU',
    consentTimestamp: Math.floor(Date.parse(receipt.at) / 1000),
    collectionMethod: 'ciam-elements <ciam-consent>',
    consentReceiptID: receipt.id,
    piiPrincipalId: receipt.userId,
    piiControllers: [{ ...CONTROLLER, url: issuer }],
    ...(policy ? { policyUrl: documentUrl(issuer, 'privacy', policy.version) } : {}),
    services: [
      {
        service: 'Demo App',
        purposes: [
          {
            purpose: purposes.find(receipt.purpose)?.title ?? receipt.purpose,
            purposeCategory: [receipt.purpose],
            consentType: 'EXPLICIT',
            primaryPurpose: false,
            termination: 'withdrawal',
            thirdPartyDisclosure: false,
            purposeGranted: receipt.action === 'grant',
            ...(receipt.version ? { documentVersion: receipt.version } : {}),
            ...(receipt.hash ? { documentHash: receipt.hash } : {}),
          },
        ],
      },
    ],
    sensitive: false,
    iss: issuer,
    iat: Math.floor(now / 1000),
  };
}

/**
 * Compact JWS of the payload with the OP's signing key (the first RS256 key
 * of its JWKS, the one ID tokens are signed with), `kid` in the header and an
 * explicit `typ` so it can never pass for an ID token or access token.
 */
export async function signReceipt(payload: Record<string, unknown>, jwks: { keys: Record<string, unknown>[] }): Promise<string> {
  const jwk = jwks.keys.find((k) => k.alg === 'RS256' && k.use !== 'enc') as (JWK & { kid: string }) | undefined;
  if (!jwk) throw new Error('no RS256 signing key');
  const key = await importJWK(jwk, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: RECEIPT_TYPE }).sign(key);
}

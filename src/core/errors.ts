/**
 * Typed errors: `CiamError` and its plain data form. The codes are
 * error-codes.ts (stable strings, never renamed).
 */
import type { CiamErrorCode } from './error-codes.js';
import { OAuthErrorCodes } from './oauth-codes.js';

export type { CiamErrorCode };

/** Plain data form of an error: what core states and events carry. */
export interface CiamErrorData {
  code: CiamErrorCode;
  /** Developer-facing detail (never rendered as HTML; shown only as text). */
  detail?: string;
  status?: number;
  retryAfterSeconds?: number;
}

export class CiamError extends Error {
  override readonly name = 'CiamError';
  readonly code: CiamErrorCode;
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(data: CiamErrorData) {
    super(data.detail ?? data.code);
    this.code = data.code;
    if (data.status !== undefined) this.status = data.status;
    if (data.retryAfterSeconds !== undefined) this.retryAfterSeconds = data.retryAfterSeconds;
  }

  toData(): CiamErrorData {
    return { code: this.code, detail: this.message, status: this.status, retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** Maps an OAuth `error` value to our code; other values become `unknown` (the caller keeps the text as detail). */
export function oauthErrorCode(error: string): CiamErrorCode {
  return (OAuthErrorCodes as readonly string[]).includes(error) ? (error as CiamErrorCode) : 'unknown';
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * `now` is passed in so core stays free of clocks.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

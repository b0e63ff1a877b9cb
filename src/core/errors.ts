/**
 * Typed errors. Codes are stable strings: i18n message ids (`error.<code>`),
 * event details and tests rely on them, so never rename one.
 */
export const CiamErrorCodes = [
  // transport and server
  'network',
  'timeout',
  'server_error',
  'rate_limited',
  'bad_response',
  // configuration and page
  'config',
  'popup_blocked',
  'invalid_state',
  'session_expired',
  // the OP's answer failed the ID token checks (OIDC Core §3.1.3.7) or RFC 9207; a step-up came back as someone else
  'invalid_id_token',
  'account_mismatch',
  // embedded sign-in, sign-up and recovery
  'invalid_credentials',
  'invalid_code',
  'code_expired',
  'weak_password',
  'invalid_email',
  'invalid_session',
  // passkeys (WebAuthn); passkey_cancelled is never shown as an error
  'passkey_cancelled',
  'passkey_timeout',
  'passkey_not_allowed',
  'passkey_security',
  'passkey_unsupported',
  'passkey_exists',
  'passkey_failed',
  'invalid_passkey',
  'last_credential',
  // OAuth / OIDC error codes, passed through as-is
  'access_denied',
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_response_type',
  'temporarily_unavailable',
  'login_required',
  'consent_required',
  'interaction_required',
  'insufficient_user_authentication',
  'unknown',
] as const;

export type CiamErrorCode = (typeof CiamErrorCodes)[number];

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

export function isCiamErrorCode(value: unknown): value is CiamErrorCode {
  return typeof value === 'string' && (CiamErrorCodes as readonly string[]).includes(value);
}

/** Maps an OAuth `error` value to our code; unknown OAuth codes become `unknown` but keep the text. */
export function oauthErrorCode(error: string): CiamErrorCode {
  return isCiamErrorCode(error) ? error : 'unknown';
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

/**
 * Maps what a WebAuthn ceremony throws (DOMExceptions, and
 * @simplewebauthn/browser's WebAuthnError with its `code`) to our codes.
 * Browsers report "cancelled", "no passkey here" and "timed out" all as
 * NotAllowedError, so the elapsed time tells a timeout from a cancel.
 */
import type { CiamErrorData } from '../core/errors.js';

export type PasskeyOutcome = { cancelled: true } | { cancelled: false; error: CiamErrorData };

/** A ceremony's result: the authenticator's response, or how it ended. */
export type Ceremony<T> = { ok: true; response: T } | ({ ok: false } & PasskeyOutcome);

/** What the browser waits when the OP's options name no timeout (WebAuthn L3 recommends 300 s; we say 60). */
export const defaultTimeoutMs = 60_000;

export function mapWebAuthnError(thrown: unknown, elapsedMs: number, timeoutMs: number): PasskeyOutcome {
  const error = thrown as { name?: string; code?: string; message?: string; cause?: { name?: string } } | null;
  const name = error?.cause?.name ?? error?.name ?? '';
  const code = error?.code ?? '';
  const fail = (c: CiamErrorData['code']): PasskeyOutcome => ({ cancelled: false, error: { code: c, detail: error?.message ?? String(thrown) } });
  if (name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return { cancelled: true };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return fail('passkey_exists');
  if (code === 'ERROR_INVALID_DOMAIN' || code === 'ERROR_INVALID_RP_ID' || name === 'SecurityError') return fail('passkey_security');
  if (
    name === 'NotSupportedError' ||
    code === 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT' ||
    code === 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT' ||
    code === 'ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG' ||
    /WebAuthn is not supported/i.test(error?.message ?? '')
  ) {
    return fail('passkey_unsupported');
  }
  if (name === 'NotAllowedError') return elapsedMs >= timeoutMs - 1000 ? fail('passkey_timeout') : { cancelled: true };
  if (name === 'ConstraintError') return fail('passkey_not_allowed');
  return fail('passkey_failed');
}

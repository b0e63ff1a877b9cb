/**
 * Maps what oidc-client-ts throws to our typed errors. oidc-client-ts has
 * typed classes for OAuth errors and timeouts only; the rest are plain
 * Errors whose messages are stable across its 3.x releases.
 */
import type { CiamErrorData } from '../core/errors.js';
import { CiamError, oauthErrorCode } from '../core/errors.js';

export type MappedError = { cancelled: true } | { cancelled: false; error: CiamErrorData };

export function mapOidcError(thrown: unknown): MappedError {
  // Our own checks (ID token, RFC 9207, step-up user) already say what went wrong.
  if (thrown instanceof CiamError) return { cancelled: false, error: thrown.toData() };
  const error = thrown as { name?: string; message?: string; error?: string; error_description?: string } | null;
  const name = error?.name ?? '';
  const message = error?.message ?? String(thrown);
  const fail = (data: CiamErrorData): MappedError => ({ cancelled: false, error: { detail: message, ...data } });

  // RFC 8693 §2.2.2 (a refresh with an organization borrows it): the user is not in the organization asked for.
  if (name === 'ErrorResponse' && error?.error === 'invalid_target') return fail({ code: 'not_a_member', detail: error.error_description ?? error.error });
  if (name === 'ErrorResponse' && error?.error) {
    return fail({ code: oauthErrorCode(error.error), detail: error.error_description ?? error.error });
  }
  if (name === 'ErrorTimeout' || name === 'TimeoutError') return fail({ code: 'timeout' });
  if (/^Popup closed/.test(message)) return { cancelled: true };
  if (/disposed window|Popup blocked/.test(message)) return fail({ code: 'popup_blocked' });
  if (/No matching state|State does not match|No state in response/.test(message)) return fail({ code: 'invalid_state' });
  if (name === 'SyntaxError' || /Content-Type|JSON/.test(message)) return fail({ code: 'bad_response' });
  const status = /\((\d{3})\)/.exec(message)?.[1];
  if (status) {
    const code = Number(status);
    if (code === 429) return fail({ code: 'rate_limited', status: code });
    return fail({ code: code >= 500 ? 'server_error' : 'bad_response', status: code });
  }
  if (name === 'TypeError' || /fetch|network/i.test(message)) return fail({ code: 'network' });
  if (/id_token|nonce|subject|azp|auth_time/.test(message)) return fail({ code: 'invalid_id_token' });
  return fail({ code: 'unknown' });
}

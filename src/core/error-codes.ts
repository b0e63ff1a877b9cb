/**
 * Every error code, as data: for apps (`import { CiamErrorCodes }`) and for
 * the test that every code has a message. Codes are stable strings: i18n
 * message ids (`error.<code>`), event details and tests rely on them, so
 * never rename one. Not in the first paint: errors.ts needs only the type.
 */
import { OAuthErrorCodes } from './oauth-codes.js';

export const CiamErrorCodes = [
  // transport and server
  'network',
  'timeout',
  // server_error is among the OAuth codes below
  'rate_limited',
  'bad_response',
  // configuration and page
  'config',
  'popup_blocked',
  'invalid_state',
  'session_expired',
  // <ciam-session> ended the session: no activity for too long, or too long since the user authenticated
  'idle_timeout',
  'session_max_age',
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
  // connected accounts (federation)
  'last_connection',
  'already_linked',
  // profile (SCIM): someone saved the profile since this form read it (412)
  'profile_conflict',
  // consent: the document changed while the page showed the old version (409)
  'version_changed',
  // the OP's request for access (hosted <ciam-consent>) expired or was already answered
  'request_expired',
  // the OP's bot check: the proof did not pass, or the check (a provider's widget) could not load
  'bot_check_failed',
  'bot_check_unavailable',
  // sign-in links: declined from the link, expired before anyone opened it, a link page's link used or expired
  'link_declined',
  'link_expired',
  'invalid_link',
  // organizations: not (or no longer) a member of the one asked for (RFC 8693 invalid_target); an invitation used, expired or for another address
  'not_a_member',
  'invalid_invitation',
  // OAuth / OIDC error codes, passed through as-is (oauth-codes.ts)
  ...OAuthErrorCodes,
  'unknown',
] as const;

export type CiamErrorCode = (typeof CiamErrorCodes)[number];

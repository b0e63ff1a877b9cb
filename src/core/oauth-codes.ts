/**
 * The OAuth and OIDC `error` values we have texts for (RFC 6749 §4.1.2.1 and
 * §5.2, OIDC Core §3.1.2.6, RFC 9470), passed through as our codes.
 */
export const OAuthErrorCodes = [
  'access_denied',
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_response_type',
  'server_error',
  'temporarily_unavailable',
  'login_required',
  'consent_required',
  'interaction_required',
  'insufficient_user_authentication',
] as const;

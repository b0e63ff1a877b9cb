/**
 * English messages that only show once the user has acted or the OP has
 * answered: step-up, and the OAuth and protocol errors of a sign-in at the
 * OP, a callback, a restore or a renewal. <ciam-login> loads them when its
 * state first leaves the opening screen (the answer they describe is still
 * on its way then), so the first paint carries none of them. Part of the
 * source catalog. Errors of the first screen (network, timeout, server,
 * rate limits, bad answers, configuration) stay in en.ts.
 */
export const enSession = {
  'stepup.title': 'Confirm it’s you',
  'stepup.lead': 'For your security, sign in again to continue.',
  'error.popup_blocked': 'Your browser blocked the sign-in window.',
  'error.invalid_state': 'This sign-in attempt expired or was already used. Start again.',
  'error.session_expired': 'Your session ended. Sign in again.',
  'error.idle_timeout': 'You were signed out because you were away for a while. Sign in again to continue.',
  'error.session_max_age': 'Your session reached its time limit. Sign in again to continue.',
  'error.invalid_id_token': 'We could not verify the sign-in service’s answer. Start again.',
  'error.account_mismatch': 'You confirmed as a different account. You are still signed in as before.',
  'error.access_denied': 'Sign-in was cancelled or access was denied.',
  'error.invalid_request': 'The sign-in service rejected the request.',
  'error.invalid_client': 'This app is not registered with the sign-in service.',
  'error.invalid_grant': 'This sign-in attempt expired or was already used. Start again.',
  'error.invalid_scope': 'The app asked for access the sign-in service does not offer.',
  'error.unauthorized_client': 'This app may not sign you in this way.',
  'error.unsupported_response_type': 'The sign-in service does not support this app’s sign-in method.',
  'error.temporarily_unavailable': 'The sign-in service is busy. Try again in a moment.',
  'error.login_required': 'Please sign in again.',
  'error.consent_required': 'Your consent is needed to continue.',
  'error.interaction_required': 'The sign-in service needs you to continue on its page.',
  'error.insufficient_user_authentication': 'Please confirm it’s you by signing in again.',
};

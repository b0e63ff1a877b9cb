/**
 * English messages of the embedded/hosted forms: they load with the forms
 * (a lazy chunk), so redirect pages do not carry them. Part of the source
 * catalog: `MessageId` covers these ids too.
 */
export const enForms = {
  'form.problem': 'There is a problem',
  'form.email.label': 'Email',
  'login.continue': 'Continue',
  'login.backToSignIn': 'Back to sign-in',
  /** A guest signing in or up changes their mind: back to the guest session. */
  'guest.continue': 'Continue as guest',
  'recovery.submit': 'Send code',
  'form.email.required': 'Enter your email address.',
  'login.passkey': 'Sign in with a passkey',
  'form.or': 'or',
  'error.invalid_email': 'Enter a valid email address, like name@example.com.',
  'error.invalid_session': 'This took too long, so we started over. Please try again.',
};
